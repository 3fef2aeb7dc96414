// Runs you can trust, in a real VS Code: the right task when two specs share a name, the text the
// person sees (unsaved buffers, symlinks), recovery after a reload, a model that never answers, and
// a trace with a bad line. The model is the fake OpenAI-compatible server on 127.0.0.1.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/agent';
import { readTrace } from '../../src/core/trace';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server';
import { tiller, waitFor, workspaceRoot } from './util';

const KEY = 'sk-tiller-runs-0123456789';
const TASKS = '# Tasks\n\n- [ ] 1. First thing\n- [ ] 2. Second thing\n';

const call = (name: string, args: Record<string, unknown>) => ({
  toolCalls: [{ name, arguments: JSON.stringify(args) }],
});

async function setAgent(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('tiller.agent');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

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
});
