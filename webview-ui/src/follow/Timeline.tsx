// The run's events as cards, filtered, in a virtualised list; the turn under way last.
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../../src/protocol';
import { EventCard, estimateHeight } from './cards/EventCard';
import { ErrorBoundary } from './ErrorBoundary';
import { StreamingCard } from './cards/ModelTurnCard';
import type { CardActions } from './cards/card-types';
import { isFiltered, matches, type Filters } from './filters';
import type { RunView } from './run-store';
import { VirtualList } from './VirtualList';

const STREAMING_KEY = 'streaming';

export interface TimelineProps {
  run: RunView;
  filters: Filters;
  actions: CardActions;
  initialScroll: number | null;
  onScroll(top: number, atEnd: boolean): void;
}

export function Timeline({ run, filters, actions, initialScroll, onScroll }: TimelineProps) {
  const { events, version, streaming } = run;
  // Filtering is incremental: a live run appends, so only the new events are tested.
  const shownRef = useRef<{ filters: Filters; from: number; source: TraceEvent[]; list: TraceEvent[] } | null>(null);
  const shown = useMemo(() => {
    if (!isFiltered(filters)) return events;
    let cache = shownRef.current;
    if (!cache || cache.filters !== filters || cache.source !== events)
      cache = { filters, from: 0, source: events, list: [] };
    for (let i = cache.from; i < events.length; i++) if (matches(events[i], filters)) cache.list.push(events[i]);
    cache.from = events.length;
    shownRef.current = cache;
    return cache.list;
    // `version` stands for events appended to the same array.
  }, [events, version, filters]);
  const count = shown.length + (streaming && !isFiltered(filters) ? 1 : 0);

  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (seq: number, part: string) =>
      setOpen((s) => {
        const next = new Set(s);
        const key = `${seq}:${part}`;
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );

  const keyAt = useCallback((i: number) => (i < shown.length ? `e${shown[i].seq}` : STREAMING_KEY), [shown]);
  const kindAt = useCallback((i: number) => (i < shown.length ? shown[i].type : STREAMING_KEY), [shown]);
  const estimateAt = useCallback((i: number) => (i < shown.length ? estimateHeight(shown[i]) : 80), [shown]);
  const renderAt = (i: number) => {
    if (i >= shown.length) return <StreamingCard text={streaming} />;
    const event = shown[i];
    return <CardItem event={event} openParts={openPartsOf(open, event.seq)} onToggle={toggle} actions={actions} />;
  };

  if (!count) {
    return (
      <p className="empty">
        {isFiltered(filters) ? 'No event of this run matches the filters.' : 'Nothing has happened in this run yet.'}
      </p>
    );
  }
  return (
    <VirtualList
      count={count}
      reset={shown}
      keyAt={keyAt}
      kindAt={kindAt}
      estimateAt={estimateAt}
      renderAt={renderAt}
      label="Run events"
      className="timeline"
      initialScroll={initialScroll}
      onScroll={onScroll}
    />
  );
}

/** Cards re-render only when their event or their open parts change, not on every appended event. */
const CardItem = memo(function CardItem(props: {
  event: TraceEvent;
  openParts: string;
  onToggle(seq: number, part: string): void;
  actions: CardActions;
}) {
  const { event, openParts, onToggle, actions } = props;
  return (
    <ErrorBoundary what={`Event ${event.seq} (${event.type})`}>
      <EventCard
        event={event}
        isOpen={(part) => openParts.includes(`|${part}|`)}
        toggle={(part) => onToggle(event.seq, part)}
        actions={actions}
      />
    </ErrorBoundary>
  );
});

function openPartsOf(open: ReadonlySet<string>, seq: number): string {
  if (!open.size) return '';
  const prefix = `${seq}:`;
  let parts = '';
  for (const key of open) if (key.startsWith(prefix)) parts += `|${key.slice(prefix.length)}|`;
  return parts;
}
