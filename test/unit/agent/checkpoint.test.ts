import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checkpoints, revertRun, thisProcess } from '../../../src/core/agent';
import { listRuns, traceFile } from '../../../src/core/trace';
import { complete, ofType, run, TempWorkspace } from './helpers';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });

describe('checkpoints and revert', function () {
  // Real git, real processes and real sockets: slow on a loaded CI machine.
  this.timeout(20_000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    writeFileSync(ws.path('.gitignore'), 'ignored/\n');
    mkdirSync(ws.path('ignored'));
    writeFileSync(ws.path('ignored/cache.bin'), 'cache');
    writeFileSync(ws.path('keep.txt'), 'keep\n');
    writeFileSync(ws.path('change.txt'), 'before\n');
    writeFileSync(ws.path('remove.txt'), 'doomed\n');
    writeFileSync(ws.path('by-command.txt'), 'original\n');
    git(ws.root, 'init', '-q');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-qm', 'user commit');
    writeFileSync(ws.path('staged.txt'), 'staged by the user\n');
    git(ws.root, 'add', 'staged.txt');
    git(ws.root, 'stash', 'list');
  });
  afterEach(() => ws.dispose());

  const script = () => [
    {
      calls: [
        { name: 'edit_file', args: { path: 'change.txt', old_string: 'before', new_string: 'after', rationale: 'r' } },
        { name: 'write_file', args: { path: 'new/dir/created.txt', content: 'new\n', rationale: 'r' } },
        { name: 'run_command', args: { command: 'rm remove.txt', rationale: 'r' } },
        { name: 'run_command', args: { command: 'cp keep.txt by-command.txt', rationale: 'r' } },
      ],
    },
    complete(),
  ];
  const allowRm = { rules: { allow: ['rm remove.txt', 'cp keep.txt by-command.txt'], deny: [] } };

  it('snapshots without touching the user’s repository, and revert undoes tools and commands alike', async () => {
    const statusBefore = git(ws.root, 'status', '--porcelain');
    const headBefore = git(ws.root, 'rev-parse', 'HEAD');
    const { result, events } = await run(ws, script(), { storageDir: ws.storage, ...allowRm });
    assert.equal(result.status, 'completed');
    assert.ok(result.checkpoint);
    // tasks.md too: the runner's own status edit is part of the run, so a revert puts the task back.
    const changed = [
      '.kiro/specs/user-auth/tasks.md',
      'by-command.txt',
      'change.txt',
      'new/dir/created.txt',
      'remove.txt',
    ];
    assert.deepEqual(result.filesChanged.sort(), changed);
    assert.deepEqual(
      ofType(events, 'checkpoint').map((e) => e.phase),
      ['before', 'after'],
    );
    assert.equal(ws.read('by-command.txt'), 'keep\n');

    const report = await revertRun({ workspaceRoot: ws.root, runId: result.runId, storageDir: ws.storage });
    assert.deepEqual(report.conflicts, []);
    assert.deepEqual(report.reverted.sort(), changed);
    assert.match(ws.read('.kiro/specs/user-auth/tasks.md'), /- \[ \] 2\.1 /);
    assert.equal(ws.read('change.txt'), 'before\n');
    assert.equal(ws.read('remove.txt'), 'doomed\n');
    assert.equal(ws.read('by-command.txt'), 'original\n');
    assert.equal(existsSync(ws.path('new')), false);
    assert.equal(ws.read('ignored/cache.bin'), 'cache');

    // The user's branch, index (a staged file) and stash are as they were.
    assert.equal(git(ws.root, 'rev-parse', 'HEAD'), headBefore);
    assert.equal(git(ws.root, 'status', '--porcelain').replace(/\?\? \.kiro\/tiller\/\n/, ''), statusBefore);
    assert.equal(git(ws.root, 'stash', 'list'), '');
    assert.equal(git(ws.root, 'diff', '--cached', '--name-only'), 'staged.txt\n');
  });

  it('leaves a file changed again after the run alone and reports it; force overwrites it', async () => {
    const { result } = await run(ws, script(), { storageDir: ws.storage, ...allowRm });
    writeFileSync(ws.path('change.txt'), 'after, then edited by the user\n');
    const report = await revertRun({ workspaceRoot: ws.root, runId: result.runId, storageDir: ws.storage });
    assert.deepEqual(report.conflicts, ['change.txt']);
    assert.equal(ws.read('change.txt'), 'after, then edited by the user\n');
    assert.equal(ws.read('by-command.txt'), 'original\n');

    const checkpoints = new Checkpoints(ws.root, ws.storage);
    const backup = await checkpoints.commitOf(result.runId, 'before-revert');
    assert.equal(backup, report.backup);

    const forced = await revertRun({
      workspaceRoot: ws.root,
      runId: result.runId,
      storageDir: ws.storage,
      force: true,
    });
    assert.deepEqual(forced.conflicts, []);
    assert.equal(ws.read('change.txt'), 'before\n');
  });

  it('ignores .gitignore matches and keeps the shadow repository out of the user’s git', async () => {
    const checkpoints = new Checkpoints(ws.root, join(ws.root, '.kiro/tiller/checkpoints'));
    const commit = await checkpoints.snapshot('r1', 'before');
    const files = execFileSync('git', [`--git-dir=${checkpoints.gitDir}`, 'ls-tree', '-r', '--name-only', commit], {
      encoding: 'utf8',
    }).split('\n');
    assert.ok(files.includes('keep.txt'));
    assert.ok(!files.some((f) => f.startsWith('ignored/')));
    assert.ok(!files.some((f) => f.startsWith('.git/') || f.startsWith('.kiro/tiller/')));
    assert.equal(readFileSync(ws.path('.kiro/tiller/checkpoints/.gitignore'), 'utf8'), '*\n');
    assert.doesNotMatch(git(ws.root, 'status', '--porcelain', '--untracked-files=all'), /checkpoints/);
  });

  it('refuses to revert a run it has no checkpoint for', async () => {
    await assert.rejects(
      revertRun({ workspaceRoot: ws.root, runId: 'nope', storageDir: ws.storage }),
      /no checkpoint for run nope/,
    );
  });
});

