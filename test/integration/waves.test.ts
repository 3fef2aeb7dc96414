// Run All with tiller.agent.parallelism 2, in a real VS Code: the (P) tasks of a spec run at the
// same time in their own git worktrees, each a run of the session in one wave, their changes
// merge into the workspace, and the coordinator's markers land in the open tasks.md buffer (the
// only change to it, undoable), while the model is the fake OpenAI-compatible server on 127.0.0.1.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WavesResult } from '../../src/core/waves';
import { startFakeModelServer, type FakeModelServer, type ScriptEntry } from '../support/fake-model-server';
import { setAgent, tiller, waitFor, workspaceRoot } from './util';

const KEY = 'sk-tiller-waves-0123456789';
const TASKS = '# Tasks\n\n- [ ] 1. (P) Write alpha\n- [ ] 2. (P) Write beta\n- [ ] 3. Wrap up\n';
const GIT = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

/** Each task writes `<task>.txt` on its first turn (held until both (P) tasks ask at once), then completes. */
const turn: ScriptEntry = (request) => {
  const messages = request.body.messages as { role: string }[];
  const task = /Carry out task (\S+) of spec/.exec(JSON.stringify(messages))?.[1] ?? '?';
  const first = !messages.some((m) => m.role === 'assistant');
  const call = first
    ? {
        name: 'write_file',
        arguments: JSON.stringify({ path: `task-${task}.txt`, content: `${task}\n`, rationale: 'it' }),
      }
    : { name: 'complete_task', arguments: '{"summary":"done"}' };
  return { toolCalls: [call], ...(first && task !== '3' ? { holdUntilInFlight: 2 } : {}) };
};

