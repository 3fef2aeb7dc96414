// One identity for a task: a spec is its folder. In a monorepo with two specs named `auth`
// (a/.kiro/specs/auth and b/.kiro/specs/auth), running b's task touches b's tasks.md alone, the
// trace names b's folder, and a bare name that two folders carry is refused with both listed.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runAllTasks } from '../../../src/core/agent';
import { AmbiguousSpecError, loadSpecIndex, requireSpec } from '../../../src/core/workspace';
import { complete, marker, options, run, ScriptedProvider, TempWorkspace } from './helpers';

const TASKS = '# Tasks\n\n- [ ] 1. Do the thing\n- [ ] 2. Do the next thing\n';

function twinSpecs(ws: TempWorkspace): void {
  for (const side of ['a', 'b']) {
    const file = ws.path(`${side}/.kiro/specs/auth/tasks.md`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, TASKS);
  }
}

describe('task identity: spec folder + task id', function () {
  this.timeout(20_000);
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace(false);
    twinSpecs(ws);
  });
  afterEach(() => ws.dispose());

  it("running b's task 1 marks b's task [x] and leaves a's alone; the trace keys the spec by folder", async () => {
    const { result, events } = await run(ws, [complete()], { spec: 'b/.kiro/specs/auth', task: '1' });
    assert.equal(result.status, 'completed', result.reason);
    assert.equal(marker(ws.read('b/.kiro/specs/auth/tasks.md'), '1'), 'x');
    assert.equal(marker(ws.read('a/.kiro/specs/auth/tasks.md'), '1'), ' ');
    assert.equal(result.specDir, 'b/.kiro/specs/auth');
    const start = events[0];
    assert.equal(start.type === 'run-start' && start.task.specDir, 'b/.kiro/specs/auth');
    assert.equal(start.type === 'run-start' && start.task.tasksFile, 'b/.kiro/specs/auth/tasks.md');
  });

  it('an absolute spec folder works as well', async () => {
    const { result } = await run(ws, [complete()], { spec: ws.path('a/.kiro/specs/auth'), task: '2' });
    assert.equal(result.status, 'completed', result.reason);
    assert.equal(marker(ws.read('a/.kiro/specs/auth/tasks.md'), '2'), 'x');
    assert.equal(marker(ws.read('b/.kiro/specs/auth/tasks.md'), '2'), ' ');
  });

  it('a name two folders carry is ambiguous and lists both folders', async () => {
    const index = await loadSpecIndex(ws.root);
    assert.throws(
      () => requireSpec(index, 'auth'),
      (err: unknown) =>
        err instanceof AmbiguousSpecError &&
        err.candidates.join(' ') === 'a/.kiro/specs/auth b/.kiro/specs/auth' &&
        /give its folder/.test(err.message),
    );
  });

  it("run all stays in the folder it started in: b's tasks only", async () => {
    const provider = new ScriptedProvider([complete(), complete()]);
    const results = await runAllTasks({ ...options(ws, provider), spec: 'b/.kiro/specs/auth' });
    assert.deepEqual(
      results.map((r) => [r.specDir, r.task, r.status]),
      [
        ['b/.kiro/specs/auth', '1', 'completed'],
        ['b/.kiro/specs/auth', '2', 'completed'],
      ],
    );
    assert.match(ws.read('a/.kiro/specs/auth/tasks.md'), /- \[ \] 1\.[^]*- \[ \] 2\./);
  });
});
