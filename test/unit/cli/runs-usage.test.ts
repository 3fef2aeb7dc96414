// What each run cost, from the CLI: `tiller runs --json` carries every run's tokens (and whether it
// was reverted), and the money at prices given with --pricing; `tiller export --pricing` adds the
// cost to the artifact; prices that are not prices are refused with what to fix.
import assert from 'node:assert/strict';
import { lines, modelTurn, runEnd, runStart } from '../trace/usage-fixtures';
import { SPAWN_TIMEOUT_MS, useSandbox } from './harness';

const DIR = '.kiro/specs/cli-demo';
const ENDED = '20260101-120000-aaaaaa';
const REVERTED = '20260101-120100-bbbbbb';

const traces = {
  [`.kiro/tiller/runs/${ENDED}.jsonl`]: lines([runStart('a', DIR, '1', 'big'), runEnd('a', 1, 2_000_000, 100_000)]),
  [`.kiro/tiller/runs/${REVERTED}.jsonl`]:
    lines([runStart('b', DIR, '2', 'small'), modelTurn('b', 1, 100, 6), runEnd('b', 2, 100, 6)]) +
    `${JSON.stringify({ seq: 3, time: '2026-01-01T12:10:00.000Z', runId: 'b', type: 'revert', reverted: ['a.ts'], conflicts: [], by: 'you' })}\n`,
};

interface RunRow {
  runId: string;
  status: string;
  usage: { inputTokens: number; outputTokens: number };
  reverted: boolean;
  cost?: number;
}

describe('tiller runs and export: usage and cost', function () {
  this.timeout(SPAWN_TIMEOUT_MS);
  const box = useSandbox(traces);

  it('lists each run with its tokens, whether it was reverted, and its cost only where a price is given', () => {
    const rows = box().json('runs') as RunRow[];
    assert.deepEqual(
      rows.map((r) => [r.runId, r.status, r.usage, r.reverted, r.cost]),
      [
        [REVERTED, 'completed', { inputTokens: 100, outputTokens: 6 }, true, undefined],
        [ENDED, 'completed', { inputTokens: 2_000_000, outputTokens: 100_000 }, false, undefined],
      ],
    );
    const priced = box().json('runs', '--pricing', '{"big": {"input": 3, "output": 15}}') as RunRow[];
    assert.deepEqual(
      priced.map((r) => r.cost),
      [undefined, 7.5],
    );
    assert.match(
      box().run('runs').stdout,
      new RegExp(`^${REVERTED}  completed, reverted .*\\(100 in · 6 out tokens\\)$`, 'm'),
    );
  });

  it('puts the cost in the export at the prices of a pricing file, and refuses prices that are not numbers', () => {
    box().write({ 'prices.json': '{"big": {"input": 3, "output": 15}}' });
    const out = box().run('export', '--run', ENDED, '--pricing', 'prices.json');
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /\*\*Tokens:\*\* 2,000,000 in · 100,000 out \(cost 7\.5000\)/);
    const reverted = box().run('export', '--run', REVERTED);
    assert.match(reverted.stdout, /\*\*Reverted by you\*\*/);

    const bad = box().run('runs', '--pricing', '{"big": {"input": "3"}}');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--pricing: "big" needs "input" and "output" prices/);
    const missing = box().run('export', '--run', ENDED, '--pricing', 'nowhere.json');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--pricing: cannot read nowhere\.json/);
  });
});
