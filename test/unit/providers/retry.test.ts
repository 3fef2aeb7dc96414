import assert from 'node:assert/strict';
import { backoffMs, retryAfterMs, withRetries } from '../../../src/core/agent/providers/retry';
import { TransientModelError } from '../../../src/core/agent/providers/errors';
import { ModelError, type StreamEvent } from '../../../src/core/agent/model';
import { fakeClock } from '../../support/fake-clock';

const policy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 5_000 };

describe('retry', () => {
  it('reads Retry-After in seconds, as an HTTP date, and retry-after-ms', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' })), 2_000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '0.5' })), 500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:03 GMT' }), now), 3_000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }), now), 0);
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterMs(new Headers()), undefined);
  });

  it('honours the server wish up to the cap, else backs off exponentially with jitter', () => {
    assert.equal(backoffMs(policy, 1, 1_000), 1_000);
    assert.equal(backoffMs(policy, 1, 3_600_000), 5_000);
    for (let retry = 1; retry <= 3; retry++) {
      const full = 100 * 2 ** (retry - 1);
      const delay = backoffMs(policy, retry, undefined);
      assert.ok(delay >= full / 2 && delay <= full, `retry ${retry}: ${delay}`);
    }
    assert.ok(backoffMs(policy, 30, undefined) <= 5_000);
  });

  it('does not retry once the failed attempt has shown something', async () => {
    let attempts = 0;
    const error = await withRetries(policy, undefined, undefined, async (emit) => {
      attempts++;
      emit({ type: 'text', text: 'half' });
      throw new TransientModelError('server', 'boom', 500);
    }).catch((e: unknown) => e);
    assert.equal(attempts, 1);
    assert.ok(error instanceof ModelError && error.kind === 'server');
  });

  it('gives up after maxRetries and says how many attempts it made', async () => {
    const clock = fakeClock();
    const events: StreamEvent[] = [];
    let attempts = 0;
    const pending = withRetries(
      policy,
      undefined,
      (e) => events.push(e),
      async () => {
        attempts++;
        throw new TransientModelError('rate-limit', 'Slow down.', 429, 0);
      },
      clock,
    ).catch((e: unknown) => e);
    await clock.runAllAsync();
    const error = await pending;
    assert.equal(attempts, 3);
    assert.deepEqual(
      events.map((e) => (e.type === 'retry' ? e.attempt : -1)),
      [1, 2],
    );
    assert.ok(error instanceof ModelError);
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.status, 429);
    assert.match(error.message, /Gave up after 3 attempts/);
  });

  it('waits on its clock between attempts, and stops waiting at once when cancelled', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    let attempts = 0;
    let waiting!: () => void;
    const retried = new Promise<void>((resolve) => (waiting = resolve));
    const pending = withRetries(
      { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      controller.signal,
      (e) => e.type === 'retry' && waiting(),
      async () => {
        attempts++;
        throw new TransientModelError('server', 'boom', 500);
      },
      clock,
    ).catch((e: unknown) => e);
    await retried;
    assert.equal(clock.pending(), 1, 'the wait is on the clock');
    controller.abort();
    const error = await pending;
    assert.ok(error instanceof ModelError && error.kind === 'cancelled');
    assert.equal(clock.pending(), 0, 'the wait was dropped');
    assert.equal(attempts, 1);
  });
});
