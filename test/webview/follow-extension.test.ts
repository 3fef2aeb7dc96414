// The extension side of the follow log that needs no VS Code: rebuilding an edit's two sides from
// the trace for the diff editor, the runs behind each requirement, and the per-frame batching.
import assert from 'node:assert/strict';
import { unifiedDiff, type TraceEvent } from '../../src/core/trace';
import { editSides } from '../../src/extension/webview/edit-contents';
import { requirementRuns } from '../../src/extension/webview/requirement-runs';
import { RunDeltaBatcher, WINDOW_MS } from '../../src/extension/webview/delta-batcher';
import type { RunDelta } from '../../src/protocol';
import { fakeClock } from '../support/fake-clock';
import { RUN_ID, runEvents } from './run-events';

function editEvent(seq: number, path: string, before: string | null, after: string): TraceEvent {
  return {
    seq,
    time: '2026-01-01T12:00:00.000Z',
    runId: RUN_ID,
    type: 'edit',
    callId: `c${seq}`,
    tool: 'edit_file',
    path,
    diff: unifiedDiff(path, before, after),
    created: before === null,
    rationale: 'why',
    requirements: ['1.1'],
    decisionSeq: null,
    review: 'autopilot',
    applied: true,
  };
}

describe('follow log, extension side', () => {
  it('rebuilds the text before an edit, taking back the run’s later edits of the file', () => {
    const v1 = 'a\nb\nc\n';
    const v2 = 'a\nB\nc\n';
    const v3 = 'a\nB\nc\nd\n';
    const events = [editEvent(5, 'f.ts', v1, v2), editEvent(9, 'f.ts', v2, v3)];
    assert.deepEqual(editSides(events, 5, v3), { before: v1, after: v2, partial: false });
    assert.deepEqual(editSides(events, 9, v3), { before: v2, after: null, partial: false });
    assert.deepEqual(editSides([editEvent(3, 'new.ts', null, 'x\n')], 3, 'x\n'), {
      before: '',
      after: null,
      partial: false,
    });
  });

  it('falls back to the edited regions when the file moved on', () => {
    const sides = editSides([editEvent(5, 'f.ts', 'a\nb\nc\n', 'a\nB\nc\n')], 5, 'something else entirely\n');
    assert.equal(sides.partial, true);
    assert.match(sides.before, /^⋯.*\na\nb\nc\n$/);
    assert.match(sides.after ?? '', /^⋯.*\na\nB\nc\n$/);
  });

  it('counts the runs that touched each requirement of a spec, matched by folder, not name', () => {
    // A spec of the same name in another sub-project (b/.kiro/specs/user-auth) is another spec.
    const twin = runEvents(10, { runId: 'twin' }).map((e) =>
      e.type === 'run-start' ? { ...e, task: { ...e.task, specDir: 'b/.kiro/specs/user-auth' } } : e,
    );
    const byRequirement = requirementRuns([runEvents(40), twin], { dir: '.kiro/specs/user-auth', name: 'user-auth' });
    // The made-up run's decisions cite 2.1 and its edits 3.1; the twin spec's run does not count.
    assert.deepEqual(Object.keys(byRequirement).sort(), ['2', '3']);
    assert.deepEqual(
      byRequirement['2'].map((r) => [r.runId, r.edits, r.decisions]),
      [[RUN_ID, 0, 6]],
    );
    assert.deepEqual(
      byRequirement['3'].map((r) => [r.runId, r.edits, r.decisions]),
      [[RUN_ID, 6, 0]],
    );
  });

  it('coalesces deltas within a frame; a finished turn drops the text streamed before it', () => {
    const pushed: RunDelta[] = [];
    const clock = fakeClock();
    const batcher = new RunDeltaBatcher((d) => pushed.push(d), clock);
    const [a, b] = runEvents(8).slice(5, 7);
    batcher.add({ text: 'Hel' });
    batcher.add({ text: 'lo' });
    batcher.add({ events: [a] });
    clock.tick(WINDOW_MS - 1);
    batcher.add({ events: [b] });
    batcher.add({ text: 'next' });
    assert.equal(pushed.length, 0, 'nothing is pushed within the frame');
    clock.tick(1);
    assert.equal(pushed.length, 1);
    assert.deepEqual(
      pushed[0].events?.map((e) => e.seq),
      [a.seq, b.seq],
    );
    assert.equal(pushed[0].text, a.type === 'model-turn' || b.type === 'model-turn' ? 'next' : 'Hellonext');
    batcher.add({ text: 'dropped' });
    batcher.dispose();
    clock.runAll();
    assert.equal(pushed.length, 1, 'a disposed batcher pushes nothing more');
  });
});
