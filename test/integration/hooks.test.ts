// Hooks inside a real VS Code: the Hooks view lists the fixture hooks, the disk is watched only
// while a creation or deletion hook is enabled, toggling rewrites only the `enabled` value, an editor save, a real git commit and a burst of 500 files each fire their hook
// once, a command the policy does not allow waits for a person's approval, broken hook files reach
// the Problems panel, and New Hook writes a file that loads.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Hook, HookRun } from '../../src/core/hooks';
import type { TillerApi } from '../../src/extension/extension';
import { startFakeModelServer } from '../support/fake-model-server';
import { tiller, waitFor, workspaceRoot } from './util';

const HOOKS = join('.kiro', 'hooks');

function path(...parts: string[]): string {
  return join(workspaceRoot().fsPath, ...parts);
}

async function api(): Promise<TillerApi> {
  const tillerApi = await tiller();
  await tillerApi.hooks.service.ready();
  return tillerApi;
}

/** Writes a hook file and waits until the service has loaded the hook named `name` from it. */
async function writeHook(file: string, content: unknown, name: string): Promise<Hook> {
  const { hooks } = await api();
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return waitFor(`hook "${name}" to load`, () => hooks.service.hooks().find((h) => h.name === name), 10_000);
}

/** The runs of a hook from now on. */
function recordRuns(tillerApi: TillerApi, name: string): { runs: HookRun[]; dispose(): void } {
  const runs: HookRun[] = [];
  const subscription = tillerApi.hooks.service.onDidRun((run) => {
    if (run.hook.name === name) runs.push(run);
  });
  return { runs, dispose: () => subscription.dispose() };
}

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Tiller Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: workspaceRoot().fsPath,
    encoding: 'utf8',
  });
}

/**
 * Rejects the approvals hooks are waiting for: a hook whose command the policy does not allow,
 * fired by an earlier suite, leaves one pending (and its hook busy).
 */
async function rejectHookApprovals(): Promise<void> {
  const { approvals, hooks } = await api();
  let idle = false;
  void hooks.service.idle().then(() => (idle = true));
  // A hook's queued batch runs as soon as its previous run is refused, and asks again.
  await waitFor(
    'the hooks to be idle',
    () => {
      for (const request of approvals.pending())
        if (request.source.startsWith('hook: '))
          approvals.answer(request.id, { kind: 'reject', reason: 'hooks test clean-up' });
      return idle;
    },
    30_000,
  );
}

