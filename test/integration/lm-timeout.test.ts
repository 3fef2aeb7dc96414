// A VS Code language model that never answers, or stops mid-answer, and ignores the cancellation:
// tiller.agent.requestTimeoutSeconds ends the run as a timeout (the kind that offers Retry), its
// task back to [ ]. The model's advertised maxInputTokens is the run's context budget.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunResult } from '../../src/core/agent';
import { setAgent, tiller, traceEvents, waitFor, workspaceRoot } from './util';

const SPEC = 'lm-timeout-probe';
const MAX_INPUT = 123_456;

function specDir(): string {
  return join(workspaceRoot().fsPath, '.kiro', 'specs', SPEC);
}

describe('A VS Code language model that stops answering', function () {
  this.timeout(30_000);
  let registration: vscode.Disposable | undefined;
  /** What the model does with the next request: say nothing at all, or one part and then nothing. */
  let behaviour: 'silent' | 'stalls' = 'silent';

  before(async () => {
    await mkdir(specDir(), { recursive: true });
    await writeFile(
      join(specDir(), 'requirements.md'),
      '# Requirements\n\n### Requirement 1: Wait\n\n1. THE SYSTEM SHALL wait.\n',
    );
    await writeFile(join(specDir(), 'tasks.md'), '# Tasks\n\n- [ ] 1. Wait for the model\n  - _Requirements: 1.1_\n');
    registration = vscode.lm.registerLanguageModelChatProvider('tiller-test', {
      provideLanguageModelChatInformation: () => [
        {
          id: 'deaf',
          name: 'Deaf',
          family: 'deaf',
          version: '1',
          maxInputTokens: MAX_INPUT,
          maxOutputTokens: 4_000,
          capabilities: { toolCalling: true },
        },
      ],
      // Never settles and never looks at its cancellation token, like a hung model extension.
      provideLanguageModelChatResponse: (_model, _messages, _options, progress) => {
        if (behaviour === 'stalls') progress.report(new vscode.LanguageModelTextPart('Let me think'));
        return new Promise<void>(() => undefined);
      },
      provideTokenCount: async (_model, text) => Math.ceil(JSON.stringify(text).length / 4),
    });
    await setAgent({ provider: 'vscode-lm', model: 'tiller-test/deaf', requestTimeoutSeconds: 1 });
    await waitFor(
      'the deaf model in vscode.lm',
      async () => (await vscode.lm.selectChatModels({ vendor: 'tiller-test', id: 'deaf' })).length > 0,
      10_000,
    );
    const api = await tiller();
    await vscode.commands.executeCommand('tiller.refresh');
    await waitFor('the probe spec in the model', () => api.model.specs().find((s) => s.name === SPEC));
  });

  after(async () => {
    registration?.dispose();
    await setAgent({ provider: undefined, model: undefined, requestTimeoutSeconds: undefined });
    await rm(specDir(), { recursive: true, force: true });
    await vscode.commands.executeCommand('tiller.refresh');
  });

  for (const [kind, words] of [
    ['silent', /timed out: no response within 1 s \(tiller\.agent\.requestTimeoutSeconds\)/],
    ['stalls', /timed out: the response stream went silent for 1 s/],
  ] as const) {
    it(`${kind === 'silent' ? 'never answers' : 'stops mid-answer'}: the run fails as a timeout and the task is back to [ ]`, async () => {
      behaviour = kind;
      const result = await vscode.commands.executeCommand<RunResult | undefined>('tiller.runTask', {
        specDir: specDir(),
        taskId: '1',
      });
      assert.ok(result, 'no run result');
      assert.equal(result.status, 'failed');
      assert.match(result.reason, /model error \(timeout\)/);
      assert.match(result.reason, words);
      const events = await traceEvents(result);
      assert.ok(events.some((e) => e.type === 'error' && e.kind === 'timeout'));
      const start = events.find((e) => e.type === 'run-start');
      assert.equal(start?.type === 'run-start' && start.settings.contextTokens, MAX_INPUT, 'the advertised limit');
      assert.match(await readFile(join(specDir(), 'tasks.md'), 'utf8'), /- \[ \] 1\. Wait for the model/);
    });
  }
});
