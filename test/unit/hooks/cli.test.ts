// `tiller hooks` and `tiller watch` as a user runs them: the built dist/cli.js (`npm run build` first)
// against a private copy of the fixture workspace.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPAWN_TIMEOUT_MS, Sandbox } from '../cli/harness';
import { repoRoot, until } from './helpers';

interface Row {
  file: string;
  id: string;
  name: string;
  format: string;
  trigger: string | null;
  patterns: string[] | null;
  matcher: string | null;
  action: { type: string } | null;
  enabled: boolean;
  errors: string[];
}

describe('tiller hooks / tiller watch', function () {
  this.timeout(SPAWN_TIMEOUT_MS);

  it('lists the fixture hooks with format, trigger, action and enabled', () => {
    const box = new Sandbox();
    try {
      const rows = box.json('hooks', 'list') as Row[];
      assert.deepEqual(Object.keys(rows[0]), [
        'file',
        'id',
        'name',
        'format',
        'trigger',
        'patterns',
        'matcher',
        'action',
        'enabled',
        'errors',
      ]);
      assert.deepEqual(
        rows.map((r) => [r.file, r.format, r.trigger, r.action?.type, r.enabled, r.errors.length]),
        [
          ['.kiro/hooks/commit-and-tasks.json', 'v1', 'commit', 'command', true, 0],
          ['.kiro/hooks/commit-and-tasks.json', 'v1', 'preTask', 'command', true, 0],
          ['.kiro/hooks/commit-and-tasks.json', 'v1', 'manual', 'agent', true, 0],
          ['.kiro/hooks/docs-on-create.kiro.hook', 'legacy', 'fileCreated', 'agent', false, 0],
          ['.kiro/hooks/review-ts-on-save.kiro.hook', 'legacy', 'fileSaved', 'agent', true, 0],
        ],
      );
      assert.deepEqual(rows[4].patterns, ['src/**/*.ts', '!src/**/*.test.ts']);
    } finally {
      box.dispose();
    }
  });

  it('lists an invalid file as an entry with errors and reports it on stderr', () => {
    const box = new Sandbox('empty');
    try {
      box.write({
        '.kiro/hooks/bad.kiro.hook': '{"when": {"type": "fileSave"}, "then": {"type": "askAgent", "prompt": "x"}}',
        '.kiro/hooks/ok.json':
          '{"version": "v1", "hooks": [{"trigger": "Manual", "action": {"type": "agent", "prompt": "x"}}]}',
      });
      const rows = box.json('hooks', 'list') as Row[];
      assert.deepEqual(
        rows.map((r) => [r.name, r.errors.length]),
        [
          ['bad', 1],
          ['ok #1', 0],
        ],
      );
      const text = box.run('hooks', 'list');
      assert.equal(text.code, 0);
      assert.match(text.stderr, /^\.kiro\/hooks\/bad\.kiro\.hook:1:\d+ error hook-unknown-trigger: /m);
    } finally {
      box.dispose();
    }
  });

  it('reads user hooks from ~/.kiro/hooks', () => {
    const box = new Sandbox('empty');
    try {
      const hook = '{"when": {"type": "userTriggered"}, "then": {"type": "askAgent", "prompt": "x"}}';
      mkdirSync(join(box.home, '.kiro/hooks'), { recursive: true });
      writeFileSync(join(box.home, '.kiro/hooks/mine.kiro.hook'), hook);
      const rows = box.json('hooks', 'list') as Row[];
      assert.deepEqual(
        rows.map((r) => [r.id, r.file]),
        [['~/.kiro/hooks/mine.kiro.hook', join(box.home, '.kiro/hooks/mine.kiro.hook')]],
      );
    } finally {
      box.dispose();
    }
  });

  it('matches events as a dry run', () => {
    const box = new Sandbox();
    try {
      const match = (...args: string[]) =>
        (box.json('hooks', 'match', ...args) as Array<{ name: string; paths: string[] }>).map((m) => [m.name, m.paths]);
      assert.deepEqual(
        match('--event', 'saved', '--path', 'src/api/x.ts', '--path', 'src/api/x.test.ts', '--path', 'README.md'),
        [['Review TypeScript on save', ['src/api/x.ts']]],
      );
      assert.deepEqual(match('--event', 'created', '--path', 'docs/new.md'), [], 'the disabled hook does not fire');
      assert.deepEqual(match('--event', 'commit', '--path', 'a.txt'), [['Log commits', ['a.txt']]]);
      assert.deepEqual(match('--event', 'task-start', '--spec', 'user-auth', '--task', '1'), [['Pre-task check', []]]);
      assert.deepEqual(match('--event', 'task-end', '--spec', 'user-auth', '--task', '1'), []);
      assert.deepEqual(match('--event', 'manual', '--hook', 'Summarize workspace'), [['Summarize workspace', []]]);
      assert.equal(box.run('hooks', 'match', '--event', 'nope').code, 2);
      assert.equal(box.run('hooks', 'match', '--event', 'saved').code, 2);
    } finally {
      box.dispose();
    }
  });

  it('matches task events without --spec and --task: hooks with a matcher need a task, the others answer', () => {
    const box = new Sandbox('empty');
    try {
      const command = { type: 'command', command: 'true' };
      box.write({
        '.kiro/hooks/tasks.json': JSON.stringify({
          version: 'v1',
          hooks: [
            { name: 'Every task end', trigger: 'PostTaskExec', action: command },
            { name: 'Auth task ends', trigger: 'PostTaskExec', matcher: '^user-auth/', action: command },
            { name: 'Every task start', trigger: 'PreTaskExec', action: command },
          ],
        }),
      });
      const match = (...args: string[]) =>
        (box.json('hooks', 'match', ...args) as Array<{ name: string }>).map((m) => m.name);
      assert.deepEqual(match('--event', 'task-end'), ['Every task end']);
      assert.deepEqual(match('--event', 'task-start'), ['Every task start']);
      assert.deepEqual(match('--event', 'task-end', '--spec', 'user-auth', '--task', '2.1'), [
        'Every task end',
        'Auth task ends',
      ]);
      assert.deepEqual(match('--event', 'task-end', '--spec', 'billing', '--task', '1'), ['Every task end']);
      const half = box.run('hooks', 'match', '--event', 'task-end', '--spec', 'user-auth');
      assert.equal(half.code, 2);
      assert.match(half.stderr, /--spec and --task together, or neither/);
    } finally {
      box.dispose();
    }
  });

  it('disables and enables a hook with a one-value edit', () => {
    const box = new Sandbox();
    try {
      const file = join(box.workspace, '.kiro/hooks/review-ts-on-save.kiro.hook');
      const before = readFileSync(file, 'utf8');
      assert.equal(box.run('hooks', 'disable', 'Review TypeScript on save').code, 0);
      assert.equal(readFileSync(file, 'utf8'), before.replace('"enabled": true', '"enabled": false'));
      assert.equal(box.run('hooks', 'enable', '.kiro/hooks/review-ts-on-save.kiro.hook').code, 0);
      assert.equal(readFileSync(file, 'utf8'), before);
    } finally {
      box.dispose();
    }
  });

  it('tiller watch runs the commit hook through the policy when a commit is made with git', async () => {
    const box = new Sandbox();
    const env = {
      ...process.env,
      HOME: box.home,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: box.workspace, env, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'init');
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'dist/cli.js'), 'watch', '--allow', 'cat', '--json', '--debounce', '100'],
      { cwd: box.workspace, env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    try {
      await until(() => /watching .*commits included/.test(stderr), 10_000, 'tiller watch to start');
      assert.match(stderr, /agent hook\(s\) will be skipped: agent actions need a configured model/);
      writeFileSync(join(box.workspace, 'src/new.ts'), 'export {};\n');
      git('add', 'src/new.ts');
      git('commit', '-q', '-m', 'add new');
      const sha = git('rev-parse', 'HEAD');
      await until(() => stdout.includes('\n'), 10_000, 'the commit hook run');
      const runs = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(runs.length, 1);
      assert.equal(runs[0].name, 'Log commits');
      assert.equal(runs[0].outcome.kind, 'command');
      assert.equal(runs[0].outcome.exitCode, 0);
      const input = JSON.parse(runs[0].outcome.output);
      assert.deepEqual(input.commits, [{ sha, message: 'add new', files: ['src/new.ts'] }]);
      assert.equal(input.hook.name, 'Log commits');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      box.dispose();
    }
  });

  /** `tiller watch` in the sandbox, with its output collected. */
  function startWatch(box: Sandbox, env: NodeJS.ProcessEnv, ...args: string[]) {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/cli.js'), 'watch', '--json', ...args], {
      cwd: box.workspace,
      env,
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (out.stdout += d));
    child.stderr.on('data', (d) => (out.stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const runs = () =>
      out.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as { name: string; outcome: { kind: string; exitCode?: number | null; output?: string } },
        );
    return { child, out, exited, runs };
  }

  function gitEnv(box: Sandbox): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOME: box.home,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    };
  }

  it('tiller watch picks up a git repository created after it started', async () => {
    const box = new Sandbox();
    const env = gitEnv(box);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: box.workspace, env, encoding: 'utf8' }).trim();
    const watch = startWatch(box, env, '--allow', 'cat', '--debounce', '100');
    try {
      await until(() => /not a git repository yet/.test(watch.out.stderr), 10_000, 'tiller watch to start');
      git('init', '-q', '-b', 'main');
      await until(() => /commits: watching the new repository/.test(watch.out.stderr), 10_000, 'the new repository');
      git('add', '-A');
      git('commit', '-q', '-m', 'first');
      const sha = git('rev-parse', 'HEAD');
      await until(() => watch.runs().length > 0, 10_000, 'the commit hook run');
      const [run] = watch.runs();
      assert.equal(run.name, 'Log commits');
      assert.deepEqual(
        (JSON.parse(run.outcome.output ?? '{}') as { commits: Array<{ sha: string }> }).commits.map((c) => c.sha),
        [sha],
      );
    } finally {
      watch.child.kill('SIGTERM');
      await watch.exited;
      box.dispose();
    }
  });

  it('tiller watch watches the disk only while a file hook is enabled, and ends a running command on exit', async () => {
    const box = new Sandbox('empty');
    const marker = join(box.dir, 'slow-started');
    box.write({ 'slow.sh': `#!/bin/bash\necho started > ${marker}\nsleep 600\n` });
    chmodSync(join(box.workspace, 'slow.sh'), 0o755);
    const hookFile = '.kiro/hooks/notes.kiro.hook';
    const hook = (enabled: boolean) =>
      JSON.stringify({
        enabled,
        name: 'Slow on new notes',
        when: { type: 'fileCreated', patterns: ['notes/**'] },
        then: { type: 'runCommand', command: './slow.sh' },
      });
    const watch = startWatch(box, { ...process.env, HOME: box.home }, '--allow', './slow.sh', '--debounce', '50');
    const count = (re: RegExp) => (watch.out.stderr.match(re) ?? []).length;
    const watching = /watching files on disk: a file hook is enabled/g;
    const stopped = /no longer watching files on disk/g;
    try {
      await until(() => /watching .*: 0 active hook/.test(watch.out.stderr), 10_000, 'tiller watch to start');
      assert.equal(count(watching), 0, 'no file hook, no file watcher');
      box.write({ [hookFile]: hook(true) });
      await until(() => count(watching) === 1, 10_000, 'the file watcher to start for the new hook');
      box.write({ [hookFile]: hook(false) });
      await until(() => count(stopped) === 1, 10_000, 'the file watcher to stop with the hook disabled');
      box.write({ [hookFile]: hook(true) });
      await until(() => count(watching) === 2, 10_000, 'the file watcher to start again');
      box.write({ 'notes/monday.md': 'met\n' });
      await until(() => existsSync(marker), 10_000, 'the hook command to start');
      watch.child.kill('SIGTERM');
      assert.equal(await watch.exited, 0);
      const runs = watch.runs();
      assert.deepEqual(
        runs.map((r) => [r.name, r.outcome.kind, r.outcome.exitCode]),
        [['Slow on new notes', 'command', null]],
      );
    } finally {
      watch.child.kill('SIGKILL');
      box.dispose();
    }
  });
});
