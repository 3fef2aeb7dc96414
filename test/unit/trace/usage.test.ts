import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  costOf,
  exportMarkdown,
  parseTrace,
  readRunUsage,
  totalsBy,
  traceFile,
  usageOf,
  workspaceUsage,
} from '../../../src/core/trace';
import { lines, modelTurn, runEnd, runStart } from './usage-fixtures';

describe('run usage', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tiller-usage-'));
    mkdirSync(join(root, '.kiro', 'tiller', 'runs'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (runId: string, text: string) => writeFileSync(traceFile(root, runId), text);

  it('takes the run-end total, else adds up the model turns of a run that did not end', () => {
    const ended = [runStart('a', 'specs/x', '1'), modelTurn('a', 1, 10, 2), runEnd('a', 2, 100, 20)];
    assert.deepEqual(usageOf(ended), { inputTokens: 100, outputTokens: 20 });
    const cut = [runStart('b', 'specs/x', '1'), modelTurn('b', 1, 10, 2), modelTurn('b', 2, 30, 4)];
    assert.deepEqual(usageOf(cut), { inputTokens: 40, outputTokens: 6 });
    assert.deepEqual(usageOf([]), { inputTokens: 0, outputTokens: 0 });
  });

  it('reads a trace file from its ends, an interrupted or torn one whole, and skips what is not a run', async () => {
    write(
      '20260101-120000-aaaaaa',
      lines([runStart('r1', '.kiro/specs/auth', '1.1', 'big'), modelTurn('r1', 1, 5, 1), runEnd('r1', 2, 1200, 300)]),
    );
    write(
      '20260101-120100-bbbbbb',
      lines([runStart('r2', '.kiro/specs/auth', '1.2'), modelTurn('r2', 1, 70, 7)]) + '{"seq": 2, "ty',
    );
    write('20260101-120200-cccccc', 'not json\n');
    assert.deepEqual(await readRunUsage(traceFile(root, '20260101-120000-aaaaaa')), {
      runId: 'r1',
      specDir: '.kiro/specs/auth',
      taskId: '1.1',
      model: 'big',
      usage: { inputTokens: 1200, outputTokens: 300 },
    });
    assert.deepEqual((await readRunUsage(traceFile(root, '20260101-120100-bbbbbb')))?.usage, {
      inputTokens: 70,
      outputTokens: 7,
    });
    assert.equal(await readRunUsage(join(root, 'missing.jsonl')), null);
    assert.equal((await workspaceUsage(root)).length, 2);
  });

  it('adds up per spec and per task, runs counted', async () => {
    write('20260101-120000-aaaaaa', lines([runStart('r1', '.kiro/specs/auth', '1'), runEnd('r1', 1, 100, 10)]));
    write('20260101-120100-bbbbbb', lines([runStart('r2', '.kiro/specs/auth', '2'), runEnd('r2', 1, 50, 5)]));
    write('20260101-120200-cccccc', lines([runStart('r3', '.kiro/specs/auth', '2'), runEnd('r3', 1, 1, 1)]));
    write('20260101-120300-dddddd', lines([runStart('r4', '', 'prompt'), runEnd('r4', 1, 9, 9)]));
    const runs = await workspaceUsage(root);
    const bySpec = totalsBy(runs, (r) => r.specDir || null);
    assert.deepEqual([...bySpec], [['.kiro/specs/auth', { inputTokens: 151, outputTokens: 16, runs: 3 }]]);
    const byTask = totalsBy(runs, (r) => (r.specDir ? `${r.specDir}#${r.taskId}` : null));
    assert.deepEqual(byTask.get('.kiro/specs/auth#2'), { inputTokens: 51, outputTokens: 6, runs: 2 });
  });

  it('costs money only at prices the person gave, per million tokens', () => {
    const usage = { inputTokens: 2_000_000, outputTokens: 500_000 };
    assert.equal(costOf(usage, 'm', { m: { input: 3, output: 15 } }), 13.5);
    assert.equal(costOf(usage, 'other', { m: { input: 3, output: 15 } }), undefined);
    assert.equal(costOf(usage, 'm', undefined), undefined);
  });

  it('puts the tokens, and the cost when priced, in the export', () => {
    const trace = parseTrace(lines([runStart('r1', '.kiro/specs/auth', '1', 'm'), modelTurn('r1', 1, 1500, 20)]));
    assert.match(exportMarkdown(trace), /\*\*Tokens:\*\* 1,500 in · 20 out\n/);
    assert.match(
      exportMarkdown(trace, { m: { input: 2, output: 10 } }),
      /\*\*Tokens:\*\* 1,500 in · 20 out \(cost 0\.0032\)/,
    );
  });
});
