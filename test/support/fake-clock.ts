// A fake clock for the engine's Clock seam (src/core/clock.ts), over @sinonjs/fake-timers: time
// moves only when a test calls tick() or runAll(), and no global timer is replaced.
import { createClock } from '@sinonjs/fake-timers';
import type { Clock, TimerHandle } from '../../src/core/clock';

export interface FakeClock extends Clock {
  /** Moves time forward, firing the timers due meanwhile. */
  tick(ms: number): void;
  /** Fires every pending timer (and the ones they set), moving time as far as they need. */
  runAll(): void;
  /**
   * Like runAll(), but lets the promise callbacks a timer sets off run before the next timer is
   * looked for: for promise chains that wait on the clock with no I/O in between.
   */
  runAllAsync(): Promise<void>;
  /** Timers set and not yet fired or cleared. */
  pending(): number;
  /** How far time must move for the next pending timer to fire; undefined when none is pending. */
  untilNext(): number | undefined;
}

export function fakeClock(start = 1_000_000): FakeClock {
  const clock = createClock(start);
  // When each pending timer is due; fake-timers keeps its own list private.
  const due = new Map<TimerHandle, number>();
  return {
    now: () => clock.now,
    setTimeout: (callback, ms) => {
      const handle = clock.setTimeout(() => {
        due.delete(handle);
        callback();
      }, ms);
      due.set(handle, clock.now + Math.max(0, ms));
      return handle;
    },
    clearTimeout: (handle) => {
      due.delete(handle);
      clock.clearTimeout(handle as ReturnType<typeof clock.setTimeout>);
    },
    tick: (ms) => void clock.tick(ms),
    runAll: () => void clock.runAll(),
    runAllAsync: async () => void (await clock.runAllAsync()),
    pending: () => clock.countTimers(),
    untilNext: () => (due.size === 0 ? undefined : Math.min(...due.values()) - clock.now),
  };
}
