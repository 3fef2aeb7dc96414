// Agent runs inside VS Code: "Run task" through the run service on a scripted model, both through
// VS Code's language-model API (a provider registered here for the test-only `tiller-test` vendor)
// and through the OpenAI-compatible provider against the fake model server, with the key stored by
// the real Set API Key command. Each run is checked where a person would look: tasks.md and the
// trace under .kiro/tiller/runs.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/agent';
import type { TraceEvent } from '../../src/core/trace';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server';
import { setAgent, tiller, traceEvents, waitFor, workspaceRoot } from './util';

const SPEC = 'agent-probe';
const KEY = 'sk-tiller-test-0123456789';

const TASKS = `# Tasks

- [ ] 1. Write the greeting
  - _Requirements: 1.1_
- [ ] 2. Answer in French
  - _Requirements: 1.1_
- [ ] 3. Answer in German
  - _Requirements: 1.1_
`;

const REQUIREMENTS = `# Requirements

### Requirement 1: Greeting

1. WHEN the app starts THE SYSTEM SHALL print a greeting.
`;

function specDir(): string {
  return join(workspaceRoot().fsPath, '.kiro', 'specs', SPEC);
}

async function tasksText(): Promise<string> {
  return readFile(join(specDir(), 'tasks.md'), 'utf8');
}

function runTask(taskId: string): Thenable<RunResult | undefined> {
  return vscode.commands.executeCommand<RunResult | undefined>('tiller.runTask', { specDir: specDir(), taskId });
}

const call = (name: string, args: Record<string, unknown>) => ({
  toolCalls: [{ name, arguments: JSON.stringify(args) }],
});

