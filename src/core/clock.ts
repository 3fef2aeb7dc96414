// Time as the engine reads it. Hosts use the system clock; tests pass a fake one and move it by
// hand, so nothing in a test waits on the wall clock or depends on how busy the machine is.
// Tests use the fake one in test/support/fake-clock.ts.

/** An opaque timer handle, only ever given back to the clock that made it. */
export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
