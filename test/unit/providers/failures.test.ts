// How both providers fail, retry and stop: every case runs against each wire format.

import assert from 'node:assert/strict';
import type { ModelProvider, StreamEvent } from '../../../src/core/agent/model';
import { createProvider } from '../../../src/core/agent/providers';
import { fakeClock } from '../../support/fake-clock';
import { startFakeModelServer, type FakeModelServer } from '../../support/fake-model-server';
import { ask, closedPort, collect, failure, FLAVORS, providerFor } from './helpers';

const KEY = 'sk-test-0123456789abcdef';

type RetryEvent = Extract<StreamEvent, { type: 'retry' }>;

/** A promise and the function that resolves it, for a test to await an event it is told of. */
function signalled<T = void>(): { fired: Promise<T>; fire: (value: T) => void } {
  let fire!: (value: T) => void;
  const fired = new Promise<T>((resolve) => (fire = resolve));
  return { fired, fire };
}

/**
 * Starts a chat; `retried` resolves with the first retry event, by when the provider's wait
 * before the next attempt is on its clock, and rejects if the call ends without one.
 */
function chatUntilRetry(provider: ModelProvider, signal?: AbortSignal) {
  const retry = signalled<RetryEvent>();
  const response = provider.chat(ask('Hi', { signal }), (e) => {
    if (e.type === 'retry') retry.fire(e);
  });
  const ended = response.then(() => Promise.reject(new Error('the call ended without a retry')));
  // The test awaits `retried` first; an early failure is reported through it, not as unhandled.
  ended.catch(() => undefined);
  return { retried: Promise.race([retry.fired, ended]), response };
}