describe('Hooks in VS Code', function () {
  this.timeout(60_000);
  const created: string[] = [];

  before(async () => {
    // `cat` echoes the event JSON from stdin: a command the policy allows, from the user settings.
    await vscode.workspace
      .getConfiguration('tiller')
      .update('commands.allow', ['cat'], vscode.ConfigurationTarget.Global);
    await rejectHookApprovals();
  });

  after(async () => {
    await rejectHookApprovals();
    await vscode.workspace
      .getConfiguration('tiller')
      .update('commands.allow', undefined, vscode.ConfigurationTarget.Global);
    for (const file of created) rmSync(file, { recursive: true, force: true });
    await (await api()).hooks.service.reload();
  });

  it('lists the fixture hooks with their triggers and patterns', async () => {
    const { hooks } = await api();
    const items = hooks.tree.getChildren().map((hook) => hooks.tree.getTreeItem(hook));
    assert.deepEqual(
      items.map((item) => [item.label, item.description, item.contextValue]),
      [
        ['Log commits', 'commit', 'hook-enabled-live'],
        ['Pre-task check', 'preTask', 'hook-enabled-live'],
        ['Summarize workspace', 'manual', 'hook-enabled-live'],
        ['Index new docs', 'fileCreated · docs/**/*.md · disabled', 'hook-disabled'],
        ['Review TypeScript on save', 'fileSaved · src/**/*.ts, !src/**/*.test.ts', 'hook-enabled-live'],
      ],
    );
  });

  it('watches files on disk only while an enabled hook has a creation or deletion trigger', async () => {
    const { hooks } = await api();
    // The fixture's save hook is fed by editor saves, and its creation hook is disabled.
    assert.equal(hooks.service.watchingFiles(), false);
    assert.equal(await vscode.commands.executeCommand('tiller.enableHook', 'Index new docs'), true);
    await waitFor('the disk watcher to start', () => hooks.service.watchingFiles());
    assert.equal(await vscode.commands.executeCommand('tiller.disableHook', 'Index new docs'), true);
    await waitFor('the disk watcher to stop', () => !hooks.service.watchingFiles());
  });

  it('enables and disables a hook by rewriting only its enabled value, through the editor when the file is open', async () => {
    const { hooks } = await api();
    const legacy = path(HOOKS, 'docs-on-create.kiro.hook');
    const legacyBefore = readFileSync(legacy, 'utf8');
    assert.equal(await vscode.commands.executeCommand('tiller.enableHook', 'Index new docs'), true);
    assert.equal(readFileSync(legacy, 'utf8'), legacyBefore.replace('"enabled": false', '"enabled": true'));
    assert.equal(hooks.service.findHook('Index new docs')?.enabled, true);
    assert.equal(await vscode.commands.executeCommand('tiller.disableHook', 'Index new docs'), true);
    assert.equal(readFileSync(legacy, 'utf8'), legacyBefore);

    // A v1 entry without `enabled` gets one line, in the file's own indentation, where Kiro puts it.
    const v1 = path(HOOKS, 'commit-and-tasks.json');
    const v1Before = readFileSync(v1, 'utf8');
    const document = await vscode.workspace.openTextDocument(v1);
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('tiller.disableHook', 'Summarize workspace'), true);
    const expected = v1Before.replace(
      '{\n      "name": "Summarize workspace"',
      '{\n      "enabled": false,\n      "name": "Summarize workspace"',
    );
    assert.notEqual(expected, v1Before);
    assert.equal(document.getText(), expected);
    // A clean document is saved after the edit (the first save in a fresh host can be slow).
    await waitFor('the edited hook file to be saved', () => !document.isDirty && readFileSync(v1, 'utf8') === expected);
    await waitFor(
      'the tree to show the hook disabled',
      () => hooks.service.findHook('Summarize workspace')?.enabled === false,
    );
    // The edit went through the editor: Undo brings the file back.
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), v1Before);
    await document.save();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await hooks.service.reload();
    assert.equal(hooks.service.findHook('Summarize workspace')?.enabled, true);
  });

  it('fires a save hook once when a matching file is saved in the editor, with the event on stdin', async () => {
    const tillerApi = await api();
    const hookFile = path(HOOKS, 'it-save.json');
    created.push(hookFile, path('notes'));
    await writeHook(
      hookFile,
      {
        version: 'v1',
        hooks: [
          {
            name: 'Echo saved notes',
            trigger: 'PostFileSave',
            matcher: '^notes/.*\\.txt$',
            action: { type: 'command', command: 'cat', timeout: 20 },
          },
        ],
      },
      'Echo saved notes',
    );
    mkdirSync(path('notes'), { recursive: true });
    writeFileSync(path('notes', 'today.txt'), 'first line\n');
    writeFileSync(path('notes', 'skip.md'), 'not matched\n');
    const recorder = recordRuns(tillerApi, 'Echo saved notes');
    try {
      for (const name of ['today.txt', 'skip.md']) {
        const editor = await vscode.window.showTextDocument(vscode.Uri.file(path('notes', name)));
        await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'typed\n'));
        assert.equal(await editor.document.save(), true);
      }
      const run = await waitFor('the save hook to run', () => recorder.runs[0], 10_000);
      await tillerApi.hooks.service.idle();
      assert.equal(recorder.runs.length, 1);
      assert.equal(run.outcome.kind, 'command');
      const output = run.outcome.kind === 'command' ? run.outcome.output : '';
      const event = JSON.parse(output) as { trigger: string; paths: string[]; hook: { name: string } };
      assert.equal(event.trigger, 'fileSaved');
      assert.deepEqual(event.paths, ['notes/today.txt']);
      assert.equal(event.hook.name, 'Echo saved notes');
    } finally {
      recorder.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('fires the commit hook once for a real git commit made from a terminal, with its sha on stdin', async () => {
    const tillerApi = await api();
    created.push(path('.git'), path('committed.txt'));
    git('init', '-q');
    await waitFor(
      'the commit watcher to start on the new repository',
      () => tillerApi.hooks.service.watchingGit(),
      15_000,
    );
    const recorder = recordRuns(tillerApi, 'Log commits');
    try {
      writeFileSync(path('committed.txt'), 'committed\n');
      git('add', 'committed.txt');
      git('commit', '-q', '-m', 'First commit from the test');
      const sha = git('rev-parse', 'HEAD').trim();
      const run = await waitFor('the commit hook to run', () => recorder.runs[0], 15_000);
      await tillerApi.hooks.service.idle();
      assert.equal(recorder.runs.length, 1);
      const output = run.outcome.kind === 'command' ? run.outcome.output : '';
      const event = JSON.parse(output) as {
        trigger: string;
        commits: Array<{ sha: string; message: string; files: string[] }>;
      };
      assert.equal(event.trigger, 'commit');
      assert.deepEqual(event.commits, [{ sha, message: 'First commit from the test', files: ['committed.txt'] }]);
    } finally {
      recorder.dispose();
    }
  });

  it('fires a creation hook once for a burst of 500 files, with every path', async () => {
    const tillerApi = await api();
    const hookFile = path(HOOKS, 'it-burst.kiro.hook');
    created.push(hookFile, path('burst'));
    await writeHook(
      hookFile,
      {
        enabled: true,
        name: 'Count new files',
        when: { type: 'fileCreated', patterns: ['burst/**'] },
        then: { type: 'runCommand', command: 'cat' },
      },
      'Count new files',
    );
    const recorder = recordRuns(tillerApi, 'Count new files');
    try {
      mkdirSync(path('burst'), { recursive: true });
      for (let i = 0; i < 500; i++) writeFileSync(path('burst', `file-${i}.txt`), `${i}\n`);
      const run = await waitFor('the creation hook to run', () => recorder.runs[0], 15_000);
      await tillerApi.hooks.service.idle();
      assert.equal(recorder.runs.length, 1);
      const output = run.outcome.kind === 'command' ? run.outcome.output : '';
      const event = JSON.parse(output) as { paths: string[] };
      assert.equal(event.paths.length, 500);
      assert.equal(new Set(event.paths).size, 500);
    } finally {
      recorder.dispose();
    }
  });

  it('asks a person before a hook runs a command the policy does not allow, naming the hook', async () => {
    const tillerApi = await api();
    const hookFile = path(HOOKS, 'it-ask.json');
    created.push(hookFile);
    const hook = await writeHook(
      hookFile,
      {
        version: 'v1',
        hooks: [
          { name: 'Needs approval', trigger: 'Manual', action: { type: 'command', command: 'echo from a hook' } },
        ],
      },
      'Needs approval',
    );
    const running = vscode.commands.executeCommand<HookRun | undefined>('tiller.runHook', hook.id);
    const request = await waitFor('an approval request from the hook', () =>
      tillerApi.approvals.pending().find((r) => r.source === 'hook: Needs approval'),
    );
    assert.equal(request.command, 'echo from a hook');
    assert.equal(
      await vscode.commands.executeCommand('tiller.answerApproval', request.id, { kind: 'reject', reason: 'not now' }),
      true,
    );
    const run = await running;
    assert.equal(run?.outcome.kind, 'refused');
    assert.match(run?.outcome.kind === 'refused' ? run.outcome.reason : '', /not now/);
  });

  it('reports a broken hook file in the Problems panel and the view, and keeps the other hooks', async () => {
    const { hooks } = await api();
    const broken = path(HOOKS, 'it-broken.kiro.hook');
    created.push(broken);
    writeFileSync(broken, '{"when": {"type": "fileSave"}, "then": {"type": "askAgent", "prompt": "x"}}\n');
    const hook = await waitFor(
      'the broken hook to load',
      () => hooks.service.hooks().find((h) => h.file === broken),
      10_000,
    );
    assert.ok(hook.errors.length > 0);
    const diagnostics = await waitFor(
      'a hook diagnostic',
      () => {
        const found = vscode.languages.getDiagnostics(vscode.Uri.file(broken));
        return found.length ? found : undefined;
      },
      10_000,
    );
    assert.equal(diagnostics[0].code, 'hook-unknown-trigger');
    const item = hooks.tree.getTreeItem(hook);
    assert.equal(item.contextValue, 'hook-error');
    assert.equal(item.description, hook.errors[0]);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.ok(hooks.service.findHook('Log commits'));
  });

  it('creates a valid hook file with New Hook', async () => {
    const { hooks } = await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('tiller.newHook', {
      format: 'legacy',
      name: 'Lint on save',
      trigger: 'fileEdited',
      pattern: 'src/**/*.ts, !src/**/*.test.ts',
      action: { type: 'command', command: 'npm run lint' },
    });
    assert.ok(uri);
    created.push(uri.fsPath);
    assert.equal(uri.fsPath, path(HOOKS, 'lint-on-save.kiro.hook'));
    const hook = await waitFor('the new hook to load', () => hooks.service.findHook('Lint on save'), 10_000);
    assert.deepEqual(
      [hook.trigger, hook.patterns, hook.action, hook.enabled, hook.errors],
      ['fileSaved', ['src/**/*.ts', '!src/**/*.test.ts'], { type: 'command', command: 'npm run lint' }, true, []],
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("hands an agent hook to the run service with its trigger and files, and the agent's own writes do not fire it again", async () => {
    const tillerApi = await api();
    const server = await startFakeModelServer();
    const agent = vscode.workspace.getConfiguration('tiller.agent');
    const hookFile = path(HOOKS, 'it-agent.json');
    created.push(hookFile, path('agent-notes'));
    const recorder = recordRuns(tillerApi, 'Summarize new notes');
    try {
      await agent.update('provider', 'openai', vscode.ConfigurationTarget.Global);
      await agent.update('baseUrl', server.openaiBaseUrl, vscode.ConfigurationTarget.Global);
      await agent.update('model', 'fake', vscode.ConfigurationTarget.Global);
      server.script([
        {
          toolCalls: [
            {
              name: 'write_file',
              arguments: JSON.stringify({
                path: 'agent-notes/summary.md',
                content: '# Summary\n',
                rationale: 'The summary asked for',
              }),
            },
          ],
        },
        { toolCalls: [{ name: 'complete_task', arguments: JSON.stringify({ summary: 'Summarized.' }) }] },
      ]);
      await writeHook(
        hookFile,
        {
          version: 'v1',
          hooks: [
            {
              name: 'Summarize new notes',
              trigger: 'PostFileCreate',
              matcher: '^agent-notes/',
              action: { type: 'agent', prompt: 'Summarize the new notes.' },
            },
          ],
        },
        'Summarize new notes',
      );
      mkdirSync(path('agent-notes'), { recursive: true });
      writeFileSync(path('agent-notes', 'monday.md'), 'Met the team.\n');
      const run = await waitFor('the agent hook to run', () => recorder.runs[0], 30_000);
      await tillerApi.hooks.service.idle();
      assert.deepEqual(run.outcome, { kind: 'agent' });
      assert.equal(readFileSync(path('agent-notes', 'summary.md'), 'utf8'), '# Summary\n');
      // The summary the agent wrote is a new file under agent-notes/: it must not start another run.
      assert.equal(recorder.runs.length, 1);
      const agentRuns = tillerApi.runs.runs().filter((r) => r.trigger === 'hook: Summarize new notes');
      assert.equal(agentRuns.length, 1);
      assert.equal(agentRuns[0].state, 'completed');
      const firstRequest = JSON.stringify(server.requests[0].body);
      assert.match(firstRequest, /Summarize the new notes\./);
      assert.match(firstRequest, /agent-notes\/monday\.md/);
    } finally {
      recorder.dispose();
      for (const key of ['provider', 'baseUrl', 'model'])
        await agent.update(key, undefined, vscode.ConfigurationTarget.Global);
      await server.close();
    }
  });

  it('fires pre-task and post-task hooks around a task run, with the spec and task', async () => {
    const tillerApi = await api();
    const server = await startFakeModelServer();
    const agent = vscode.workspace.getConfiguration('tiller.agent');
    const tasksFile = path('.kiro', 'specs', 'user-auth', 'tasks.md');
    const tasksBefore = readFileSync(tasksFile, 'utf8');
    const hookFile = path(HOOKS, 'it-tasks.json');
    created.push(hookFile);
    const recorder = recordRuns(tillerApi, 'Echo ended tasks');
    const preTask = recordRuns(tillerApi, 'Pre-task check');
    try {
      await agent.update('provider', 'openai', vscode.ConfigurationTarget.Global);
      await agent.update('baseUrl', server.openaiBaseUrl, vscode.ConfigurationTarget.Global);
      await agent.update('model', 'fake', vscode.ConfigurationTarget.Global);
      server.script([{ toolCalls: [{ name: 'complete_task', arguments: JSON.stringify({ summary: 'Done.' }) }] }]);
      await writeHook(
        hookFile,
        {
          version: 'v1',
          hooks: [{ name: 'Echo ended tasks', trigger: 'PostTaskExec', action: { type: 'command', command: 'cat' } }],
        },
        'Echo ended tasks',
      );
      const spec = tillerApi.model.specs().find((s) => s.name === 'user-auth')!;
      const result = await tillerApi.runs.runTask({ specDir: spec.dir, taskId: '2.1' });
      assert.equal(result?.status, 'completed');
      // The fixture's pre-task hook ran, and finished, before the task started.
      assert.equal(preTask.runs.length, 1);
      assert.deepEqual(preTask.runs[0].payload.task, { spec: 'user-auth', task: '2.1', status: 'in-progress' });
      assert.ok(
        preTask.runs[0].startedAt <= Date.parse(JSON.parse(readFileSync(result!.trace, 'utf8').split('\n')[0]).time),
      );
      const run = await waitFor('the post-task hook to run', () => recorder.runs[0], 10_000);
      await tillerApi.hooks.service.idle();
      const event = JSON.parse(run.outcome.kind === 'command' ? run.outcome.output : '{}') as {
        trigger: string;
        task: unknown;
      };
      assert.equal(event.trigger, 'postTask');
      assert.deepEqual(event.task, { spec: 'user-auth', task: '2.1', status: 'completed' });
      assert.equal(recorder.runs.length, 1);
    } finally {
      recorder.dispose();
      preTask.dispose();
      for (const key of ['provider', 'baseUrl', 'model'])
        await agent.update(key, undefined, vscode.ConfigurationTarget.Global);
      await server.close();
      writeFileSync(tasksFile, tasksBefore);
    }
  });

  it('does not start a task that a pre-task hook blocks with exit code 2', async () => {
    const tillerApi = await api();
    const tasksFile = path('.kiro', 'specs', 'user-auth', 'tasks.md');
    const tasksBefore = readFileSync(tasksFile, 'utf8');
    const hookFile = path(HOOKS, 'it-block.json');
    created.push(hookFile);
    // The person trusted this exact command for the workspace, as an approval would.
    await tillerApi.policy.trust(['exit 2'], 'workspace');
    await writeHook(
      hookFile,
      {
        version: 'v1',
        hooks: [{ name: 'Block every task', trigger: 'PreTaskExec', action: { type: 'command', command: 'exit 2' } }],
      },
      'Block every task',
    );
    try {
      const runsBefore = tillerApi.runs.runs().length;
      const spec = tillerApi.model.specs().find((s) => s.name === 'user-auth')!;
      const result = await tillerApi.runs.runTask({ specDir: spec.dir, taskId: '2.1' });
      assert.equal(result, undefined);
      assert.equal(tillerApi.runs.runs().length, runsBefore, 'no run was started');
      assert.equal(readFileSync(tasksFile, 'utf8'), tasksBefore, 'the task was never marked in progress');
    } finally {
      rmSync(hookFile, { force: true });
      await tillerApi.hooks.service.reload();
    }
  });
});
