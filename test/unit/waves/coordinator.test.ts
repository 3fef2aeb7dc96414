import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { diskFiles, runAllTasks, type WorkspaceFiles } from '../../../src/core/agent';
import { applyEdits } from '../../../src/core/specs';
import { DEFAULT_ALLOW, DEFAULT_DENY } from '../../../src/core/policy';
import { runWaves, WavesRefusedError, type RunWavesOptions } from '../../../src/core/waves';
import { readTrace } from '../../../src/core/trace';
import { GitWorkspace, TASKS_FILE, TaskModel, type TaskScript } from './helpers';

const RULES = { allow: [...DEFAULT_ALLOW], deny: [...DEFAULT_DENY] };

const PARALLEL = `# Tasks

- [ ] 1. Setup
  - the base
- [ ] 2. Parts
  - [ ] 2.1 (P) Left
  - [ ] 2.2 (P) Right
- [ ] 3. Join
`;

function options(ws: GitWorkspace, model: TaskModel, extra: Partial<RunWavesOptions> = {}): RunWavesOptions {
  return {
    workspaceRoot: ws.root,
    spec: 'demo',
    provider: model,
    rules: RULES,
    homeDir: null,
    parallelism: 2,
    ...extra,
  };
}

describe('wave coordinator (real git)', function () {
  this.timeout(60_000);
  let ws: GitWorkspace;
  afterEach(() => ws?.dispose());

  it('runs (P) tasks at the same time in worktrees, merges each, and alone sets the markers', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: PARALLEL, 'README.md': 'hi\n' });
    const script: TaskScript = {
      '1': { 'base.txt': 'base\n' },
      '2.1': { 'left.txt': 'left\n' },
      '2.2': { 'right.txt': 'right\n' },
      '3': { 'join.txt': 'join\n' },
    };
    const model = new TaskModel(script, ['2.1', '2.2']);
    let concurrentInWave2 = 0;
    const statuses: string[] = [];
    const lanes = new Set<string>();
    const result = await runWaves(
      options(ws, model, {
        onWave: (i) => {
          if (i === 2) concurrentInWave2 = model.maxInFlight;
        },
        onStatus: (task, status) => statuses.push(`${task}:${status}`),
        onTaskEvent: (task) => lanes.add(task),
      }),
    );
    assert.equal(result.status, 'completed', result.reason);
    assert.deepEqual(result.waves, [['1'], ['2.1', '2.2'], ['3']]);
    assert.equal(concurrentInWave2, 2, 'both tasks of wave 2 had a request in flight at once');
    assert.deepEqual(
      result.tasks.map((t) => [t.id, t.status, t.merged, t.branch, t.worktree]),
      [
        ['1', 'completed', true, null, null],
        ['2.1', 'completed', true, null, null],
        ['2.2', 'completed', true, null, null],
        ['3', 'completed', true, null, null],
      ],
    );
    // Every change landed as one commit per task on the workspace's branch, linear.
    for (const [file, text] of Object.entries(Object.assign({}, ...Object.values(script))))
      assert.equal(ws.read(file), text);
    // Only tasks.md's markers are left uncommitted (git's leading blank trimmed).
    assert.equal(ws.git('status', '--porcelain', '--', '.', ':(exclude).kiro/tiller'), `M ${TASKS_FILE}`);
    assert.equal(ws.git('rev-list', '--count', '--merges', 'HEAD'), '0');
    assert.equal(ws.git('rev-list', '--count', 'HEAD'), '5');
    // tasks.md: only the markers changed, parents done through their sub-tasks.
    assert.equal(ws.read(TASKS_FILE), PARALLEL.replace(/\[ \]/g, '[x]'));
    assert.deepEqual(ws.leftovers(), { branches: [], worktrees: [] });
    assert.ok(statuses.includes('2.1:queued') && statuses.includes('2.2:in-progress') && statuses.includes('3:done'));
    assert.deepEqual([...lanes].sort(), ['1', '2.1', '2.2', '3']);
    // Each run's trace moved into the workspace's runs.
    for (const t of result.tasks)
      assert.ok(t.trace && existsSync(t.trace) && t.trace.startsWith(ws.root), t.trace ?? '');
  });

  it('a conflicting pair: one merges, the other fails with the files named, its worktree and branch kept', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n- [ ] 3. After\n' });
    const model = new TaskModel({ '1': { 'shared.txt': 'one\n' }, '2': { 'shared.txt': 'two\n' } }, ['1', '2']);
    const result = await runWaves(options(ws, model));
    assert.equal(model.maxInFlight, 2);
    assert.equal(result.status, 'failed');
    const [a, b, c] = result.tasks;
    const [won, lost] = a.merged ? [a, b] : [b, a];
    assert.equal(won.status, 'completed');
    assert.equal(lost.status, 'failed');
    assert.deepEqual(lost.conflicts, ['shared.txt']);
    assert.match(lost.reason, /not merged: its changes conflict with work merged before it in shared\.txt/);
    assert.equal(lost.branch, `tiller/demo/${lost.id}`);
    assert.ok(
      lost.worktree && existsSync(lost.worktree) && lost.worktree.startsWith(join(ws.root, '.git', 'tiller-worktrees')),
    );
    assert.deepEqual(ws.leftovers(), { branches: [lost.branch], worktrees: [lost.worktree] });
    // Each run's own record says what became of its branch, so its follow log names the files.
    const mergeOf = async (t: typeof lost) => (await readTrace(t.trace!)).events.find((e) => e.type === 'merge');
    assert.deepEqual(await mergeOf(won).then((m) => m?.type === 'merge' && [m.merged, m.worktree]), [true, null]);
    const lostMerge = await mergeOf(lost);
    assert.ok(lostMerge?.type === 'merge');
    assert.deepEqual(
      [lostMerge.merged, lostMerge.conflicts, lostMerge.worktree],
      [false, ['shared.txt'], lost.worktree],
    );
    assert.equal(ws.read('shared.txt'), won.id === '1' ? 'one\n' : 'two\n');
    // The next wave never started; the loser is back to todo.
    assert.equal(c.status, 'not-run');
    const markers = Object.fromEntries([...ws.read(TASKS_FILE).matchAll(/\[(.)\] (\d)\./g)].map((m) => [m[2], m[1]]));
    assert.deepEqual(markers, { [won.id]: 'x', [lost.id]: ' ', '3': ' ' });
    // A second run refuses to reuse the kept branch and says how to clear it.
    const again = await runWaves(options(ws, new TaskModel({})));
    assert.match(again.tasks.find((t) => t.id === lost.id)!.reason, /left from an earlier run.*--discard/);
  });

  it('a file the task changes with uncommitted changes in the workspace fails that task, naming the file', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n', 'notes.txt': 'old\n' });
    ws.write({ 'notes.txt': 'mine, not committed\n' });
    const model = new TaskModel({ '1': { 'notes.txt': 'agent\n' }, '2': { 'two.txt': '2\n' } });
    const result = await runWaves(options(ws, model));
    const one = result.tasks[0];
    assert.equal(one.status, 'failed');
    assert.deepEqual(one.conflicts, ['notes.txt']);
    assert.match(one.reason, /uncommitted changes in notes\.txt/);
    assert.equal(ws.read('notes.txt'), 'mine, not committed\n');
    assert.equal(result.tasks[1].merged, true);
  });

  it('cancel stops every task of the wave, puts markers back and removes the clean worktrees', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n' });
    const controller = new AbortController();
    const model = new TaskModel({ '1': { 'a.txt': 'a' }, '2': { 'b.txt': 'b' } }, ['1', '2', 'never'], (m) => {
      if (m.inFlight === 2) controller.abort();
    });
    const result = await runWaves(options(ws, model, { signal: controller.signal }));
    assert.equal(result.status, 'cancelled');
    assert.deepEqual(
      result.tasks.map((t) => [t.id, t.status, t.merged]),
      [
        ['1', 'cancelled', false],
        ['2', 'cancelled', false],
      ],
    );
    assert.equal(ws.read(TASKS_FILE), '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n');
    assert.deepEqual(ws.leftovers(), { branches: [], worktrees: [] });
  });

  it('parallelism 1 runs in place exactly as run-all does', async () => {
    const spec = '- [ ] 1. A\n- [ ] 2. B\n  - [ ] 2.1 B1\n- [ ] 3. C\n';
    const script: TaskScript = { '1': { 'a.txt': 'a' }, '2.1': { 'b.txt': 'b' }, '3': { 'c.txt': 'c' } };
    ws = new GitWorkspace({ [TASKS_FILE]: spec });
    const waves = new TaskModel(script);
    const result = await runWaves(options(ws, waves, { parallelism: 1 }));
    const other = new GitWorkspace({ [TASKS_FILE]: spec }, false);
    try {
      const all = new TaskModel(script);
      const runs = await runAllTasks({
        workspaceRoot: other.root,
        spec: 'demo',
        provider: all,
        rules: RULES,
        homeDir: null,
      });
      assert.deepEqual(waves.started, all.started);
      assert.deepEqual(
        result.tasks.map((t) => t.id),
        runs.map((r) => r.task),
      );
      assert.equal(ws.read(TASKS_FILE), other.read(TASKS_FILE));
      assert.deepEqual(
        result.tasks.map((t) => [t.branch, t.worktree, t.merged]),
        runs.map(() => [null, null, true]),
      );
      // Nothing was committed: the changes are in the working tree as a single run leaves them.
      assert.equal(ws.git('rev-list', '--count', 'HEAD'), '1');
    } finally {
      other.dispose();
    }
  });

  it('refuses worktrees outside git, or when the spec has uncommitted changes beyond markers', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [ ] 1. (P) One\n' }, false);
    await assert.rejects(runWaves(options(ws, new TaskModel({}))), (err: Error) => {
      assert.ok(err instanceof WavesRefusedError);
      assert.match(err.message, /is not in a git repository; run the tasks one at a time/);
      return true;
    });
    ws.dispose();
    ws = new GitWorkspace({ [TASKS_FILE]: '- [x] 1. (P) One\n- [ ] 2. (P) Two\n' });
    ws.write({ [TASKS_FILE]: '- [ ] 1. (P) One\n- [-] 2. (P) Two\n' });
    // Markers alone may differ from the commit ...
    const ok = await runWaves(options(ws, new TaskModel({ '1': { 'x.txt': 'x' } })));
    assert.equal(ok.status, 'completed', ok.reason);
    ws.write({ [TASKS_FILE]: '- [ ] 1. (P) One\n- [ ] 2. (P) Two, reworded\n' });
    // ... anything else must be committed first.
    await assert.rejects(
      runWaves(options(ws, new TaskModel({}))),
      /has changes that are not committed \(\.kiro\/specs\/demo\/tasks\.md\)/,
    );
  });

  it('sets the markers through the host’s files: an open tasks.md buffer gets them, and its unsaved changes count', async () => {
    const text = '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n';
    ws = new GitWorkspace({ [TASKS_FILE]: text });
    const tasks = join(ws.root, TASKS_FILE);
    const buffers = new Map([[tasks, text]]);
    const edits: string[] = [];
    const files: WorkspaceFiles = {
      ...diskFiles,
      read: async (path) => buffers.get(path) ?? diskFiles.read(path),
      edit: async (path, compute) => {
        const before = buffers.get(path);
        if (before === undefined) return diskFiles.edit(path, compute);
        const computed = compute(before);
        const result = Array.isArray(computed) ? { edits: computed, text: applyEdits(before, computed) } : computed;
        edits.push(...result.edits.map((e) => before.slice(e.offset, e.offset + e.length) + '>' + e.newText));
        buffers.set(path, result.text);
        return result;
      },
    };
    const model = new TaskModel({ '1': { 'a.txt': 'a' }, '2': { 'b.txt': 'b' } });
    const result = await runWaves(options(ws, model, { workspaceFiles: files }));
    assert.equal(result.status, 'completed', result.reason);
    assert.equal(buffers.get(tasks), '- [x] 1. (P) One\n- [x] 2. (P) Two\n');
    assert.equal(ws.read(TASKS_FILE), text, 'the file on disk is the editor’s to save');
    // Byte-exact: each edit replaces one marker character, nothing around it.
    assert.ok(edits.length >= 6 && edits.every((e) => /^[ ~x-]>[ ~x-]$/.test(e)), edits.join(' | '));
    assert.equal(ws.read('a.txt') + ws.read('b.txt'), 'ab');

    buffers.set(tasks, '- [ ] 1. (P) One, typed and not saved\n');
    await assert.rejects(runWaves(options(ws, new TaskModel({}), { workspaceFiles: files })), WavesRefusedError);
  });
});