describe('Agent runs in VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    await mkdir(specDir(), { recursive: true });
    await writeFile(join(specDir(), 'requirements.md'), REQUIREMENTS);
    await writeFile(join(specDir(), 'tasks.md'), TASKS);
    const api = await tiller();
    await vscode.commands.executeCommand('tiller.refresh');
    await waitFor('the probe spec in the model', () => api.model.specs().find((s) => s.name === SPEC));
  });

  after(async () => {
    await setAgent({ provider: undefined, baseUrl: undefined, model: undefined });
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', '');
    await rm(specDir(), { recursive: true, force: true });
    await vscode.commands.executeCommand('tiller.refresh');
  });

  describe('through the VS Code language-model API', () => {
    const script: vscode.LanguageModelResponsePart[][] = [];
    const received: (readonly vscode.LanguageModelChatRequestMessage[])[] = [];
    let registration: vscode.Disposable | undefined;

    before(async () => {
      registration = vscode.lm.registerLanguageModelChatProvider('tiller-test', {
        provideLanguageModelChatInformation: () => [
          {
            id: 'scripted',
            name: 'Scripted',
            family: 'scripted',
            version: '1',
            maxInputTokens: 200_000,
            maxOutputTokens: 8_000,
            capabilities: { toolCalling: true },
          },
        ],
        provideLanguageModelChatResponse: async (_model, messages, _options, progress) => {
          received.push(messages);
          const turn = script.shift();
          if (!turn) throw new Error('the scripted model has no turn left');
          for (const part of turn) progress.report(part);
        },
        provideTokenCount: async (_model, text) =>
          Math.ceil((typeof text === 'string' ? text.length : JSON.stringify(text).length) / 4),
      });
      await setAgent({ provider: 'vscode-lm', model: 'tiller-test/scripted' });
      await waitFor(
        'the scripted model in vscode.lm',
        async () => (await vscode.lm.selectChatModels({ vendor: 'tiller-test' })).length > 0,
        10_000,
      );
    });

    after(() => registration?.dispose());

    it('runs a task with tool calls: decision, edit, completion; tasks.md [x]; the trace holds the decision and the diff', async () => {
      script.push(
        [
          new vscode.LanguageModelTextPart('I will record why first.'),
          new vscode.LanguageModelToolCallPart('c1', 'record_decision', {
            title: 'Plain text greeting',
            decision: 'Write greeting.txt',
            rationale: 'The requirement asks for a greeting only',
            alternatives: ['A script'],
            requirements: ['1.1'],
          }),
        ],
        [
          new vscode.LanguageModelToolCallPart('c2', 'write_file', {
            path: 'greeting.txt',
            content: 'Hello from the LM API\n',
            rationale: 'Requirement 1.1',
          }),
        ],
        [
          new vscode.LanguageModelToolCallPart('c3', 'edit_file', {
            path: 'greeting.txt',
            old_string: 'Hello',
            new_string: 'Hi',
            rationale: 'Shorter',
          }),
        ],
        [new vscode.LanguageModelToolCallPart('c4', 'complete_task', { summary: 'Greeting written' })],
      );
      const result = await runTask('1');
      assert.ok(result, 'no run result');
      assert.equal(result.status, 'completed', result.reason);
      assert.match(await tasksText(), /- \[x\] 1\. Write the greeting/);
      assert.equal(await readFile(join(workspaceRoot().fsPath, 'greeting.txt'), 'utf8'), 'Hi from the LM API\n');
      const events = await traceEvents(result);
      const start = events.find((e) => e.type === 'run-start');
      assert.equal(start?.type === 'run-start' && start.provider, 'vscode-lm');
      assert.equal(start?.type === 'run-start' && start.model, 'tiller-test/scripted');
      assert.ok(events.some((e) => e.type === 'decision' && e.title === 'Plain text greeting'));
      const edits = events.filter((e) => e.type === 'edit');
      assert.equal(edits.length, 2);
      assert.match(edits[1].type === 'edit' ? edits[1].diff : '', /-Hello from the LM API\n\+Hi from the LM API/);
      // Tool results went back to the model as tool-result parts answering each call.
      const results = received[1]
        .flatMap((m) => m.content)
        .filter((p): p is vscode.LanguageModelToolResultPart => p instanceof vscode.LanguageModelToolResultPart);
      assert.deepEqual(
        results.map((r) => r.callId),
        ['c1'],
      );
      const api = await tiller();
      const info = api.runs.runs().find((r) => r.runId === result.runId);
      assert.equal(info?.state, 'completed');
      assert.equal(info?.trace, result.trace);
    });
  });

  describe('through an OpenAI-compatible server', () => {
    let server: FakeModelServer;

    before(async () => {
      server = await startFakeModelServer({ apiKey: KEY });
      await setAgent({ provider: 'openai', baseUrl: server.openaiBaseUrl, model: 'fake-model' });
      assert.equal(await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY), true);
    });

    after(async () => server?.close());

    it('runs a task whose ask command a person approves through tiller.answerApproval', async () => {
      const api = await tiller();
      const traced: TraceEvent[] = [];
      const listener = api.runs.onDidTraceEvent((e) => traced.push(e));
      let streamed = '';
      const streaming = api.runs.onDidStream(({ event }) => {
        if (event.type === 'text') streamed += event.text;
      });
      server.script([
        {
          text: 'Checking the tool first.',
          ...call('run_command', { command: 'echo approved > approved.txt', rationale: 'Prove the command path' }),
        },
        call('complete_task', { summary: 'Command ran' }),
      ]);
      try {
        const running = runTask('2');
        const request = await waitFor(
          'the agent’s approval request',
          () => api.approvals.pending().find((r) => r.command === 'echo approved > approved.txt'),
          20_000,
        );
        assert.equal(request.source, 'agent');
        assert.equal(request.rationale, 'Prove the command path');
        assert.ok(request.options.length > 0);
        assert.equal(
          await vscode.commands.executeCommand('tiller.answerApproval', request.id, { kind: 'run-once' }),
          true,
        );
        const result = await running;
        assert.equal(result?.status, 'completed', result?.reason);
        assert.match(await tasksText(), /- \[x\] 2\. Answer in French/);
        assert.equal(await readFile(join(workspaceRoot().fsPath, 'approved.txt'), 'utf8'), 'approved\n');
        const command = traced.find((e) => e.type === 'command');
        assert.equal(command?.type === 'command' && command.decidedBy, 'person');
        assert.equal(command?.type === 'command' && command.ran, true);
        assert.match(streamed, /Checking the tool first\./);
        assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
      } finally {
        listener.dispose();
        streaming.dispose();
      }
    });

    it('trust granted mid-run applies to the next command of the same run, without asking again', async () => {
      const api = await tiller();
      const first = 'npm run trust-probe-first --if-present';
      const second = 'npm run trust-probe-second --if-present';
      const traced: TraceEvent[] = [];
      const listener = api.runs.onDidTraceEvent((e) => traced.push(e));
      const asked: string[] = [];
      const watching = api.approvals.onDidChange(() => asked.push(...api.approvals.pending().map((r) => r.command)));
      server.script([
        call('run_command', { command: first, rationale: 'First script' }),
        call('run_command', { command: second, rationale: 'Second script' }),
        call('complete_task', { summary: 'Both scripts ran' }),
      ]);
      try {
        const running = api.runs.runPrompt({ prompt: 'Run both probe scripts', trigger: 'hook: trust-probe' });
        const request = await waitFor(
          'the first command’s approval',
          () => api.approvals.pending().find((r) => r.command === first),
          20_000,
        );
        assert.ok(request.options[0].choices.some((c) => c.pattern === 'npm run *'));
        assert.deepEqual(request.untrustable, []);
        const trust = { kind: 'trust', patterns: ['npm run *'], scope: 'workspace' };
        assert.equal(await vscode.commands.executeCommand('tiller.answerApproval', request.id, trust), true);
        const result = await running;
        assert.equal(result?.status, 'completed', result?.reason);
        const commands = traced.filter(
          (e): e is Extract<TraceEvent, { type: 'command' }> => e.type === 'command' && e.runId === result?.runId,
        );
        assert.deepEqual(
          commands.map((e) => [e.command, e.decidedBy, e.pattern, e.ran]),
          [
            [first, 'person', null, true],
            [second, 'policy', 'npm run *', true],
          ],
        );
        assert.ok(!asked.includes(second), 'the second command asked for approval');
      } finally {
        listener.dispose();
        watching.dispose();
        await api.policy.remove({ list: 'allow', pattern: 'npm run *', origin: 'workspace-trust' });
      }
    });

    it('cancels a run mid-stream: the task goes back to [ ]', async () => {
      const api = await tiller();
      const before = server.requests.length;
      server.script([{ text: 'Thinking about it', hangAfter: 1 }]);
      const running = runTask('3');
      await server.waitForRequests(before + 1);
      await waitFor('task 3 in progress', async () => /- \[-\] 3\./.test(await tasksText()));
      const run = await waitFor('the running run', () =>
        api.runs.runs().find((r) => r.task === '3' && r.state === 'running'),
      );
      await vscode.commands.executeCommand('tiller.cancelRun', run.runId);
      const result = await running;
      assert.equal(result?.status, 'cancelled');
      assert.match(await tasksText(), /- \[ \] 3\. Answer in German/);
      assert.equal(api.runs.runs().find((r) => r.runId === run.runId)?.state, 'cancelled');
    });

    it('a refused key (401) fails the run with a clear reason; the task goes back to [ ]', async () => {
      assert.equal(await vscode.commands.executeCommand('tiller.setApiKey', 'openai', 'sk-wrong-key-000000'), true);
      try {
        const result = await runTask('3');
        assert.equal(result?.status, 'failed');
        assert.match(result?.reason ?? '', /model error \(auth\)/);
        assert.match(result?.reason ?? '', /Set API Key/);
        assert.doesNotMatch(result?.reason ?? '', /sk-wrong-key/);
        assert.match(await tasksText(), /- \[ \] 3\. Answer in German/);
      } finally {
        await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY);
      }
    });

    it('says plainly when no key is stored for the public endpoint, and runs nothing', async () => {
      const api = await tiller();
      await setAgent({ baseUrl: undefined });
      await vscode.commands.executeCommand('tiller.setApiKey', 'openai', '');
      try {
        const count = api.runs.runs().length;
        assert.equal(await runTask('3'), undefined);
        assert.equal(api.runs.runs().length, count);
        assert.match(await tasksText(), /- \[ \] 3\./);
      } finally {
        await setAgent({ baseUrl: server.openaiBaseUrl });
        await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY);
      }
    });

    it('supervised: each edit waits in the diff editor; a rejection goes back to the model, an acceptance writes', async () => {
      const api = await tiller();
      await setAgent({ mode: 'supervised' });
      server.script([
        call('write_file', { path: 'reviewed.txt', content: 'first\n', rationale: 'First try' }),
        call('write_file', { path: 'reviewed.txt', content: 'second\n', rationale: 'Second try' }),
        call('complete_task', { summary: 'Reviewed' }),
      ]);
      try {
        const running = runTask('3');
        const first = await waitFor(
          'the first review',
          () => api.runs.editReviews().find((r) => r.rationale === 'First try'),
          20_000,
        );
        assert.equal(first.path, 'reviewed.txt');
        assert.match(first.diff, /\+first/);
        await waitFor('the diff editor', () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'tiller-review'),
        );
        assert.equal(await vscode.commands.executeCommand('tiller.rejectEdit', first.id, 'Say second instead'), true);
        const second = await waitFor(
          'the second review',
          () => api.runs.editReviews().find((r) => r.rationale === 'Second try'),
          20_000,
        );
        assert.equal(await vscode.commands.executeCommand('tiller.acceptEdit', second.id), true);
        const result = await running;
        assert.equal(result?.status, 'completed', result?.reason);
        assert.equal(await readFile(join(workspaceRoot().fsPath, 'reviewed.txt'), 'utf8'), 'second\n');
        const edits = result ? (await traceEvents(result)).filter((e) => e.type === 'edit') : [];
        assert.deepEqual(
          edits.map((e) => e.type === 'edit' && [e.review, e.applied, e.reviewReason]),
          [
            ['rejected', false, 'Say second instead'],
            ['accepted', true, undefined],
          ],
        );
        // The rejection's reason reached the model as the tool result.
        assert.match(JSON.stringify(server.requests.at(-2)?.body.messages), /Say second instead/);
        assert.equal(api.runs.editReviews().length, 0);
      } finally {
        await setAgent({ mode: undefined });
      }
    });

    it('exports a run as one Markdown artifact', async () => {
      const api = await tiller();
      const done = api.runs.runs().find((r) => r.task === '2' && r.state === 'completed');
      assert.ok(done);
      const markdown = await vscode.commands.executeCommand<string>('tiller.exportRun', done.runId);
      assert.match(markdown, /echo approved > approved\.txt/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('runs a prompt with no task (a hook asking the agent) through the same trace', async () => {
      const api = await tiller();
      server.script([
        call('write_file', { path: 'from-prompt.txt', content: 'prompted\n', rationale: 'The hook asked' }),
        call('complete_task', { summary: 'Done' }),
      ]);
      const result = await api.runs.runPrompt({ prompt: 'Write from-prompt.txt', trigger: 'hook: probe' });
      assert.equal(result?.status, 'completed', result?.reason);
      assert.equal(result && (await readFile(join(workspaceRoot().fsPath, 'from-prompt.txt'), 'utf8')), 'prompted\n');
      const events = result ? await traceEvents(result) : [];
      const start = events.find((e) => e.type === 'run-start');
      assert.equal(start?.type === 'run-start' && start.task.id, '');
      assert.equal(start?.type === 'run-start' && start.task.title, 'probe');
      assert.ok(!events.some((e) => e.type === 'task-status'));
      const info = api.runs.runs().find((r) => r.runId === result?.runId);
      assert.deepEqual([info?.spec, info?.task, info?.trigger], [null, null, 'hook: probe']);
    });
  });
});
