// One model turn: a thin line (tokens, latency, tool calls, the text's first line) until opened.
import { Markdown } from '../../markdown/Markdown';
import { CardShell, Toggle, seconds, tokens } from './CardShell';
import type { CardProps, EventOf } from './card-types';

const ignoreLink = () => undefined;

export function ModelTurnCard({ event, isOpen, toggle }: CardProps<EventOf<'model-turn'>>) {
  const open = isOpen('text');
  const text = event.text.trim();
  const facts = `${tokens(event.inputTokens)} in · ${tokens(event.outputTokens)} out · ${seconds(event.latencyMs)}${
    event.toolCalls.length ? ` · ${event.toolCalls.map((c) => c.name).join(', ')}` : ''
  }`;
  // Between the events that matter a turn is one thin line; opened, it shows the model's text.
  if (!open)
    return (
      <div className="card card-model-turn thin">
        <button
          type="button"
          className="thin-line"
          aria-expanded="false"
          title={text ? 'Show the model’s text' : 'Model turn'}
          onClick={() => toggle('text')}
        >
          <span className="codicon codicon-chevron-right" aria-hidden="true" />
          <span className="codicon codicon-hubot" aria-hidden="true" />
          <span className="thin-heading">Turn {event.turn}</span>
          <span className="thin-facts">{facts}</span>
          {text && <span className="thin-text">{text.split('\n', 1)[0]}</span>}
        </button>
      </div>
    );
  return (
    <CardShell kind="model-turn" icon="hubot" heading={`Model turn ${event.turn}`} time={event.time}>
      <p className="card-line muted">{facts}</p>
      <Toggle open={open} onToggle={() => toggle('text')}>
        Collapse
      </Toggle>
      {text && <Markdown text={text} onOpenLink={ignoreLink} />}
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
