// A host's stream (vscode.lm) read under the deadline on a fake clock: the wait for the answer
// and every silence end at the timeout even when the stream ignores its cancellation, a stream
// that keeps talking runs on, and the caller's cancel stops it at once.
import assert from 'node:assert/strict';
import { Deadline } from '../../../src/core/agent/providers/deadline';
import { DeadlineFired, readUnderDeadline } from '../../../src/core/agent/providers/deadline-stream';
import { fakeClock } from '../../support/fake-clock';

/** A stream that answers only when the test says so and never listens to a cancellation. */
function deafStream() {
  const waiting: ((result: IteratorResult<string>) => void)[] = [];
  let onAsk: (() => void) | undefined;
  const state = { returned: false };
  const iterable: AsyncIterable<string> = {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        new Promise<IteratorResult<string>>((resolve) => {
          waiting.push(resolve);
          onAsk?.();
        }),
      return: () => {
        state.returned = true;
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  };
  return {
    iterable,
    state,
    /** Resolves once the reader is waiting for the next part. */
    asked: () => new Promise<void>((resolve) => (waiting.length ? resolve() : (onAsk = resolve))),
    send: (part: string) => waiting.shift()?.({ value: part, done: false }),
    end: () => waiting.shift()?.({ value: undefined, done: true }),
  };
}

const never = new Promise<never>(() => undefined);

describe('a host stream under the deadline', () => {
  it('fails when the answer never starts, though the host ignores the cancel', async () => {
    const clock = fakeClock();
    const deadline = new Deadline(300, undefined, clock);
    const reading = readUnderDeadline<string>(never, deadline).next();
    clock.tick(299);
    assert.equal(clock.untilNext(), 1, 'not 1 ms early');
    clock.tick(1);
    await assert.rejects(reading, DeadlineFired);
    assert.equal(deadline.reason(), 'timeout');
    assert.equal(deadline.describeTimeout(), 'no response within 0.3 s');
    deadline.dispose();
  });

  it('counts a stream handed over at once as no response until its first part', async () => {
    const clock = fakeClock();
    const deadline = new Deadline(300, undefined, clock);
    const stream = deafStream();
    const reading = readUnderDeadline(Promise.resolve(stream.iterable), deadline).next();
    await stream.asked();
    clock.tick(300);
    await assert.rejects(reading, DeadlineFired);
    assert.equal(deadline.describeTimeout(), 'no response within 0.3 s');
    deadline.dispose();
  });

  it('runs on while parts keep coming and fails on the first long silence, telling the stream to end', async () => {
    const clock = fakeClock();
    const deadline = new Deadline(400, undefined, clock);
    const stream = deafStream();
    const parts = readUnderDeadline(Promise.resolve(stream.iterable), deadline);
    const got: string[] = [];
    for (let i = 0; i < 10; i++) {
      const next = parts.next();
      await stream.asked();
      clock.tick(399);
      stream.send(`part ${i}`);
      got.push((await next).value as string);
    }
    assert.equal(got.length, 10, 'alive after 10 × 399 ms');
    const stalled = parts.next();
    await stream.asked();
    clock.tick(400);
    await assert.rejects(stalled, DeadlineFired);
    assert.equal(deadline.reason(), 'timeout');
    assert.equal(deadline.describeTimeout(), 'the response stream went silent for 0.4 s');
    assert.equal(stream.state.returned, true);
    deadline.dispose();
  });

  it('stops at once on the caller’s cancel and leaves no timer', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const deadline = new Deadline(400, controller.signal, clock);
    const stream = deafStream();
    const parts = readUnderDeadline(Promise.resolve(stream.iterable), deadline);
    const next = parts.next();
    await stream.asked();
    controller.abort();
    await assert.rejects(next, DeadlineFired);
    assert.equal(deadline.reason(), 'cancelled');
    deadline.dispose();
    assert.equal(clock.pending(), 0);
  });

  it('reads a stream to its end; the host’s own error comes through as it is', async () => {
    const clock = fakeClock();
    const deadline = new Deadline(400, undefined, clock);
    const stream = deafStream();
    const parts = readUnderDeadline(Promise.resolve(stream.iterable), deadline);
    const first = parts.next();
    await stream.asked();
    stream.send('only');
    assert.deepEqual(await first, { value: 'only', done: false });
    const last = parts.next();
    await stream.asked();
    stream.end();
    assert.deepEqual(await last, { value: undefined, done: true });
    assert.equal(stream.state.returned, false, 'an ended stream is not told to end');
    deadline.dispose();

    const failing = new Deadline(400, undefined, clock);
    const refused = Promise.reject(new Error('quota spent'));
    await assert.rejects(readUnderDeadline<string>(refused, failing).next(), /quota spent/);
    assert.equal(failing.reason(), undefined);
    failing.dispose();
    assert.equal(clock.pending(), 0);
  });
});
