// A fake clock for the engine's Clock seam (src/core/clock.ts), over @sinonjs/fake-timers: time
// moves only when a test calls tick() or runAll(), and no global timer is replaced.
import { createClock } from '@sinonjs/fake-timers';
import type { Clock } from '../../src/core/clock';

export interface FakeClock extends Clock {
  /** Moves time forward, firing the timers due meanwhile. */
  tick(ms: number): void;
  /** Fires every pending timer (and the ones they set), moving time as far as they need. */
  runAll(): void;
  /** Timers set and not yet fired or cleared. */
  pending(): number;
}

export function fakeClock(start = 1_000_000): FakeClock {
  const clock = createClock(start);
  return {
    now: () => clock.now,
    setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle as ReturnType<typeof clock.setTimeout>),
    tick: (ms) => void clock.tick(ms),
    runAll: () => void clock.runAll(),
    pending: () => clock.countTimers(),
  };
}
