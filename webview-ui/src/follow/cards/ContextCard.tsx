// What the model was given: steering documents (included or not, and why), spec parts, files in
// play, and the size of the system prompt.
import { CardShell, Toggle, tokens } from './CardShell';
import type { CardProps, EventOf } from './card-types';

export function ContextCard({ event, isOpen, toggle }: CardProps<EventOf<'context'>>) {
  const included = event.steering.filter((s) => s.included);
  const open = isOpen('steering');
  const heading = event.turn === 0 ? 'Context' : `Steering joined before request ${event.turn + 1}`;
  return (
    <CardShell kind="context" icon="book" heading={heading} time={event.time}>
      <p className="card-line">
        {included.length} of {event.steering.length} steering documents · ~{tokens(event.estimatedTokens)} tokens
        {event.spec.requirements.length ? ` · requirements ${event.spec.requirements.join(', ')}` : ''}
        {event.spec.design !== 'none'
          ? ` · design: ${event.spec.design === 'whole' ? 'whole' : event.spec.designSections.join(', ')}`
          : ''}
      </p>
      {event.added.length > 0 && <p className="card-line">Added: {event.added.join(', ')}</p>}
      <Toggle open={open} onToggle={() => toggle('steering')}>
        Steering and why
      </Toggle>
      {open && (
        <ul className="steering-list">
          {event.steering.map((s) => (
            <li key={s.file} className={s.included ? 'included' : 'excluded'}>
              <span
                className={`codicon codicon-${s.included ? 'pass' : 'circle-slash'}`}
                aria-label={s.included ? 'included' : 'not included'}
              />
              <strong>{s.name}</strong> <span className="muted">({s.inclusion})</span> — {s.reason}
              {s.trigger ? <span className="muted"> · brought in by {s.trigger}</span> : null}
            </li>
          ))}
          {event.filesInPlay.length > 0 && <li className="muted">Files in play: {event.filesInPlay.join(', ')}</li>}
        </ul>
      )}
    </CardShell>
  );
}

/** Old tool results shortened to keep the conversation inside the model's context (the trace keeps them). */
export function ContextTrimCard({ event }: CardProps<EventOf<'context-trim'>>) {
  return (
    <CardShell kind="context" icon="fold" heading={`Context shortened before request ${event.turn}`} time={event.time}>
      <p className="card-line">
        {event.shortened} old tool result{event.shortened === 1 ? '' : 's'} shortened to head and tail ·{' '}
        {Math.round(event.bytes / 1024)} KB elided{event.latest ? ' (the latest turn’s too)' : ''}
      </p>
      <p className="card-line muted">
        ~{tokens(event.afterTokens)} of {tokens(event.limitTokens)} tokens (was ~{tokens(event.beforeTokens)}); the
        model reads a file again when it needs it
      </p>
    </CardShell>
  );
}