describe('checkpoint retention', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    writeFileSync(ws.path('keep.txt'), 'keep\n');
  });
  afterEach(() => ws.dispose());

  // Run ids sort by the second they started in; these are a second apart.
  const runId = (n: number) => `20260101-00000${n}-000000`;
  const shadow = (...args: string[]) => git(ws.root, `--git-dir=${join(ws.storage, 'shadow.git')}`, ...args);

  it('a run start keeps checkpoints only for the runs whose traces are kept, and a run without an end', async () => {
    const checkpoints = new Checkpoints(ws.root, ws.storage);
    // A run still going (its process is this one), older than all the others.
    const live = '20250101-000000-00000a';
    await checkpoints.snapshot(live, 'before');
    const file = traceFile(ws.root, live);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ seq: 1, type: 'run-start', runId: live, time: '2025-01-01T00:00:00.000Z', task: { spec: 'user-auth', specDir: '.kiro/specs/user-auth', id: '2.1', title: 't', tasksFile: '.kiro/specs/user-auth/tasks.md', requirements: [] }, process: thisProcess(), provider: 'p', model: 'm', settings: {} })}\n`,
    );
    // A file only the first finished run saw: its blob goes with that run's checkpoints.
    writeFileSync(ws.path('only-first.txt'), 'seen by the first run alone\n');
    const blob = git(ws.root, 'hash-object', 'only-first.txt').trim();
    const first = (await run(ws, [complete()], { storageDir: ws.storage, keepRuns: 2, runId: runId(1) })).result.runId;
    rmSync(ws.path('only-first.txt'));
    // The first run was two hours ago: young objects, and what they reach, are never pruned.
    const objects = join(ws.storage, 'shadow.git', 'objects');
    const old = new Date(Date.now() - 2 * 3600_000);
    for (const dir of readdirSync(objects).filter((d) => /^[0-9a-f]{2}$/.test(d)))
      for (const name of readdirSync(join(objects, dir))) utimesSync(join(objects, dir, name), old, old);
    const second = (await run(ws, [complete()], { storageDir: ws.storage, keepRuns: 2, runId: runId(2) })).result.runId;
    assert.deepEqual(await checkpoints.runs(), [live, first, second]);
    assert.equal(shadow('cat-file', '-t', blob).trim(), 'blob');

    const third = (await run(ws, [complete()], { storageDir: ws.storage, keepRuns: 2, runId: runId(3) })).result.runId;
    assert.deepEqual(await listRuns(ws.root), [live, second, third]);
    assert.deepEqual(
      await checkpoints.runs(),
      [live, second, third],
      'the first run’s checkpoints went with its trace',
    );
    assert.throws(() => shadow('cat-file', '-t', blob), 'its objects were pruned');
    assert.ok(await checkpoints.commitOf(second, 'before'), 'a kept run can still be reverted');
  });
});
