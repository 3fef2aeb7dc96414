// One run as the follow log holds it: the events in seq order, the text of the turn under way,
// and the run's state. Deltas are queued as they arrive and applied once per animation frame, so
// a burst of a thousand events costs one render; the store is read through useSyncExternalStore.
import type { RunDelta, RunSnapshot, RunState, TraceEvent } from '../../../src/protocol';

export interface RunView {
  runId: string;
  state: RunState;
  /** Events before the first one held, still to be fetched. */
  earlier: number;
  /** Appended in place; `version` tells React that it grew. */
  events: TraceEvent[];
  streaming: string;
  skippedLines: number;
  skippedAt: number[];
  waitingSince: number | null;
  version: number;
}

export class RunStore {
  private view: RunView | null | undefined = undefined;
  private queued: RunDelta[] = [];
  private frame: number | null = null;
  private readonly listeners = new Set<() => void>();

  /** undefined while the snapshot is on its way, null when there is no such run. */
  get = (): RunView | null | undefined => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  reset(snapshot: RunSnapshot | null | undefined): void {
    this.cancelFrame();
    this.queued = [];
    this.view = snapshot ? { ...snapshot, events: [...snapshot.events], version: 0 } : snapshot;
    this.changed();
  }

  push(delta: RunDelta): void {
    this.queued.push(delta);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** The events a tail-first snapshot left out, once fetched: a new array, so the list lays out again. */
  prepend(runId: string, earlier: TraceEvent[]): void {
    const view = this.view;
    if (!view || view.runId !== runId || !view.earlier) return;
    const first = view.events.length ? view.events[0].seq : Infinity;
    this.view = {
      ...view,
      events: [...earlier.filter((e) => e.seq < first), ...view.events],
      earlier: 0,
      version: view.version + 1,
    };
    this.changed();
  }

  /** Applies every queued delta now (the frame callback, and tests that cannot wait for one). */
  flush(): void {
    this.cancelFrame();
    const view = this.view;
    const queued = this.queued;
    this.queued = [];
    if (!view || !queued.length) return;
    let { streaming, state, waitingSince } = view;
    let last = view.events.length ? view.events[view.events.length - 1].seq : 0;
    for (const delta of queued) {
      for (const event of delta.events ?? []) {
        // A resubscribe can bring back events already held; seq order is the file's order.
        if (event.seq <= last) continue;
        view.events.push(event);
        last = event.seq;
        if (event.type === 'model-turn' || event.type === 'run-end') {
          streaming = '';
          waitingSince = null;
        }
      }
      if (delta.text) streaming += delta.text;
      if (delta.state) state = delta.state;
      if (delta.waiting !== undefined) waitingSince = delta.waiting;
    }
    this.view = { ...view, streaming, state, waitingSince, version: view.version + 1 };
    this.changed();
  }

  dispose(): void {
    this.cancelFrame();
    this.listeners.clear();
  }

  private cancelFrame(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}