describe('Run All side by side (tiller.agent.parallelism)', function () {
  this.timeout(90_000);
  let server: FakeModelServer;
  const root = () => workspaceRoot().fsPath;
  const spec = () => join(root(), '.kiro', 'specs', 'side-by-side');
  const created: string[] = [];
  const git = (...args: string[]) => execFileSync('git', [...GIT, ...args], { cwd: root(), encoding: 'utf8' }).trim();

  before(async () => {
    server = await startFakeModelServer({ apiKey: KEY });
    await setAgent({ provider: 'openai', baseUrl: server.openaiBaseUrl, model: 'fake-model', parallelism: 2 });
    assert.equal(await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY), true);
    await mkdir(spec(), { recursive: true });
    await writeFile(join(spec(), 'tasks.md'), TASKS);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    const api = await tiller();
    await vscode.commands.executeCommand('tiller.refresh');
    await waitFor('the spec in the model', () => api.model.specByDir(spec()));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setAgent({ provider: undefined, baseUrl: undefined, model: undefined, parallelism: undefined });
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', '');
    await server?.close();
    for (const path of [
      ...created,
      spec(),
      join(root(), '.git'),
      ...['1', '2', '3'].map((t) => join(root(), `task-${t}.txt`)),
    ])
      await rm(path, { recursive: true, force: true });
    await vscode.commands.executeCommand('tiller.refresh');
  });

  it('runs the (P) pair at once in worktrees, merges both, and only the markers change in the open tasks.md', async () => {
    const document = await vscode.workspace.openTextDocument(join(spec(), 'tasks.md'));
    await vscode.window.showTextDocument(document);
    server.script(Array.from({ length: 6 }, () => turn));
    const result = await vscode.commands.executeCommand<WavesResult>('tiller.runAllTasks', spec());

    assert.equal(result.status, 'completed', result.reason);
    assert.deepEqual(result.waves, [['1', '2'], ['3']]);
    assert.ok(server.maxInFlight >= 2, 'the two (P) tasks asked the model at the same time');
    for (const task of ['1', '2', '3'])
      assert.equal(await readFile(join(root(), `task-${task}.txt`), 'utf8'), `${task}\n`);
    assert.equal(document.getText(), TASKS.replace(/\[ \]/g, '[x]'));
    assert.equal(document.isDirty, false);
    assert.equal(await readFile(join(spec(), 'tasks.md'), 'utf8'), document.getText());
    assert.equal(git('rev-list', '--count', 'HEAD'), '4', 'one commit per task on top of the start');
    assert.equal(git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1, 'no worktree left');

    const runs = (await tiller()).runs.runs().filter((r) => r.specDir === spec());
    assert.deepEqual(
      runs.map((r) => [r.task, r.state, r.wave?.index]),
      [
        ['1', 'completed', 1],
        ['2', 'completed', 1],
        ['3', 'completed', 2],
      ],
    );
    assert.equal(runs[0].wave?.id, runs[1].wave?.id);
    assert.ok(
      runs.every((r) => r.trace?.startsWith(join(root(), '.kiro', 'tiller', 'runs'))),
      'traces kept in the workspace',
    );

    // The markers were editor edits: Undo takes the last one back in the buffer.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.match(document.getText(), /- \[-\] 3\. Wrap up/);
    await vscode.commands.executeCommand('redo');
    assert.equal(document.isDirty, false);
  });

  it('cancelling one task’s run cancels the wave: both stop, markers go back, no worktree is left', async () => {
    const cancelSpec = join(root(), '.kiro', 'specs', 'side-cancel');
    created.push(cancelSpec);
    const text = '# Tasks\n\n- [ ] 1. (P) Hang one\n- [ ] 2. (P) Hang two\n';
    await mkdir(cancelSpec, { recursive: true });
    await writeFile(join(cancelSpec, 'tasks.md'), text);
    git('add', '-A');
    git('commit', '-q', '-m', 'cancel probe');
    const head = git('rev-parse', 'HEAD');
    const api = await tiller();
    await vscode.commands.executeCommand('tiller.refresh');
    await waitFor('the cancel probe in the model', () => api.model.specByDir(cancelSpec));
    const before = server.requests.length;
    server.script([{ hang: true }, { hang: true }]);
    const running = vscode.commands.executeCommand<WavesResult>('tiller.runAllTasks', cancelSpec);
    await server.waitForRequests(before + 2);
    const lanes = api.runs.runs().filter((r) => r.specDir === cancelSpec);
    assert.deepEqual(
      lanes.map((r) => r.state),
      ['running', 'running'],
    );
    await vscode.commands.executeCommand('tiller.cancelRun', lanes[1].runId);
    const result = await running;

    assert.equal(result.status, 'cancelled', result.reason);
    assert.deepEqual(
      result.tasks.map((t) => [t.id, t.status, t.worktree]),
      [
        ['1', 'cancelled', null],
        ['2', 'cancelled', null],
      ],
    );
    assert.deepEqual(
      api.runs
        .runs()
        .filter((r) => r.specDir === cancelSpec)
        .map((r) => r.state),
      ['cancelled', 'cancelled'],
    );
    assert.equal(await readFile(join(cancelSpec, 'tasks.md'), 'utf8'), text);
    assert.equal(git('rev-parse', 'HEAD'), head);
    assert.equal(git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1, 'no worktree left');
    assert.equal(git('branch', '--list', 'tiller/*'), '');
  });

  it('after a reload mid-wave, recovery puts the wave’s markers back in the open tasks.md', async () => {
    const probe = join(root(), '.kiro', 'specs', 'side-reload');
    created.push(probe, join(root(), '.kiro', 'tiller', 'waves'));
    const file = join(probe, 'tasks.md');
    await mkdir(probe, { recursive: true });
    await writeFile(file, '# Tasks\n\n- [x] 1. (P) Merged\n- [-] 2. (P) Working\n- [~] 3. (P) Waiting\n');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const journal = {
      id: '20260101-120000-wave01',
      process: { pid: gone, host: hostname(), startedAt: new Date(Date.now() - 60_000).toISOString() },
      spec: 'side-reload',
      tasksFile: file,
      tasks: ['1', '2', '3'],
    };
    await mkdir(join(root(), '.kiro', 'tiller', 'waves'), { recursive: true });
    await writeFile(join(root(), '.kiro', 'tiller', 'waves', `${journal.id}.json`), JSON.stringify(journal));
    await (await tiller()).runs.recover();
    assert.equal(document.getText(), '# Tasks\n\n- [x] 1. (P) Merged\n- [ ] 2. (P) Working\n- [ ] 3. (P) Waiting\n');
    assert.equal(document.isDirty, false);
    assert.equal(existsSync(join(root(), '.kiro', 'tiller', 'waves', `${journal.id}.json`)), false);
  });
});
