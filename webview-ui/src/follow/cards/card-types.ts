// What every event card gets: its event, the open/closed state of its collapsible parts (kept
// outside the card, because virtualisation unmounts cards that scroll away), and the actions.
import type { TraceEvent } from '../../../../src/protocol';

export interface CardActions {
  openDiff(seq: number): void;
  openFile(path: string): void;
  filterRequirement(id: string): void;
  filterFile(path: string): void;
  /** Restores the files the run changed from its checkpoint before (asks first). */
  revertRun(): void;
}

export interface CardProps<E extends TraceEvent = TraceEvent> {
  event: E;
  isOpen(part: string): boolean;
  toggle(part: string): void;
  actions: CardActions;
}

export type EventOf<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;
