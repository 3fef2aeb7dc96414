// `tiller waves` and `tiller run --all [--parallel N]` as processes, on a real git repository and
// the fake model server (which answers concurrent requests, and can hold an answer until several
// are in flight: the proof that tasks ran at the same time). Uses dist/cli.js, which the test
// build writes.
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer, type ScriptEntry } from '../../support/fake-model-server';
import { spawn } from 'node:child_process';
import {
  assertCliBuilt,
  FAKE_KEY,
  fakeModelFlags,
  lastLine,
  runTiller as tiller,
  TILLER_CLI,
} from '../../support/tiller-cli';
import { GitWorkspace, TASKS_FILE } from './helpers';

/** Each request answered by the task it carries: write its files, then complete. */
function taskTurns(files: Record<string, Record<string, string>>, held: string[] = []): ScriptEntry[] {
  const entry: ScriptEntry = (request) => {
    const messages = request.body.messages as { role: string; content: unknown }[];
    const task = /Carry out task (\S+) of spec/.exec(JSON.stringify(messages))?.[1] ?? '?';
    if (messages.some((m) => m.role === 'assistant'))
      return { toolCalls: [{ name: 'complete_task', arguments: JSON.stringify({ summary: `did ${task}` }) }] };
    return {
      toolCalls: Object.entries(files[task] ?? {}).map(([path, content]) => ({
        name: 'write_file',
        arguments: JSON.stringify({ path, content, rationale: `task ${task}` }),
      })),
      ...(held.includes(task) ? { holdUntilInFlight: held.length } : {}),
    };
  };
  return Array.from({ length: 40 }, () => entry);
}

