// The per-attempt deadline on a fake clock: a wait for the first byte, then a silence allowed
// that every chunk restarts, and a truthful reason when the signal fires.

import assert from 'node:assert/strict';
import { Deadline } from '../../../src/core/agent/providers/deadline';
import { fakeClock } from '../../support/fake-clock';

describe('deadline', () => {
  it('fires after the wait for the first byte, and says no response came', () => {
    const clock = fakeClock();
    const deadline = new Deadline(300, undefined, clock);
    clock.tick(299);
    assert.equal(deadline.signal.aborted, false);
    clock.tick(1);
    assert.equal(deadline.signal.aborted, true);
    assert.equal(deadline.reason(), 'timeout');
    assert.equal(deadline.describeTimeout(), 'no response within 0.3 s');
  });

  it('lets a stream that keeps talking run far past the timeout, and fires on its first long silence', () => {
    const clock = fakeClock();
    const deadline = new Deadline(400, undefined, clock);
    deadline.responseStarted();
    for (let chunk = 0; chunk < 10; chunk++) {
      clock.tick(399);
      deadline.touch();
    }
    assert.equal(deadline.signal.aborted, false, 'alive after 10 × 399 ms');
    clock.tick(400);
    assert.equal(deadline.reason(), 'timeout');
    assert.equal(deadline.describeTimeout(), 'the response stream went silent for 0.4 s');
  });

  it("says cancelled for the caller's abort, and leaves no timer behind", () => {
    const clock = fakeClock();
    const outer = new AbortController();
    const deadline = new Deadline(300, outer.signal, clock);
    outer.abort();
    assert.equal(deadline.signal.aborted, true);
    assert.equal(deadline.reason(), 'cancelled');
    assert.equal(clock.pending(), 0);
    deadline.dispose();
    assert.equal(clock.pending(), 0);
  });

  it('clears its timer when disposed, so a finished request cannot time out later', () => {
    const clock = fakeClock();
    const deadline = new Deadline(300, undefined, clock);
    deadline.dispose();
    assert.equal(clock.pending(), 0);
    clock.tick(1_000);
    assert.equal(deadline.reason(), undefined);
  });
});
