// Coalesces a run's deltas over about one frame: a model streaming tokens or a burst of tool calls
// becomes one message instead of hundreds, and the webview renders once for all of them.
import { systemClock, type Clock, type TimerHandle } from '../../core/clock';
import type { RunDelta } from '../../protocol';

export const WINDOW_MS = 16;

export class RunDeltaBatcher {
  private pending: RunDelta | null = null;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly push: (delta: RunDelta) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  add(delta: RunDelta): void {
    const into = (this.pending ??= {});
    if (delta.events?.length) {
      // A finished turn carries its whole text, so what streamed before it is no longer needed.
      if (delta.events.some((e) => e.type === 'model-turn' || e.type === 'run-end')) delete into.text;
      into.events = [...(into.events ?? []), ...delta.events];
    }
    if (delta.text) into.text = (into.text ?? '') + delta.text;
    if (delta.state) into.state = delta.state;
    if (delta.waiting !== undefined) into.waiting = delta.waiting;
    this.timer ??= this.clock.setTimeout(() => this.flush(), WINDOW_MS);
  }

  flush(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const delta = this.pending;
    this.pending = null;
    if (delta && (delta.events?.length || delta.text || delta.state || delta.waiting !== undefined)) this.push(delta);
  }

  dispose(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
  }
}
