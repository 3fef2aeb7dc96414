// One abort signal for a request attempt that fires on the caller's cancel or on our timeout,
// remembering which, so the error can say "cancelled" or "timed out" truthfully.

import type { Clock, TimerHandle } from '../../clock';

export class Deadline {
  private readonly controller = new AbortController();
  private timer: TimerHandle | undefined;
  private expired = false;
  /** Whether the response had started when the timer fired, for the message. */
  private streaming = false;
  readonly signal = this.controller.signal;

  constructor(
    private readonly timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
    private readonly clock: Clock,
  ) {
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', this.onOuterAbort);
    this.touch();
  }

  /** Something arrived: the silence allowed starts again. */
  touch(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  responseStarted(): void {
    this.streaming = true;
    this.touch();
  }

  /** Why the signal fired, when it did. */
  reason(): 'cancelled' | 'timeout' | undefined {
    if (this.outer?.aborted) return 'cancelled';
    return this.expired ? 'timeout' : undefined;
  }

  describeTimeout(): string {
    const seconds = `${Math.round(this.timeoutMs / 100) / 10} s`;
    return this.streaming ? `the response stream went silent for ${seconds}` : `no response within ${seconds}`;
  }

  /** Stops the timer and releases the connection if the body was not read to its end. */
  dispose(): void {
    this.clock.clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
    this.controller.abort();
  }

  private readonly onOuterAbort = (): void => {
    this.clock.clearTimeout(this.timer);
    this.controller.abort();
  };
}
