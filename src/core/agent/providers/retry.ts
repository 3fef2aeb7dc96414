// Another attempt after a rate limit, a server error or a reset connection, but only while the
// caller has seen nothing of the failed attempt: replaying a half-streamed answer would show
// its text twice.

import { systemClock, type Clock } from '../../clock';
import type { StreamEvent } from '../model';
import { ModelError } from '../model';
import { cancelled, TransientModelError } from './errors';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The wait a server asked for: `retry-after-ms` (OpenAI, Azure), else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `retry` is 1 for the first retry. Full-ish jitter keeps many clients from retrying in step. */
export function backoffMs(policy: RetryPolicy, retry: number, serverWishMs: number | undefined): number {
  if (serverWishMs !== undefined) return Math.min(serverWishMs, policy.maxDelayMs);
  const exponential = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return Math.round(exponential * (0.5 + Math.random() * 0.5));
}

function sleep(ms: number, signal: AbortSignal | undefined, clock: Clock): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(cancelled());
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of retries. `attempt` reports
 * its stream events through the `emit` it is given, so that we know whether it showed anything.
 * Each wait is announced as a `retry` event whose `attempt` is the retry's number (1 = first).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  onEvent: ((event: StreamEvent) => void) | undefined,
  attempt: (emit: (event: StreamEvent) => void) => Promise<T>,
  clock: Clock = systemClock,
): Promise<T> {
  for (let retry = 1; ; retry++) {
    let shown = false;
    const emit = (event: StreamEvent): void => {
      shown = true;
      onEvent?.(event);
    };
    try {
      return await attempt(emit);
    } catch (error) {
      if (!(error instanceof TransientModelError) || shown) throw error;
      if (retry > policy.maxRetries) {
        if (policy.maxRetries === 0) throw error;
        throw new ModelError(error.kind, `${error.message} Gave up after ${retry} attempts.`, error.status);
      }
      const delayMs = backoffMs(policy, retry, error.retryAfterMs);
      onEvent?.({ type: 'retry', attempt: retry, delayMs, reason: error.message });
      await sleep(delayMs, signal, clock);
    }
  }
}
