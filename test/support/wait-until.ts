// Waiting for what a test cannot be told about directly (a file another process writes, a row a
// remote UI paints, an OS file-system event): look again after each short pause until it holds.
// The limit is a hang guard only, generous so that a busy machine never trips it; no test
// asserts how long anything took.

export interface WaitOptions {
  /** Give up after this long, naming what was awaited. Default 60 s. */
  timeoutMs?: number;
  /** Pause between looks. Default 50 ms. */
  intervalMs?: number;
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Resolves with the first truthy value `condition` returns. `what` names the condition in the
 * error (a function is asked only then, so it can describe what was seen instead).
 */
export async function waitUntil<T>(
  condition: () => T | Promise<T>,
  what: string | (() => string | Promise<string>),
  options: WaitOptions = {},
): Promise<Truthy<T>> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let expired = false;
  const guard = setTimeout(() => (expired = true), timeoutMs);
  try {
    for (;;) {
      const value = await condition();
      if (value) return value as Truthy<T>;
      if (expired) {
        const described = typeof what === 'function' ? await what() : what;
        throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${described}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
    }
  } finally {
    clearTimeout(guard);
  }
}
