import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { diskFiles, ModelError, runAllTasks, runTask, type WorkspaceFiles } from '../../../src/core/agent';
import { applyEdits } from '../../../src/core/specs';
import { complete, marker, ofType, options, run, ScriptedProvider, TempWorkspace, type Turn } from './helpers';

const TASKS = '.kiro/specs/user-auth/tasks.md';

describe('agent runner', function () {
  // Real git, real processes and real sockets: slow on a loaded CI machine.
  this.timeout(20_000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => ws.dispose());

  it('completes a task: [-] while running, [x] at the end, parent untouched until its last child', async () => {
    let during = '';
    const { result, events } = await run(ws, [
      () => (
        (during = marker(ws.read(TASKS), '2.1')),
        {
          calls: [
            {
              name: 'write_file',
              args: { path: 'src/auth/signin.ts', content: 'export {};\n', rationale: 'sign-in lives here' },
            },
          ],
        }
      ),
      complete('Sign-in verifies credentials.'),
    ]);
    assert.equal(during, '-');
    assert.equal(result.status, 'completed');
    assert.equal(result.summary, 'Sign-in verifies credentials.');
    assert.equal(marker(ws.read(TASKS), '2.1'), 'x');
    assert.equal(marker(ws.read(TASKS), '2'), ' ');
    assert.deepEqual(
      ofType(events, 'task-status').map((e) => e.status),
      ['in-progress', 'done'],
    );
    assert.deepEqual(result.filesChanged, ['src/auth/signin.ts']);
    assert.equal(events[0].type, 'run-start');
    assert.equal(events.at(-1)?.type, 'run-end');
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
    );
  });

  it('the last child completing marks the parent done (engine auto-done)', async () => {
    writeFileSync(ws.path(TASKS), ws.read(TASKS).replace('- [ ] 2.2', '- [x] 2.2'));
    await run(ws, [complete()]);
    assert.equal(marker(ws.read(TASKS), '2'), 'x');
  });

  it('keeps a person’s concurrent edit of tasks.md', async () => {
    await run(ws, [
      () => {
        writeFileSync(
          ws.path(TASKS),
          ws.read(TASKS).replace('Expire idle sessions', 'Expire idle sessions after 30 days'),
        );
        return complete();
      },
    ]);
    const text = ws.read(TASKS);
    assert.match(text, /after 30 days/);
    assert.equal(marker(text, '2.1'), 'x');
  });

  it('fails back to [ ] when the model stops without complete_task (after one reminder)', async () => {
    const { result, provider } = await run(ws, [{ text: 'I think it is fine.' }, { text: 'Really.' }]);
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /without calling complete_task: Really/);
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
    assert.match(provider.requests[1].messages.at(-1)!.content, /call complete_task/);
  });

  it('fails on a model error, recording it', async () => {
    const provider = new ScriptedProvider([
      () => {
        throw new ModelError('auth', 'The key in OPENAI_API_KEY was refused.');
      },
    ]);
    const result = await runTask(options(ws, provider));
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /model error \(auth\)/);
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
  });

  it('stops at max turns', async () => {
    const read: Turn = { calls: [{ name: 'read_file', args: { path: 'AGENTS.md' } }] };
    const { result } = await run(ws, [read, read, read, read], { maxTurns: 3 });
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /3 model turns \(max turns\)/);
    assert.equal(result.turns, 3);
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
  });

  it('stops when the token budget is spent', async () => {
    const read: Turn = {
      calls: [{ name: 'read_file', args: { path: 'AGENTS.md' } }],
      usage: { inputTokens: 600, outputTokens: 10 },
    };
    const { result } = await run(ws, [read, read, read], { maxTokens: 1000 });
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /max tokens 1000/);
    assert.deepEqual(result.usage, { inputTokens: 1200, outputTokens: 20 });
  });

  it('cancels mid-run: the task goes back to [ ] and the run says cancelled', async () => {
    const controller = new AbortController();
    const { result, events } = await run(
      ws,
      [
        () => {
          controller.abort();
          return { calls: [{ name: 'write_file', args: { path: 'late.ts', content: 'x', rationale: 'r' } }] };
        },
      ],
      { signal: controller.signal },
    );
    assert.equal(result.status, 'cancelled');
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
    assert.equal(ofType(events, 'edit').length, 0);
    assert.equal(ofType(events, 'run-end')[0].status, 'cancelled');
  });

  it('cancels a model call in flight', async () => {
    const controller = new AbortController();
    const provider = new ScriptedProvider([
      (req) =>
        new Promise((_, reject) => {
          req.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          controller.abort();
        }),
    ]);
    const result = await runTask(options(ws, provider, { signal: controller.signal }));
    assert.equal(result.status, 'cancelled');
    assert.equal(marker(ws.read(TASKS), '2.1'), ' ');
  });

  it('supervised: a rejection and its reason go back to the model', async () => {
    const { result, provider, events } = await run(
      ws,
      [{ calls: [{ name: 'write_file', args: { path: 'a.ts', content: 'x\n', rationale: 'r' } }] }, complete()],
      { mode: 'supervised', reviewEdit: async () => ({ accept: false, reason: 'wrong folder' }) },
    );
    assert.equal(result.status, 'completed');
    const toolMessage = provider.requests[1].messages.find((m) => m.role === 'tool');
    assert.ok(toolMessage && toolMessage.role === 'tool' && toolMessage.isError);
    assert.match(toolMessage.content, /wrong folder/);
    assert.equal(ofType(events, 'edit')[0].review, 'rejected');
  });

  it('supervised: accepted edits are written', async () => {
    await run(
      ws,
      [{ calls: [{ name: 'write_file', args: { path: 'a.ts', content: 'x\n', rationale: 'r' } }] }, complete()],
      {
        mode: 'supervised',
        reviewEdit: async () => ({ accept: true }),
      },
    );
    assert.equal(ws.read('a.ts'), 'x\n');
  });

  it('an unsaved tasks.md is the task: the prompt comes from the same text the status edit changes', async () => {
    // The editor holds tasks renumbered without saving: its 2.1 is the disk's 2.2.
    const buffers = new Map<string, string>();
    const tasks = ws.path(TASKS);
    const disk = ws.read(TASKS);
    buffers.set(tasks, disk.replace('2.1', '2.9').replace('2.2', '2.1').replace('2.9', '2.2'));
    const files: WorkspaceFiles = {
      stat: async (path) =>
        buffers.has(path) ? { kind: 'file', size: buffers.get(path)!.length } : diskFiles.stat(path),
      read: async (path) => buffers.get(path) ?? diskFiles.read(path),
      write: async (path, text) => void (buffers.has(path) ? buffers.set(path, text) : diskFiles.write(path, text)),
      edit: async (path, compute) => {
        if (!buffers.has(path)) return diskFiles.edit(path, compute);
        const text = buffers.get(path)!;
        const computed = compute(text);
        const result = Array.isArray(computed) ? { edits: computed, text: applyEdits(text, computed) } : computed;
        buffers.set(path, result.text);
        return result;
      },
    };
    const { provider, result } = await run(ws, [complete()], { workspaceFiles: files });
    assert.equal(result.status, 'completed', result.reason);
    const prompt = provider.requests[0].messages[1].content;
    assert.match(prompt, /task 2\.1 .*Lock the account after repeated failures/);
    assert.doesNotMatch(prompt, /Verify credentials/);
    assert.equal(marker(buffers.get(tasks)!, '2.1'), 'x');
    assert.equal(ws.read(TASKS), disk, 'the disk is the editor’s business');
  });

  it('tool errors go back to the model; the run continues', async () => {
    const { result, provider } = await run(ws, [{ calls: [{ name: 'read_file', args: '{broken' }] }, complete()]);
    assert.equal(result.status, 'completed');
    assert.match(provider.requests[1].messages.at(-1)!.content, /not valid JSON/);
  });

  it('runs one task at a time per workspace; a waiting task shows [~]', async () => {
    let queued!: () => void;
    const queuedSeen = new Promise<void>((r) => (queued = r));
    let queuedMarker = '';
    let second: Promise<unknown> | undefined;
    const startSecond = () =>
      (second = runTask(
        options(ws, new ScriptedProvider([() => (assert.equal(marker(ws.read(TASKS), '2.1'), 'x'), complete())]), {
          task: '3.1',
          onEvent: (e) => e.type === 'task-status' && e.status === 'queued' && queued(),
        }),
      ));
    const first = await runTask(
      options(
        ws,
        new ScriptedProvider([
          async () => {
            await queuedSeen;
            queuedMarker = marker(ws.read(TASKS), '3.1');
            return complete();
          },
        ]),
        // The second run is asked for once the first holds the workspace.
        { onEvent: (e) => e.type === 'task-status' && e.status === 'in-progress' && startSecond() },
      ),
    );
    const b = (await second) as Awaited<ReturnType<typeof runTask>>;
    assert.equal(queuedMarker, '~');
    assert.equal(first.status, 'completed');
    assert.equal(b.status, 'completed');
    assert.equal(marker(ws.read(TASKS), '3.1'), 'x');
  });

  it('a run cancelled while queued goes back to [ ] without running', async () => {
    const controller = new AbortController();
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    let finish!: () => void;
    const hold = new Promise<void>((r) => (finish = r));
    const first = runTask(options(ws, new ScriptedProvider([async () => (started(), await hold, complete())])));
    await firstStarted;
    const provider = new ScriptedProvider([]);
    const second = runTask(
      options(ws, provider, {
        task: '3.1',
        signal: controller.signal,
        onEvent: (e) => e.type === 'task-status' && e.status === 'queued' && controller.abort(),
      }),
    );
    const b = await second;
    finish();
    await first;
    assert.equal(b.status, 'cancelled');
    assert.equal(provider.requests.length, 0);
    assert.equal(marker(ws.read(TASKS), '3.1'), ' ');
  });

  it('run all tasks: in order, stopping at the first failure', async () => {
    const provider = new ScriptedProvider([
      complete('2.1'),
      complete('2.2'),
      { text: 'stuck' },
      { text: 'still stuck' },
    ]);
    const results = await runAllTasks({ ...options(ws, provider), task: undefined } as never);
    assert.deepEqual(
      results.map((r) => [r.task, r.status]),
      [
        ['2.1', 'completed'],
        ['2.2', 'completed'],
        ['3.1', 'failed'],
      ],
    );
    assert.equal(marker(ws.read(TASKS), '2'), 'x');
    assert.equal(marker(ws.read(TASKS), '3.1'), ' ');
  });

  it('refuses to run a parent task or an unknown one', async () => {
    await assert.rejects(runTask(options(ws, new ScriptedProvider([]), { task: '2' })), /has sub-tasks/);
    await assert.rejects(runTask(options(ws, new ScriptedProvider([]), { task: '9.9' })), /no task '9.9'/);
  });
});
