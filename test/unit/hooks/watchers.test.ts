// Integration: real files on disk and a real git repository in a temp folder, driven through the
// same watchers and dispatcher `tiller watch` uses.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GitCommitWatcher,
  HookDispatcher,
  RepositoryWatcher,
  WorkspaceWatcher,
  isNewCommitEntry,
  type HookEvent,
  type HookRun,
} from '../../../src/core/hooks';
import { fakeClock } from '../../support/fake-clock';
import { FakeCommands, hook, tempDir, until } from './helpers';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    },
  }).trim();
}

function repo(): string {
  const dir = realpathSync(tempDir('tiller-hooks-git-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

describe('hooks: watchers (integration)', function () {
  this.timeout(30_000);
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function commitSetup(dir: string) {
    const commands = new FakeCommands();
    const runs: HookRun[] = [];
    const errors: Error[] = [];
    const d = new HookDispatcher({ workspaceRoot: dir, commands, debounceMs: 100, onRun: (r) => runs.push(r) });
    d.setHooks([hook({ id: 'c', trigger: 'commit' })]);
    const watcher = await GitCommitWatcher.start({
      workspaceRoot: dir,
      onCommit: (e) => d.fire(e),
      onError: (err) => errors.push(err),
    });
    assert.ok(watcher);
    cleanup.push(
      () => watcher.close(),
      () => d.dispose(),
      () => rmSync(dir, { recursive: true, force: true }),
      () => assert.deepEqual(errors, []),
    );
    return { d, runs, commands, watcher };
  }

  it('fires the commit hook once per commit with sha, message and files; an amend fires again; a checkout does not', async () => {
    const dir = repo();
    const { d, runs } = await commitSetup(dir);
    writeFileSync(join(dir, 'a.txt'), 'a');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/b.ts'), 'b');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'first commit\n\nwith a body');
    const first = git(dir, 'rev-parse', 'HEAD');
    await until(() => runs.length === 1, 10_000, 'the first commit');
    assert.deepEqual(runs[0].payload.commits, [
      { sha: first, message: 'first commit\n\nwith a body', files: ['a.txt', 'src/b.ts'] },
    ]);
    assert.deepEqual(runs[0].payload.paths, ['a.txt', 'src/b.ts']);

    writeFileSync(join(dir, 'a.txt'), 'a2');
    git(dir, 'commit', '-q', '-am', 'second');
    await until(() => runs.length === 2, 10_000, 'the second commit');
    git(dir, 'commit', '-q', '--amend', '-m', 'second, amended');
    const amended = git(dir, 'rev-parse', 'HEAD');
    await until(() => runs.length === 3, 10_000, 'the amend');
    assert.deepEqual(runs[2].payload.commits, [{ sha: amended, message: 'second, amended', files: ['a.txt'] }]);

    git(dir, 'checkout', '-q', first);
    git(dir, 'checkout', '-q', 'main');
    // The reflog is read in order: once a later commit is reported, the checkouts have been read.
    writeFileSync(join(dir, 'later.txt'), 'later');
    git(dir, 'add', 'later.txt');
    git(dir, 'commit', '-q', '-m', 'later');
    const later = git(dir, 'rev-parse', 'HEAD');
    await until(() => runs.some((r) => r.payload.commits?.some((c) => c.sha === later)), 10_000, 'the later commit');
    await d.idle();
    assert.deepEqual(
      runs.slice(3).flatMap((r) => r.payload.commits?.map((c) => c.message)),
      ['later'],
      'checking out existing commits is not a commit',
    );
  });

  it('sees commits in a linked worktree, where .git is a gitdir: file', async () => {
    const main = repo();
    writeFileSync(join(main, 'x'), 'x');
    git(main, 'add', '.');
    git(main, 'commit', '-q', '-m', 'base');
    const wt = join(main, '..', `${main.split('/').pop()}-wt`);
    git(main, 'worktree', 'add', '-q', '-b', 'feature', wt);
    cleanup.push(() => rmSync(wt, { recursive: true, force: true }));
    const { runs } = await commitSetup(wt);
    writeFileSync(join(wt, 'y'), 'y');
    git(wt, 'add', 'y');
    git(wt, 'commit', '-q', '-m', 'in the worktree');
    await until(() => runs.length === 1, 10_000, 'the worktree commit');
    assert.equal(runs[0].payload.commits?.[0].message, 'in the worktree');
    assert.deepEqual(runs[0].payload.paths, ['y']);
  });

  it('classifies reflog entries', () => {
    for (const m of [
      'commit: x',
      'commit (initial): x',
      'commit (amend): x',
      'commit (merge): x',
      'cherry-pick: x',
      'revert: x',
      'rebase (pick): x',
      'rebase -i (fixup): x',
      "merge feature: Merge made by the 'ort' strategy.",
    ]) {
      assert.ok(isNewCommitEntry(m), m);
    }
    for (const m of [
      'checkout: moving from main to x',
      'reset: moving to HEAD~1',
      'merge feature: Fast-forward',
      'pull: Fast-forward',
      'rebase (start): checkout main',
      'rebase (finish): returning to refs/heads/x',
      'branch: Created from HEAD',
    ]) {
      assert.ok(!isNewCommitEntry(m), m);
    }
  });

  it('fires a save hook once for 2,000 files written to disk, skipping ignored folders', async () => {
    const dir = realpathSync(tempDir());
    writeFileSync(join(dir, '.gitignore'), 'generated/\n*.log\n');
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'generated'));
    mkdirSync(join(dir, 'node_modules'));
    const events: HookEvent[] = [];
    const commands = new FakeCommands();
    const runs: HookRun[] = [];
    // The quiet window passes when the test says so: a busy machine cannot split the burst.
    const clock = fakeClock();
    const d = new HookDispatcher({
      workspaceRoot: dir,
      commands,
      debounceMs: 300,
      changedIsSave: true,
      clock,
      onRun: (r) => runs.push(r),
    });
    d.setHooks([hook({ id: 'created', trigger: 'fileCreated', patterns: ['**'] })]);
    const watcher = await WorkspaceWatcher.start({
      root: dir,
      onEvent: (e) => {
        events.push(e);
        d.fire(e);
      },
    });
    cleanup.push(
      () => watcher.close(),
      () => d.dispose(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    for (let i = 0; i < 2000; i++) writeFileSync(join(dir, 'src', `f${i}.ts`), String(i));
    writeFileSync(join(dir, 'generated', 'skip.ts'), '');
    writeFileSync(join(dir, 'node_modules', 'skip.js'), '');
    writeFileSync(join(dir, 'debug.log'), '');
    // Written last into the same folder as debug.log: once it is reported, debug.log has been seen.
    writeFileSync(join(dir, 'zz-last.txt'), '');
    const created = () => new Set(events.flatMap((e) => (e.type === 'created' ? e.paths : [])));
    await until(() => created().size === 2001 && created().has(join(dir, 'zz-last.txt')), 15_000, 'every creation');
    assert.equal(runs.length, 0, 'nothing runs inside the quiet window');
    clock.tick(300);
    await d.idle();
    assert.equal(runs.length, 1);
    assert.equal(runs[0].payload.paths.length, 2001);
    assert.ok(runs[0].payload.paths.every((p) => p.startsWith('src/') || p === 'zz-last.txt'));
    assert.ok(events.every((e) => 'paths' in e && e.paths.every((p) => !/generated|node_modules|\.log$/.test(p))));
  });

  it('reports changes, deletions and the files of a new folder, and follows a changed .gitignore', async () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/a.ts'), 'a');
    const events: string[] = [];
    const watcher = await WorkspaceWatcher.start({
      root: dir,
      onEvent: (e) => 'paths' in e && events.push(`${e.type} ${e.paths[0].slice(dir.length + 1)}`),
    });
    cleanup.push(
      () => watcher.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    writeFileSync(join(dir, 'src/a.ts'), 'a2');
    await until(() => events.includes('changed src/a.ts'), 5000, 'the change');
    rmSync(join(dir, 'src/a.ts'));
    await until(() => events.includes('deleted src/a.ts'), 5000, 'the deletion');
    mkdirSync(join(dir, 'lib/deep'), { recursive: true });
    writeFileSync(join(dir, 'lib/deep/b.ts'), 'b');
    await until(() => events.includes('created lib/deep/b.ts'), 5000, 'the file in a new folder');
    writeFileSync(join(dir, '.gitignore'), 'tmp/\n');
    await until(() => events.includes('created .gitignore'), 5000, 'the .gitignore');
    mkdirSync(join(dir, 'tmp'));
    writeFileSync(join(dir, 'tmp/x'), '');
    writeFileSync(join(dir, 'src/c.ts'), '');
    await until(() => events.includes('created src/c.ts'), 5000, 'a file after the ignored one');
    assert.ok(!events.some((e) => e.includes('tmp/')), events.join('\n'));
  });

  it('picks up a repository created after the start, and its first commit', async () => {
    const dir = realpathSync(tempDir('tiller-hooks-git-'));
    const commits: string[] = [];
    const changes: boolean[] = [];
    const errors: Error[] = [];
    const watcher = await RepositoryWatcher.start({
      workspaceRoot: dir,
      onCommit: (e) => commits.push(e.message),
      onError: (err) => errors.push(err),
      onRepositoryChange: (watching) => changes.push(watching),
    });
    cleanup.push(
      () => watcher.close(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    assert.equal(watcher.watching(), false);
    git(dir, 'init', '-q', '-b', 'main');
    await until(() => watcher.watching(), 10_000, 'the new repository to be watched');
    writeFileSync(join(dir, 'a.txt'), 'a');
    git(dir, 'add', 'a.txt');
    git(dir, 'commit', '-q', '-m', 'first in the new repository');
    await until(() => commits.length === 1, 10_000, 'the first commit');
    assert.deepEqual(commits, ['first in the new repository']);
    assert.deepEqual(changes, [true]);
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    await until(() => !watcher.watching(), 10_000, 'the removed repository to be dropped');
    assert.deepEqual(changes, [true, false]);
    assert.deepEqual(errors, []);
  });
});