describe('tiller waves / run --all (process)', function () {
  this.timeout(60_000);
  let server: FakeModelServer;
  let ws: GitWorkspace;
  before(assertCliBuilt);
  beforeEach(async () => (server = await startFakeModelServer({ apiKey: FAKE_KEY })));
  afterEach(async () => {
    await server.close();
    ws?.dispose();
  });

  it('tiller waves --json shows the plan without running anything', async () => {
    ws = new GitWorkspace({
      [TASKS_FILE]: '- [ ] 1. A\n- [ ] 2. (P) B\n- [ ] 3. (P) C\n- [ ] 4. D\n  - _Depends: 7_\n',
    });
    const r = await tiller(ws, ['waves', '--spec', 'demo', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      spec: 'demo',
      specDir: '.kiro/specs/demo',
      waves: [['1'], ['2', '3']],
      blocked: [{ id: '4', waitingOn: ['7'], reason: 'depends on 7, which tasks.md does not have' }],
      kept: [],
    });
    assert.equal(server.requests.length, 0);
    const lint = await tiller(ws, ['lint', '--json']);
    assert.ok((JSON.parse(lint.stdout) as { code: string }[]).some((d) => d.code === 'task-unknown-dependency'));
  });

  it('--parallel 2 runs the (P) tasks at the same time, merges them, and tasks.md gets only markers', async () => {
    const spec = '# Tasks\n\n- [ ] 1. Setup\n- [ ] 2. (P) Left\n- [ ] 3. (P) Right\n- [ ] 4. Join\n';
    ws = new GitWorkspace({ [TASKS_FILE]: spec });
    const files = {
      '1': { 'base.txt': 'b\n' },
      '2': { 'left.txt': 'l\n' },
      '3': { 'right.txt': 'r\n' },
      '4': { 'j.txt': 'j\n' },
    };
    server.script(taskTurns(files, ['2', '3']));
    const r = await tiller(ws, ['run', '--spec', 'demo', '--all', '--parallel', '2', ...fakeModelFlags(server)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.maxInFlight, 2);
    const out = lastLine(r.stdout);
    assert.deepEqual(Object.keys(out), ['spec', 'specDir', 'status', 'waves', 'tasks']);
    assert.equal(out.status, 'completed');
    assert.deepEqual(out.waves, [['1'], ['2', '3'], ['4']]);
    for (const t of out.tasks) {
      assert.deepEqual(Object.keys(t), ['id', 'status', 'runId', 'branch', 'worktree', 'merged', 'conflicts']);
      assert.deepEqual([t.status, t.merged, t.branch, t.worktree, t.conflicts], ['completed', true, null, null, []]);
    }
    for (const [file, text] of Object.entries(Object.assign({}, ...Object.values(files))))
      assert.equal(ws.read(file), text);
    assert.equal(ws.read(TASKS_FILE), spec.replace(/\[ \]/g, '[x]'));
    assert.match(r.stderr, /^\[2\] run \S+: \.kiro\/specs\/demo 2 \(P\) Left/m);
    assert.deepEqual(ws.leftovers(), { branches: [], worktrees: [] });
  });

  it('a conflicting pair fails cleanly: exit 1, the files named, the worktree kept, then discarded', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n' });
    server.script(taskTurns({ '1': { 'same.txt': 'one\n' }, '2': { 'same.txt': 'two\n' } }, ['1', '2']));
    const r = await tiller(ws, ['run', '--spec', 'demo', '--all', '--parallel', '2', ...fakeModelFlags(server)]);
    assert.equal(r.code, 1, r.stderr);
    const out = lastLine(r.stdout);
    assert.equal(out.status, 'failed');
    const lost = (
      out.tasks as { id: string; merged: boolean; conflicts: string[]; branch: string; worktree: string }[]
    ).find((t) => !t.merged)!;
    assert.deepEqual(lost.conflicts, ['same.txt']);
    assert.equal(lost.branch, `tiller/demo/${lost.id}`);
    assert.match(r.stderr, new RegExp(`\\[${lost.id}\\] conflicts: same\\.txt \\(kept: tiller/demo/${lost.id} at `));
    const plan = await tiller(ws, ['waves', '--spec', 'demo', '--json']);
    assert.deepEqual(JSON.parse(plan.stdout).kept, [{ branch: lost.branch, worktree: lost.worktree }]);
    const discard = await tiller(ws, ['waves', '--spec', 'demo', '--discard']);
    assert.equal(discard.code, 0, discard.stderr);
    assert.deepEqual(ws.leftovers(), { branches: [], worktrees: [] });
  });

  it('a run killed mid-wave is recovered by the next tiller waves: markers back, its worktrees listed, then discarded', async () => {
    const spec = '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n';
    ws = new GitWorkspace({ [TASKS_FILE]: spec });
    server.script([{ hang: true }, { hang: true }]);
    const args = ['run', '--spec', 'demo', '--all', '--parallel', '2', ...fakeModelFlags(server)];
    const child = spawn(process.execPath, [TILLER_CLI, ...args], {
      cwd: ws.root,
      env: { ...process.env, HOME: ws.home, USERPROFILE: ws.home, FAKE_KEY },
      stdio: 'ignore',
    });
    const ended = new Promise((resolve) => child.on('close', resolve));
    await server.waitForRequests(2);
    assert.equal(ws.read(TASKS_FILE), '- [-] 1. (P) One\n- [-] 2. (P) Two\n');
    child.kill('SIGKILL');
    await ended;

    const r = await tiller(ws, ['waves', '--spec', 'demo', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /a Run All of 'demo' was interrupted: its process is gone; task\(s\) 1, 2 back to \[ \]/);
    assert.match(r.stderr, /kept: tiller\/demo\/1 at .* \(tiller waves --spec demo --discard\)/);
    assert.equal(ws.read(TASKS_FILE), spec);
    assert.deepEqual(
      (JSON.parse(r.stdout).kept as { branch: string }[]).map((k) => k.branch),
      ['tiller/demo/1', 'tiller/demo/2'],
    );
    const again = await tiller(ws, ['waves', '--spec', 'demo']);
    assert.doesNotMatch(again.stderr, /interrupted/, 'reported once');
    assert.equal((await tiller(ws, ['waves', '--spec', 'demo', '--discard'])).code, 0);
    assert.deepEqual(ws.leftovers(), { branches: [], worktrees: [] });
  });

  it('an unmarked spec runs in place one task at a time, as tiller run --next does', async () => {
    const spec = '- [ ] 1. A\n- [ ] 2. B\n';
    ws = new GitWorkspace({ [TASKS_FILE]: spec });
    server.script(taskTurns({ '1': { 'a.txt': 'a' }, '2': { 'b.txt': 'b' } }));
    const r = await tiller(ws, ['run', '--spec', 'demo', '--all', ...fakeModelFlags(server)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.maxInFlight, 1);
    const out = lastLine(r.stdout);
    assert.deepEqual(out.waves, [['1'], ['2']]);
    assert.deepEqual(
      out.tasks.map((t: { id: string; branch: null }) => [t.id, t.branch]),
      [
        ['1', null],
        ['2', null],
      ],
    );
    assert.equal(ws.read(TASKS_FILE), '- [x] 1. A\n- [x] 2. B\n');
    // In place: the changes wait in the working tree, nothing is committed, no worktree made.
    assert.equal(ws.git('rev-list', '--count', 'HEAD'), '1');
    assert.equal(ws.read('b.txt'), 'b');
    assert.match(r.stderr, /^task 1: in-progress$/m);
  });

  it('--parallel outside git says why and how to run without it (exit 3)', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [ ] 1. (P) One\n' }, false);
    const r = await tiller(ws, ['run', '--spec', 'demo', '--all', '--parallel', '2', ...fakeModelFlags(server)]);
    assert.equal(r.code, 3);
    assert.match(
      r.stderr,
      /cannot run tasks in parallel: .* is not in a git repository.*--parallel 1 runs them in place/,
    );
    assert.equal(server.requests.length, 0);
  });
});
