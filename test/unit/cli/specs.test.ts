import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { SpecIndex } from '../../../src/core/specs';
import { demoSpec } from './demoSpec';
import { lines, modelTurn, runEnd, runStart } from '../trace/usage-fixtures';
import { SPAWN_TIMEOUT_MS, Sandbox, useSandbox } from './harness';

interface SpecRow {
  name: string;
  folder: string;
  type: string;
  documents: { requirements: boolean; design: boolean; tasks: boolean };
  tasks: { total: number; done: number; inProgress: number; queued: number; optional: number };
  usage: { inputTokens: number; outputTokens: number; runs: number };
}

describe('tiller specs', function () {
  this.timeout(SPAWN_TIMEOUT_MS);
  const box = useSandbox(demoSpec);

  it('reports documents and counts of every task, parents and optional ones included', () => {
    const rows = box().json('specs') as SpecRow[];
    assert.deepEqual(
      rows.find((r) => r.name === 'cli-demo'),
      {
        name: 'cli-demo',
        folder: '.kiro/specs/cli-demo',
        type: 'feature',
        documents: { requirements: true, design: false, tasks: true },
        tasks: { total: 6, done: 1, inProgress: 1, queued: 1, optional: 1 },
        usage: { inputTokens: 0, outputTokens: 0, runs: 0 },
      },
    );
  });

  it('adds up the tokens of every run of a spec from its traces', () => {
    const dir = '.kiro/specs/cli-demo';
    box().write({
      '.kiro/tiller/runs/20260101-120000-aaaaaa.jsonl': lines([runStart('a', dir, '1'), runEnd('a', 1, 1200, 34)]),
      '.kiro/tiller/runs/20260101-120100-bbbbbb.jsonl': lines([runStart('b', dir, '2'), modelTurn('b', 1, 100, 6)]),
      '.kiro/tiller/runs/20260101-120200-cccccc.jsonl': lines([
        runStart('c', '.kiro/specs/other', '1'),
        runEnd('c', 1, 5, 5),
      ]),
    });
    const row = (box().json('specs') as SpecRow[]).find((r) => r.name === 'cli-demo');
    assert.deepEqual(row?.usage, { inputTokens: 1300, outputTokens: 40, runs: 2 });
    assert.match(box().run('specs').stdout, /^cli-demo .*; 2 runs, 1,300 in · 40 out tokens$/m);
  });

  it('lists the same specs, in the same order and with the same counts, as the engine', async () => {
    const index = new SpecIndex(box().workspace);
    await index.load();
    const rows = box().json('specs', '--workspace', box().workspace) as SpecRow[];
    assert.deepEqual(
      rows.map((r) => [r.name, r.type, r.tasks]),
      index.specs().map((s) => [s.name, s.type, index.counts(s)]),
    );
    assert.ok(
      rows.some((r) => r.type === 'bugfix'),
      'the fixture has a bugfix spec',
    );
  });

  it('shows the folder of specs that share a name across sub-projects, counted as tiller tasks lists them', () => {
    const workspace = resolve(__dirname, '../../../../test/fixtures/sub-roots');
    const rows = box().json('specs', '--workspace', workspace) as SpecRow[];
    assert.deepEqual(
      rows.map((r) => [r.name, r.folder, r.tasks.total]),
      [
        ['onboarding', 'api/.kiro/specs/onboarding', 2],
        ['onboarding', 'web/.kiro/specs/onboarding', 1],
      ],
    );
    assert.match(
      box().run('specs', '--workspace', workspace).stdout,
      /^onboarding \[api\/\.kiro\/specs\/onboarding\] \(feature\): 1\/2 tasks done/m,
    );
    for (const row of rows) {
      const tasks = box().json('tasks', '--spec', row.folder, '--workspace', workspace) as unknown[];
      assert.equal(tasks.length, row.tasks.total, row.folder);
    }
  });

  it('prints an empty list for a workspace without specs', () => {
    const empty = new Sandbox('empty');
    try {
      assert.deepEqual(empty.json('specs'), []);
      assert.match(empty.run('specs').stdout, /No specs/);
    } finally {
      empty.dispose();
    }
  });

  it('prints one readable line per spec', () => {
    const r = box().run('specs');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^cli-demo \(feature\): 1\/6 tasks done, 1 in progress, 1 queued; requirements, tasks$/m);
  });
});