for (const flavor of FLAVORS) {
  describe(`${flavor} provider failures`, function () {
    this.timeout(10_000);
    let server: FakeModelServer;
    beforeEach(async () => (server = await startFakeModelServer()));
    afterEach(() => server.close());

    it('waits out a 429 for its Retry-After on the clock, announces the retry, then succeeds', async () => {
      server.script([{ status: 429, retryAfter: 1 }, { text: 'after the wait' }]);
      const clock = fakeClock();
      const run = chatUntilRetry(providerFor(flavor, server, {}, clock));
      const retry = await run.retried;
      assert.equal(retry.attempt, 1);
      assert.equal(retry.delayMs, 1_000);
      assert.match(retry.reason, /429/);
      assert.equal(clock.untilNext(), 1_000, 'the wait is on the clock');
      clock.tick(999);
      assert.equal(clock.untilNext(), 1, 'still waiting 1 ms before the Retry-After');
      clock.tick(1);
      assert.equal((await run.response).text, 'after the wait');
      assert.equal(server.requests.length, 2);
    });

    it('retries two 500s with backoff, then succeeds', async () => {
      server.script([{ status: 500 }, { status: 500 }, { text: 'third time' }]);
      const { response, events } = await collect(providerFor(flavor, server), ask('Hi'));
      assert.equal(response.text, 'third time');
      assert.deepEqual(
        events.filter((e) => e.type === 'retry').map((e) => (e.type === 'retry' ? e.attempt : 0)),
        [1, 2],
      );
      assert.equal(server.requests.length, 3);
    });

    it('gives up with a server error once maxRetries is spent', async () => {
      server.script([{ status: 503 }, { status: 503 }]);
      const error = await failure(providerFor(flavor, server, { maxRetries: 1 }).chat(ask('Hi')));
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 503);
      assert.match(error.message, /Gave up after 2 attempts/);
    });

    it('retries an error event that comes before any output, not one that comes after', async () => {
      server.script([{ streamError: 'Overloaded' }, { text: 'recovered' }]);
      const ok = await collect(providerFor(flavor, server), ask('Hi'));
      assert.equal(ok.response.text, 'recovered');

      server.script([{ text: 'partial answer', streamError: 'Overloaded' }]);
      const error = await failure(providerFor(flavor, server).chat(ask('Hi')));
      assert.equal(error.kind, 'server');
      assert.match(error.message, /Overloaded/);
      assert.equal(server.requests.length, 3);
    });

    it('names the key source on a 401 and never the key, even when the server echoes it', async () => {
      server.script([{ status: 401, message: `Incorrect API key provided: ${KEY}.` }]);
      const error = await failure(providerFor(flavor, server).chat(ask('Hi')));
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.match(error.message, /The API key in TILLER_API_KEY was refused by http:\/\/127\.0\.0\.1/);
      assert.ok(!error.message.includes(KEY), error.message);
      assert.equal(server.requests.length, 1, 'auth failures are not retried');
    });

    it('checks the key the server expects, and says when none was sent', async () => {
      await server.close();
      server = await startFakeModelServer({ apiKey: 'the-right-key-42' });
      const wrong = await failure(providerFor(flavor, server).chat(ask('Hi')));
      assert.equal(wrong.kind, 'auth');
      assert.ok(!wrong.message.includes(KEY));
      const none = await failure(providerFor(flavor, server, { apiKey: undefined }).chat(ask('Hi')));
      assert.equal(none.kind, 'auth');
      assert.match(none.message, /requires an API key and none was sent \(none found in TILLER_API_KEY\)/);
      server.script([{ text: 'welcome' }]);
      const right = await providerFor(flavor, server, { apiKey: 'the-right-key-42' }).chat(ask('Hi'));
      assert.equal(right.text, 'welcome');
    });

    it('reports an unknown model as not-found, naming the model and the base URL', async () => {
      await server.close();
      server = await startFakeModelServer({ models: ['known-model'] });
      const error = await failure(providerFor(flavor, server, { model: 'no-such-model' }).chat(ask('Hi')));
      assert.equal(error.kind, 'not-found');
      assert.equal(error.status, 404);
      assert.match(error.message, /Model "no-such-model" was not found at http:\/\/127\.0\.0\.1:\d+/);
    });

    it('passes on the server message of a 400 as bad-request', async () => {
      server.script([{ status: 400, message: 'messages.1.content: tool_use ids must be unique' }]);
      const error = await failure(providerFor(flavor, server).chat(ask('Hi')));
      assert.equal(error.kind, 'bad-request');
      assert.match(error.message, /tool_use ids must be unique/);
      assert.equal(server.requests.length, 1);
    });

    it('reports a refused connection, naming the URL, without retrying', async () => {
      const port = await closedPort();
      const baseUrl = flavor === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
      const events: StreamEvent[] = [];
      const error = await failure(
        createProvider({ provider: flavor, baseUrl, model: 'm' }).chat(ask('Hi'), (e) => events.push(e)),
      );
      assert.equal(error.kind, 'connection');
      assert.ok(error.message.includes(baseUrl), error.message);
      assert.match(error.message, /refused/);
      assert.deepEqual(events, []);
    });

    it('times out when no response starts in time', async () => {
      server.script([{ hang: true }]);
      const clock = fakeClock();
      const pending = failure(providerFor(flavor, server, { timeoutMs: 300 }, clock).chat(ask('Hi')));
      await server.waitForRequests(1);
      clock.tick(299);
      assert.equal(clock.untilNext(), 1, 'not timed out 1 ms early');
      clock.tick(1);
      const error = await pending;
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /no response within 0\.3 s/);
      assert.equal(server.requests.length, 1, 'timeouts are not retried');
      assert.equal(await server.waitForOutcome(0), 'aborted');
    });

    it('times out on a silent stream, not on a long one that keeps talking', async () => {
      server.script([
        { text: 'slow but alive, one word at a time', chunkSize: 4 },
        { text: 'stalls here', hangAfter: 3 },
      ]);
      const clock = fakeClock();
      const provider = providerFor(flavor, server, { timeoutMs: 400 }, clock);
      // Each delta moves time to 1 ms before the silence allowed runs out (deadline.test.ts
      // shows every chunk restarting it; here the chunks may arrive together).
      const alive = await provider.chat(ask('Hi'), (event) => {
        if (event.type === 'text') clock.tick((clock.untilNext() ?? 0) - 1);
      });
      assert.equal(alive.text, 'slow but alive, one word at a time');

      const streaming = signalled();
      const stalled = failure(
        providerFor(flavor, server, { timeoutMs: 300 }, clock).chat(ask('Hi'), (e) => {
          if (e.type === 'text') streaming.fire();
        }),
      );
      await streaming.fired;
      clock.tick(300);
      const error = await stalled;
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /went silent for 0\.3 s/);
    });

    it('stops when cancelled mid-stream, and the server sees the socket close', async () => {
      server.script([{ text: 'the first words and then nothing', chunkSize: 4, hangAfter: 4 }]);
      // Time never moves, so no timeout can end the call: only the cancel can.
      const clock = fakeClock();
      const controller = new AbortController();
      const error = await failure(
        providerFor(flavor, server, {}, clock).chat(ask('Hi', { signal: controller.signal }), (event) => {
          if (event.type === 'text') controller.abort();
        }),
      );
      assert.equal(error.kind, 'cancelled');
      assert.equal(clock.pending(), 0, 'the timeout timer was cleared');
      assert.equal(await server.waitForOutcome(0), 'aborted');
    });

    it('stops at once when cancelled before the response starts, or already cancelled', async () => {
      server.script([{ hang: true }]);
      const controller = new AbortController();
      const pending = providerFor(flavor, server).chat(ask('Hi', { signal: controller.signal }));
      await server.waitForRequests(1);
      controller.abort();
      assert.equal((await failure(pending)).kind, 'cancelled');
      assert.equal(await server.waitForOutcome(0, 2_000), 'aborted');
      const before = await failure(providerFor(flavor, server).chat(ask('Hi', { signal: AbortSignal.abort() })));
      assert.equal(before.kind, 'cancelled');
      assert.equal(server.requests.length, 1);
    });

    it('stops waiting between attempts when cancelled', async () => {
      server.script([{ status: 429, retryAfter: 30 }]);
      const clock = fakeClock();
      const controller = new AbortController();
      const run = chatUntilRetry(providerFor(flavor, server, {}, clock), controller.signal);
      await run.retried;
      assert.equal(clock.untilNext(), 30_000);
      controller.abort();
      assert.equal((await failure(run.response)).kind, 'cancelled');
      assert.equal(clock.pending(), 0, 'the wait was dropped');
      assert.equal(server.requests.length, 1);
    });

    it('reports malformed JSON in the stream as bad-response', async () => {
      server.script([{ text: 'Hello there, friend', malformed: true }]);
      const error = await failure(providerFor(flavor, server).chat(ask('Hi')));
      assert.equal(error.kind, 'bad-response');
      assert.match(error.message, /malformed JSON/);
      assert.equal(server.requests.length, 1);
    });

    it('reports a 200 that is not an event stream as bad-response', async () => {
      server.script([{ status: 200, body: '<html>captive portal</html>' }]);
      const error = await failure(providerFor(flavor, server).chat(ask('Hi')));
      assert.equal(error.kind, 'bad-response');
      assert.match(error.message, /captive portal/);
    });
  });
}

describe('connection resets', () => {
  it('retries a connection closed before any response byte', async () => {
    const server = await startFakeModelServer();
    try {
      for (const flavor of FLAVORS) {
        server.script([{ reset: true }, { text: `${flavor} after reset` }]);
        const { response, events } = await collect(providerFor(flavor, server), ask('Hi'));
        assert.equal(response.text, `${flavor} after reset`);
        const retry = events.find((e) => e.type === 'retry');
        assert.ok(
          retry && retry.type === 'retry' && /closed before a response/.test(retry.reason),
          JSON.stringify(retry),
        );
      }
    } finally {
      await server.close();
    }
  });
});
