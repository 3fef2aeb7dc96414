// One model turn: tokens, latency and tool calls; the text collapsed to a line until opened.
import { Markdown } from '../../markdown/Markdown';
import { CardShell, Toggle, seconds, tokens } from './CardShell';
import type { CardProps, EventOf } from './card-types';

const ignoreLink = () => undefined;

export function ModelTurnCard({ event, isOpen, toggle }: CardProps<EventOf<'model-turn'>>) {
  const open = isOpen('text');
  const text = event.text.trim();
  return (
    <CardShell kind="model-turn" icon="hubot" heading={`Model turn ${event.turn}`} time={event.time}>
      <p className="card-line muted">
        {tokens(event.inputTokens)} in · {tokens(event.outputTokens)} out · {seconds(event.latencyMs)}
        {event.toolCalls.length ? ` · ${event.toolCalls.map((c) => c.name).join(', ')}` : ''}
      </p>
      {text && !open && <p className="card-line clamp">{text.split('\n', 1)[0]}</p>}
      {text && (
        <Toggle open={open} onToggle={() => toggle('text')}>
          {open ? 'Hide text' : 'Show text'}
        </Toggle>
      )}
      {open && <Markdown text={text} onOpenLink={ignoreLink} />}
    </CardShell>
  );
}

/** The turn under way: its text as it streams. */
export function StreamingCard({ text }: { text: string }) {
  return (
    <div className="card card-streaming" aria-live="off">
      <div className="card-head">
        <span className="codicon codicon-loading codicon-modifier-spin card-icon" aria-hidden="true" />
        <span className="card-heading">The model is answering…</span>
      </div>
      <p className="card-line streaming-text">{text.slice(-600)}</p>
    </div>
  );
}
