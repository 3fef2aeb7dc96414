// Runs you can trust, in a real VS Code: the right task when two specs share a name, the text the
// person sees (unsaved buffers, symlinks), recovery after a reload, a model that never answers, and
// a trace with a bad line. The model is the fake OpenAI-compatible server on 127.0.0.1.
import * as assert from 'node:assert/strict';
import { lstat, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/agent';
import { readTrace, traceFile } from '../../src/core/trace';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server';
import { setAgent, tiller, waitFor, workspaceRoot } from './util';

const KEY = 'sk-tiller-runs-0123456789';
const TASKS = '# Tasks\n\n- [ ] 1. First thing\n- [ ] 2. Second thing\n';

const call = (name: string, args: Record<string, unknown>) => ({
  toolCalls: [{ name, arguments: JSON.stringify(args) }],
});

function runTask(specDir: string, taskId: string): Thenable<RunResult | undefined> {
  return vscode.commands.executeCommand<RunResult | undefined>('tiller.runTask', { specDir, taskId });
}

async function writeSpec(dir: string, tasks = TASKS): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'tasks.md'), tasks);
}

describe('Runs you can trust', function () {
  this.timeout(60_000);
  let server: FakeModelServer;

  before(async () => {
    server = await startFakeModelServer({ apiKey: KEY });
    await setAgent({ provider: 'openai', baseUrl: server.openaiBaseUrl, model: 'fake-model' });
    assert.equal(await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY), true);
    await tiller();
  });

  after(async () => {
    await setAgent({ provider: undefined, baseUrl: undefined, model: undefined });
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', '');
    await server?.close();
  });

  describe('two specs of the same name in one window', () => {
    // A monorepo: sub-projects a/ and b/ each hold `.kiro/specs/twin`. Discovery looks into
    // sub-projects when the root has no `.kiro/specs`, so the fixture's is set aside meanwhile.
    const root = () => workspaceRoot().fsPath;
    const specs = () => join(root(), '.kiro', 'specs');
    const aside = () => join(root(), '.kiro', 'specs-aside');
    const here = () => join(root(), 'a', '.kiro', 'specs', 'twin');
    const there = () => join(root(), 'b', '.kiro', 'specs', 'twin');

    before(async () => {
      await rename(specs(), aside());
      await writeSpec(here());
      await writeSpec(there());
      const api = await tiller();
      await vscode.commands.executeCommand('tiller.refresh');
      await waitFor(
        'both twin specs in the model',
        () => api.model.specs().filter((s) => s.name === 'twin').length === 2,
      );
    });

    after(async () => {
      await rm(join(root(), 'a'), { recursive: true, force: true });
      await rm(join(root(), 'b'), { recursive: true, force: true });
      await rename(aside(), specs());
      await vscode.commands.executeCommand('tiller.refresh');
    });

    it("running the second folder's task 1 ticks that folder's task, never the first's", async () => {
      server.script([call('complete_task', { summary: 'Done there' })]);
      const result = await runTask(there(), '1');
      assert.equal(result?.status, 'completed', result?.reason);
      assert.match(await readFile(join(there(), 'tasks.md'), 'utf8'), /- \[x\] 1\. First thing/);
      assert.match(await readFile(join(here(), 'tasks.md'), 'utf8'), /- \[ \] 1\. First thing/);
      const { events } = await readTrace(result!.trace);
      const start = events[0];
      assert.equal(start.type === 'run-start' && start.task.specDir, 'b/.kiro/specs/twin');
      const api = await tiller();
      assert.equal(api.runs.runs().find((r) => r.runId === result!.runId)?.specDir, there());
    });
  });

  describe('the agent works on what the person sees', () => {
    const root = () => workspaceRoot().fsPath;
    const spec = () => join(root(), '.kiro', 'specs', 'unsaved-probe');

    // code-server saves after a delay by default; unsaved text must stay unsaved here.
    const files = () => vscode.workspace.getConfiguration('files');

    before(async () => {
      await files().update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      await writeSpec(spec(), '# Tasks\n\n- [ ] 1. Alpha task\n- [ ] 2. Beta task\n');
      const api = await tiller();
      await vscode.commands.executeCommand('tiller.refresh');
      await waitFor('the probe spec', () => api.model.specByDir(spec()));
    });

    after(async () => {
      // Unsaved text left by the tests is reverted, so closing its editor asks nothing.
      for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await files().update('autoSave', undefined, vscode.ConfigurationTarget.Global);
      await rm(spec(), { recursive: true, force: true });
      await rm(join(root(), 'notes.txt'), { force: true });
      await rm(join(root(), 'real.txt'), { force: true });
      await rm(join(root(), 'link.txt'), { force: true });
      await vscode.commands.executeCommand('tiller.refresh');
    });

    it('a run from an unsaved tasks.md prompts with the buffer’s task and ticks it in the buffer', async () => {
      const file = vscode.Uri.file(join(spec(), 'tasks.md'));
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      // Renumbered without saving: the buffer's task 1 is Beta.
      const swap = new vscode.WorkspaceEdit();
      swap.replace(
        file,
        new vscode.Range(0, 0, document.lineCount, 0),
        '# Tasks\n\n- [ ] 1. Beta task\n- [ ] 2. Alpha task\n',
      );
      assert.ok(await vscode.workspace.applyEdit(swap));
      assert.ok(document.isDirty);
      const api = await tiller();
      await waitFor('the model on the buffer', () => api.model.task(spec(), '1')?.task.title === 'Beta task');
      const before = server.requests.length;
      server.script([call('complete_task', { summary: 'Beta done' })]);
      const result = await runTask(spec(), '1');
      assert.equal(result?.status, 'completed', result?.reason);
      const prompt = JSON.stringify(server.requests[before].body.messages);
      assert.match(prompt, /Beta task/);
      assert.doesNotMatch(prompt, /Alpha task/);
      assert.match(document.getText(), /- \[x\] 1\. Beta task/);
      assert.ok(document.isDirty, 'the person’s unsaved text stays theirs to save');
      assert.match(await readFile(file.fsPath, 'utf8'), /- \[ \] 1\. Alpha task/);
    });

    it('an edit under an unsaved buffer lands in the buffer (no save conflict) and Undo takes it back', async () => {
      const file = vscode.Uri.file(join(root(), 'notes.txt'));
      await writeFile(file.fsPath, 'first line\n');
      const document = await vscode.workspace.openTextDocument(file);
      const editor = await vscode.window.showTextDocument(document);
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'typed, not saved\n')));
      server.script([
        call('edit_file', { path: 'notes.txt', old_string: 'first line', new_string: 'FIRST LINE', rationale: 'caps' }),
        call('complete_task', { summary: 'Edited' }),
      ]);
      const result = await runTask(spec(), '2');
      assert.equal(result?.status, 'completed', result?.reason);
      assert.equal(document.getText(), 'FIRST LINE\ntyped, not saved\n');
      assert.ok(document.isDirty);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), 'first line\ntyped, not saved\n');
      await vscode.commands.executeCommand('redo');
      // The disk under the buffer was never written behind its back, so saving it is no conflict.
      assert.ok(await document.save(), 'the save went through');
      assert.equal(await readFile(file.fsPath, 'utf8'), 'FIRST LINE\ntyped, not saved\n');
    });

    it('an edit of a symbolic link changes the file it points to and keeps the link', async () => {
      await writeFile(join(root(), 'real.txt'), 'Use tabs.\n');
      await symlink('real.txt', join(root(), 'link.txt'));
      await vscode.commands.executeCommand('tiller.resetTask', { specDir: spec(), taskId: '2' });
      server.script([
        call('edit_file', { path: 'link.txt', old_string: 'tabs', new_string: 'spaces', rationale: 'style' }),
        call('complete_task', { summary: 'Linked' }),
      ]);
      const result = await runTask(spec(), '2');
      assert.equal(result?.status, 'completed', result?.reason);
      assert.equal(await readFile(join(root(), 'real.txt'), 'utf8'), 'Use spaces.\n');
      assert.ok((await lstat(join(root(), 'link.txt'))).isSymbolicLink(), 'the link was replaced by a file');
    });
  });

  describe('a window reload mid-run, then recovery', () => {
    // The reload itself kills the extension host; what survives is a trace whose process is gone
    // and a task at [-]. Recovery is what activation runs; calling it again is the next activation.
    const root = () => workspaceRoot().fsPath;
    const spec = () => join(root(), '.kiro', 'specs', 'reload-probe');
    const runId = '20260101-120000-0dead0';

    after(async () => {
      await rm(spec(), { recursive: true, force: true });
      await rm(traceFile(root(), runId), { force: true });
      await vscode.commands.executeCommand('tiller.refresh');
    });

    it('closes the run as interrupted, gives the task back, and reports it once', async () => {
      await writeSpec(spec(), '# Tasks\n\n- [-] 1. Reloaded task\n');
      const gone = spawnSync(process.execPath, ['-e', '']).pid!;
      const base = { runId, time: new Date().toISOString() };
      const start = {
        ...base,
        seq: 1,
        type: 'run-start',
        task: {
          spec: 'reload-probe',
          specDir: '.kiro/specs/reload-probe',
          id: '1',
          title: 'Reloaded task',
          tasksFile: '.kiro/specs/reload-probe/tasks.md',
          requirements: [],
        },
        process: { pid: gone, host: hostname(), startedAt: base.time },
        trigger: 'you',
        provider: 'openai',
        model: 'fake-model',
        settings: { mode: 'autopilot', maxTurns: 40, maxTokens: null, headless: false, checkpoints: false },
      };
      const status = {
        ...base,
        seq: 2,
        type: 'task-status',
        task: '1',
        status: 'in-progress',
        was: 'todo',
        changed: [],
      };
      await mkdir(join(traceFile(root(), runId), '..'), { recursive: true });
      await writeFile(traceFile(root(), runId), `${JSON.stringify(start)}\n${JSON.stringify(status)}\n`);
      const api = await tiller();
      const found = await api.runs.recover();
      assert.deepEqual(
        found.map((r) => [r.runId, r.task, r.restored?.to]),
        [[runId, '1', 'todo']],
      );
      assert.match(await readFile(join(spec(), 'tasks.md'), 'utf8'), /- \[ \] 1\. Reloaded task/);
      const { events } = await readTrace(traceFile(root(), runId));
      const end = events.at(-1);
      assert.equal(end?.type === 'run-end' && end.status, 'interrupted');
      assert.deepEqual(await api.runs.recover(), [], 'the user is told once');
    });
  });

  describe('Run Next Task scope', () => {
    const root = () => workspaceRoot().fsPath;
    const first = () => join(root(), '.kiro', 'specs', 'aaa-scope-first');
    const active = () => join(root(), '.kiro', 'specs', 'zzz-scope-active');

    before(async () => {
      await writeSpec(first());
      await writeSpec(active());
      const api = await tiller();
      await vscode.commands.executeCommand('tiller.refresh');
      await waitFor('the scope specs', () => api.model.specByDir(first()) && api.model.specByDir(active()));
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await rm(first(), { recursive: true, force: true });
      await rm(active(), { recursive: true, force: true });
      await vscode.commands.executeCommand('tiller.refresh');
    });

    it('from the palette runs the next task of the spec in the active editor, not the first spec by name', async () => {
      await vscode.window.showTextDocument(vscode.Uri.file(join(active(), 'tasks.md')));
      server.script([call('complete_task', { summary: 'Scoped' })]);
      const result = await vscode.commands.executeCommand<RunResult | undefined>('tiller.runNextTask');
      assert.equal(result?.status, 'completed', result?.reason);
      assert.equal(result?.specDir, '.kiro/specs/zzz-scope-active');
      assert.match(await readFile(join(active(), 'tasks.md'), 'utf8'), /- \[x\] 1\. First thing/);
      assert.match(await readFile(join(first(), 'tasks.md'), 'utf8'), /- \[ \] 1\. First thing/);
    });
  });

  describe('a model that never answers', () => {
    const root = () => workspaceRoot().fsPath;
    const spec = () => join(root(), '.kiro', 'specs', 'hang-probe');

    before(async () => {
      await writeSpec(spec());
      await setAgent({ requestTimeoutSeconds: 1 });
      const api = await tiller();
      await vscode.commands.executeCommand('tiller.refresh');
      await waitFor('the hang spec', () => api.model.specByDir(spec()));
    });

    after(async () => {
      await setAgent({ requestTimeoutSeconds: undefined });
      await rm(spec(), { recursive: true, force: true });
      await vscode.commands.executeCommand('tiller.refresh');
    });

    for (const [what, turn, message] of [
      ['accepts and never answers', { hang: true as const }, /no response within 1 s/],
      ['streams, then goes silent', { text: 'Thinking', hangAfter: 1 }, /went silent for 1 s/],
    ] as const) {
      it(`${what}: the wait is shown, then the run fails as timed out and the task goes back to [ ]`, async () => {
        const api = await tiller();
        const requested: number[] = [];
        const listener = api.runs.onDidStream(({ event }) => {
          if (event.type === 'request') requested.push(event.turn);
        });
        server.script([turn]);
        try {
          const result = await runTask(spec(), '1');
          assert.equal(result?.status, 'failed');
          assert.match(result?.reason ?? '', /model error \(timeout\)/);
          assert.match(result?.reason ?? '', message);
          assert.deepEqual(requested, [1], 'the follow log was told a request was waiting');
          assert.match(await readFile(join(spec(), 'tasks.md'), 'utf8'), /- \[ \] 1\. First thing/);
        } finally {
          listener.dispose();
        }
      });
    }
  });

  describe('long runs stay bounded', () => {
    it('an approval removes its abort listener from the run’s signal once it is answered', async () => {
      const api = await tiller();
      const controller = new AbortController();
      for (let i = 0; i < 20; i++) {
        const decided = api.approvals.request(
          { command: `echo ${i}`, source: 'agent', rationale: 'r', reasons: ['ask'], options: [], untrustable: [] },
          controller.signal,
        );
        const pending = await waitFor('the request', () =>
          api.approvals.pending().find((r) => r.command === `echo ${i}`),
        );
        assert.ok(api.approvals.answer(pending.id, { kind: 'reject', reason: 'no' }));
        await decided;
      }
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    });
  });
});
