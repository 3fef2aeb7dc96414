// A person's guidance, as the model received it before its next turn, and a pause of the run.
import { CardShell } from './CardShell';
import type { CardProps, EventOf } from './card-types';

export function GuidanceCard({ event }: CardProps<EventOf<'guidance'>>) {
  return (
    <CardShell kind="guidance" icon="comment" heading={`Guidance from ${event.from}`} time={event.time}>
      <p className="card-line guidance-text">{event.text}</p>
    </CardShell>
  );
}

export function PauseCard({ event }: CardProps<EventOf<'pause'>>) {
  return (
    <CardShell
      kind="pause"
      icon={event.paused ? 'debug-pause' : 'debug-continue'}
      heading={event.paused ? 'Paused before the next model turn' : 'Resumed'}
      time={event.time}
    />
  );
}
