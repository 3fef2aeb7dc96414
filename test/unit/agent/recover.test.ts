// Recovery: a run whose process is gone (a window reload, a crash) is closed as interrupted, its
// task's `[-]` goes back to what it was, and it is reported once. A run still going, or a marker
// someone changed since, is left alone. `tiller runs` and `tiller next` recover first.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headlessApprover, HostShutdown, recoverRuns, thisProcess, type Approver } from '../../../src/core/agent';
import { listRuns, readTrace, traceFile, type RunProcess } from '../../../src/core/trace';
import { complete, marker, repoRoot, run, TempWorkspace } from './helpers';

const TASKS = '.kiro/specs/user-auth/tasks.md';
const RUN = '20260101-120000-abcdef';

/** A pid that belonged to a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

function writeTrace(ws: TempWorkspace, proc: RunProcess, runId = RUN): string {
  const file = traceFile(ws.root, runId);
  mkdirSync(join(file, '..'), { recursive: true });
  const base = { runId, time: '2026-01-01T12:00:00.000Z' };
  const lines = [
    {
      ...base,
      seq: 1,
      type: 'run-start',
      task: {
        spec: 'user-auth',
        specDir: '.kiro/specs/user-auth',
        id: '2.1',
        title: 'Verify credentials and start a session',
        tasksFile: TASKS,
        requirements: [],
      },
      process: proc,
      trigger: 'you',
      provider: 'openai',
      model: 'm',
      settings: { mode: 'autopilot', maxTurns: 40, maxTokens: null, headless: false, checkpoints: false },
    },
    { ...base, seq: 2, type: 'task-status', task: '2.1', status: 'in-progress', was: 'todo', changed: [] },
    {
      ...base,
      seq: 3,
      type: 'model-turn',
      turn: 1,
      inputTokens: 50,
      outputTokens: 5,
      latencyMs: 10,
      text: '',
      toolCalls: [],
      stopReason: 'tool-calls',
    },
  ];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

function setMarker(ws: TempWorkspace, mark: string): void {
  writeFileSync(ws.path(TASKS), ws.read(TASKS).replace('- [ ] 2.1', `- [${mark}] 2.1`));
}

describe('recovery of interrupted runs', function () {
  this.timeout(20_000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => ws.dispose());

  it('closes a run whose process is gone, puts its task back to [ ], and reports it once', async () => {
    setMarker(ws, '-');
    const file = writeTrace(ws, { pid: deadPid(), host: hostname(), startedAt: '2026-01-01T11:59:59.000Z' });
    const found = await recoverRuns({ workspaceRoot: ws.root });
    assert.deepEqual(
      found.map((r) => [r.runId, r.specDir, r.task, r.restored]),
      [[RUN, '.kiro/specs/user-auth', '2.1', { from: 'in-progress', to: 'todo' }]],
    );
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
    const { events, skippedLines } = await readTrace(file);
    assert.deepEqual(skippedLines, []);
    const end = events.at(-1);
    assert.equal(end?.type, 'run-end');
    assert.equal(end?.type === 'run-end' && end.status, 'interrupted');
    assert.equal(end?.type === 'run-end' && end.usage.inputTokens, 50);
    assert.deepEqual(
      events.map((e) => e.seq),
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(await recoverRuns({ workspaceRoot: ws.root }), [], 'told once');
  });

  it('a run its host shuts down writes nothing more; recovery closes it as interrupted and gives the task back', async () => {
    const controller = new AbortController();
    let asked!: () => void;
    const waitingForCard = new Promise<void>((resolve) => (asked = resolve));
    const approver: Approver = {
      ...headlessApprover,
      approveCommand: (_request, signal) => {
        asked();
        return new Promise((resolve) =>
          signal.addEventListener('abort', () => resolve({ approved: false, reason: 'cancelled' }), { once: true }),
        );
      },
    };
    const command = { calls: [{ name: 'run_command', args: { command: 'make deploy', rationale: 'ship it' } }] };
    const running = run(ws, [command, complete()], { approver, signal: controller.signal });
    await waitingForCard;
    controller.abort(new HostShutdown());
    const { result, events } = await running;
    assert.equal(result.status, 'cancelled');
    assert.equal(
      events.find((e) => e.type === 'run-end'),
      undefined,
      'no end: how far a dying host gets is a race',
    );
    assert.equal(marker(ws.read(TASKS), '2.1'), '-');
    const found = await recoverRuns({ workspaceRoot: ws.root });
    assert.deepEqual(
      found.map((r) => [r.runId, r.restored]),
      [[result.runId, { from: 'in-progress', to: 'todo' }]],
    );
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
    const { events: closed } = await readTrace(result.trace);
    const end = closed.at(-1);
    assert.equal(end?.type === 'run-end' && end.status, 'interrupted');
    const card = closed.find((e) => e.type === 'command');
    assert.equal(card?.type === 'command' && card.decidedBy, 'interrupted');
  });

  it('a plain cancel still ends the run itself', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, events } = await run(ws, [complete()], { signal: controller.signal });
    assert.equal(result.status, 'cancelled');
    assert.equal(events.at(-1)?.type, 'run-end');
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
  });

  it('leaves alone a run whose process still runs, one from another host, and a marker changed since', async () => {
    setMarker(ws, 'x');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const started = new Date().toISOString();
      writeTrace(ws, { pid: child.pid!, host: hostname(), startedAt: started }, '20260101-120000-000001');
      writeTrace(ws, { pid: deadPid(), host: 'another-machine', startedAt: started }, '20260101-120000-000002');
      writeTrace(ws, thisProcess(), '20260101-120000-000003');
      const live = new Set(['20260101-120000-000003']);
      assert.deepEqual(await recoverRuns({ workspaceRoot: ws.root, live }), []);
      writeTrace(ws, { pid: deadPid(), host: hostname(), startedAt: started }, '20260101-120000-000004');
      const found = await recoverRuns({ workspaceRoot: ws.root, live });
      assert.deepEqual(
        found.map((r) => [r.runId, r.restored]),
        [['20260101-120000-000004', null]],
      );
      assert.equal(marker(ws.read(TASKS), '2.1'), 'x', 'a marker someone changed since stands');
    } finally {
      child.kill();
    }
  });

  it('tiller runs --json recovers first and lists newest first; tiller next then offers the task again', async () => {
    setMarker(ws, '-');
    writeTrace(ws, { pid: deadPid(), host: hostname(), startedAt: '2026-01-01T11:59:59.000Z' });
    const cli = join(repoRoot, 'dist/cli.js');
    const tiller = (...args: string[]) =>
      spawnSync(process.execPath, [cli, ...args, '--workspace', ws.root], {
        encoding: 'utf8',
        env: { ...process.env, HOME: ws.home },
      });
    const r = tiller('runs', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /run 20260101-120000-abcdef \(task 2\.1 of \.kiro\/specs\/user-auth\) was interrupted/);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(rows[0]), [
      'runId',
      'spec',
      'specDir',
      'task',
      'status',
      'startedAt',
      'endedAt',
      'trigger',
      'usage',
      'reverted',
      'paused',
    ]);
    assert.deepEqual(
      [rows[0].runId, rows[0].status, rows[0].task, rows[0].trigger],
      [RUN, 'interrupted', '2.1', 'you'],
    );
    const again = tiller('runs');
    assert.doesNotMatch(again.stderr, /interrupted/, 'reported once');
    const next = tiller('next', '--spec', 'user-auth', '--json');
    assert.equal((JSON.parse(next.stdout) as { id: string }).id, '2.1');
  });

  it('a run start keeps the newest traces (keepRuns) and never deletes one without an end', async () => {
    const ended = (id: string) => {
      const file = traceFile(ws.root, id);
      mkdirSync(join(file, '..'), { recursive: true });
      const at = { runId: id, time: '2026-01-01T12:00:00.000Z' };
      writeFileSync(
        file,
        `${JSON.stringify({ ...at, seq: 1, type: 'run-end', status: 'completed', reason: 'r', summary: null, turns: 1, usage: { inputTokens: 1, outputTokens: 1 }, durationMs: 1, filesChanged: [] })}\n`,
      );
    };
    ended('20250101-000000-000001');
    writeTrace(ws, thisProcess(), '20250101-000000-000002');
    ended('20250101-000000-000003');
    ended('20250101-000000-000004');
    const { result } = await run(ws, [complete()], { keepRuns: 2 });
    const left = await listRuns(ws.root);
    assert.deepEqual(left, ['20250101-000000-000002', '20250101-000000-000004', result.runId]);
  });
});
