// The frame of every card: an icon, a heading, the time, and the body.
import type { ReactNode } from 'react';

export function CardShell(props: {
  kind: string;
  icon: string;
  heading: ReactNode;
  time: string;
  tone?: 'error' | 'warning' | 'ok';
  children?: ReactNode;
}) {
  return (
    <div className={`card card-${props.kind}${props.tone ? ` tone-${props.tone}` : ''}`}>
      <div className="card-head">
        <span className={`codicon codicon-${props.icon} card-icon`} aria-hidden="true" />
        <span className="card-heading">{props.heading}</span>
        <time className="card-time" dateTime={props.time}>
          {clock(props.time)}
        </time>
      </div>
      {props.children}
    </div>
  );
}

export function Toggle({ open, onToggle, children }: { open: boolean; onToggle(): void; children: ReactNode }) {
  return (
    <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>
      <span className={`codicon codicon-chevron-${open ? 'down' : 'right'}`} aria-hidden="true" />
      {children}
    </button>
  );
}

export function RequirementChips({ ids, onPick }: { ids: string[]; onPick(id: string): void }) {
  if (!ids.length) return null;
  return (
    <span className="chips" role="list" aria-label="Requirements">
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          role="listitem"
          className="chip"
          title={`Show only requirement ${id.split('.')[0]}`}
          onClick={() => onPick(id.split('.')[0])}
        >
          {id}
        </button>
      ))}
    </span>
  );
}

// One formatter each: creating an Intl formatter per card costs more than the card.
const TIME = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const NUMBER = new Intl.NumberFormat('en-US');

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : TIME.format(date);
}

export function tokens(n: number): string {
  return NUMBER.format(n);
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
