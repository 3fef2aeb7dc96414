// A shell command: the verdict and who decided, the exit code and time, the output on request.
import { CardShell, Toggle, seconds } from './CardShell';
import type { CardProps, EventOf } from './card-types';

export function CommandCard({ event, isOpen, toggle }: CardProps<EventOf<'command'>>) {
  const open = isOpen('output');
  const failed = event.ran && (event.exitCode !== 0 || event.timedOut);
  return (
    <CardShell
      kind="command"
      icon="terminal"
      heading={<code className="command-text">{event.command}</code>}
      time={event.time}
      tone={!event.ran ? 'warning' : failed ? 'error' : 'ok'}
    >
      <p className="card-line">
        <span className={`badge verdict-${event.verdict}`}>{event.verdict}</span> {decidedBy(event)}
        {event.ran
          ? ` · ${event.timedOut ? 'timed out' : `exit ${event.exitCode}`} after ${seconds(event.durationMs)}`
          : ` · not run${event.refusal ? `: ${event.refusal}` : ''}`}
      </p>
      {event.rationale && <p className="card-line muted">{event.rationale}</p>}
      {event.output && (
        <Toggle open={open} onToggle={() => toggle('output')}>
          Output
        </Toggle>
      )}
      {open && <pre className="command-output">{event.output}</pre>}
    </CardShell>
  );
}

function decidedBy(event: EventOf<'command'>): string {
  if (event.decidedBy === 'person') return event.ran ? 'approved by you' : 'rejected by you';
  if (event.decidedBy === 'headless') return 'refused: nobody could approve';
  if (event.decidedBy === 'interrupted') return 'interrupted while it waited for your answer';
  return event.pattern ? `by the policy (${event.pattern})` : 'by the policy';
}
