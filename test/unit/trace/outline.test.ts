import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exportMarkdown,
  readRunOutline,
  readTrace,
  recordRevert,
  traceFile,
  type TraceEvent,
} from '../../../src/core/trace';
import { lines, modelTurn, runEnd, runStart } from './usage-fixtures';

const pause = (runId: string, seq: number, paused: boolean): TraceEvent => ({
  seq,
  time: '2026-01-01T12:00:02.000Z',
  runId,
  type: 'pause',
  paused,
});

describe('run outline', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tiller-outline-'));
    mkdirSync(join(root, '.kiro', 'tiller', 'runs'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('tells how a run started and ended, and that it was reverted afterwards, by whom and what was left', async () => {
    const path = traceFile(root, 'r1');
    const start = { ...runStart('r1', '.kiro/specs/auth', '1.1'), trigger: 'hook: on save' } as TraceEvent;
    // A long run: the end is found from the file's tail, far from its first line.
    const turns = Array.from({ length: 400 }, (_, i) => modelTurn('r1', i + 1, 10, 1));
    writeFileSync(path, lines([start, ...turns, runEnd('r1', 401, 4000, 400)]));
    await recordRevert(path, 'r1', { reverted: ['src/a.ts'], conflicts: ['src/b.ts'], by: 'you' });

    const outline = await readRunOutline(path);
    assert.ok(outline);
    assert.equal(outline.start.trigger, 'hook: on save');
    assert.equal(outline.end?.status, 'completed');
    assert.deepEqual(outline.usage, { inputTokens: 4000, outputTokens: 400 });
    assert.deepEqual(
      { reverted: outline.revert?.reverted, conflicts: outline.revert?.conflicts, by: outline.revert?.by },
      { reverted: ['src/a.ts'], conflicts: ['src/b.ts'], by: 'you' },
    );
    assert.equal(outline.paused, false);
    // The revert is a line of the trace like any other, numbered after the end.
    const { events, skippedLines } = await readTrace(path);
    assert.deepEqual(skippedLines, []);
    assert.deepEqual(
      events.slice(-2).map((e) => [e.seq, e.type]),
      [
        [401, 'run-end'],
        [402, 'revert'],
      ],
    );
    assert.match(
      exportMarkdown({ events, skippedLines: [], torn: false }),
      /Reverted by you[\s\S]*src\/a\.ts[\s\S]*src\/b\.ts/,
    );
  });

  it('reads a run that has not ended in full: its turns so far and whether it is paused', async () => {
    const path = traceFile(root, 'r2');
    writeFileSync(
      path,
      lines([runStart('r2', '.kiro/specs/auth', '1.2'), modelTurn('r2', 1, 70, 7), pause('r2', 2, true)]),
    );
    const paused = await readRunOutline(path);
    assert.equal(paused?.end, null);
    assert.equal(paused?.paused, true);
    assert.deepEqual(paused?.usage, { inputTokens: 70, outputTokens: 7 });
    writeFileSync(path, readFileSync(path, 'utf8') + lines([pause('r2', 3, false)]));
    assert.equal((await readRunOutline(path))?.paused, false);
  });

  it('keeps a revert readable after a torn last line, and has no outline for a file that is not a run', async () => {
    const path = traceFile(root, 'r3');
    writeFileSync(path, lines([runStart('r3', '.kiro/specs/auth', '2'), runEnd('r3', 1, 5, 1)]) + '{"seq": 2, "ty');
    await recordRevert(path, 'r3', { reverted: [], conflicts: [], by: 'you' });
    assert.equal((await readRunOutline(path))?.revert?.by, 'you');
    writeFileSync(traceFile(root, 'junk'), 'not json\n');
    assert.equal(await readRunOutline(traceFile(root, 'junk')), null);
    assert.equal(await readRunOutline(traceFile(root, 'missing')), null);
  });
});
