// The whole loop over the real wire formats: createProvider against the fake model server, for
// both providers, with the same script.
import assert from 'node:assert/strict';
import { headlessApprover, runTask } from '../../../src/core/agent';
import { createProvider } from '../../../src/core/agent/providers';
import { exportMarkdown, readTrace } from '../../../src/core/trace';
import { FULL_SCRIPT } from './full-script';
import { marker, ofType, RULES, useModelServerWorkspace } from './helpers';

describe('agent loop over both providers', function () {
  // Real git, real processes and real sockets: slow on a loaded CI machine.
  this.timeout(20_000);
  const env = useModelServerWorkspace();

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`${kind}: decision, edit, headless refusal, completion`, async () => {
      env.server.script(FULL_SCRIPT);
      const provider = createProvider({
        provider: kind,
        baseUrl: kind === 'openai' ? env.server.openaiBaseUrl : env.server.anthropicBaseUrl,
        model: 'fake',
        maxRetries: 0,
      });
      const result = await runTask({
        workspaceRoot: env.ws.root,
        spec: 'user-auth',
        task: '2.1',
        provider,
        rules: RULES,
        approver: headlessApprover,
        homeDir: env.ws.home,
        storageDir: env.ws.storage,
      });
      assert.equal(result.status, 'completed', result.reason);
      assert.equal(marker(env.ws.read('.kiro/specs/user-auth/tasks.md'), '2.1'), 'x');
      assert.equal(env.ws.read('src/auth/sign-in.ts'), "export const WRONG = 'Email or password is wrong';\n");
      assert.ok(result.usage.inputTokens > 0);

      const { events } = await readTrace(result.trace);
      const [decision] = ofType(events, 'decision');
      const [edit] = ofType(events, 'edit');
      assert.equal(edit.decisionSeq, decision.seq);
      assert.match(edit.diff, /\+export const WRONG/);
      const [command] = ofType(events, 'command');
      assert.equal(command.ran, false);
      assert.equal(command.decidedBy, 'headless');
      assert.equal(ofType(events, 'model-turn').length, 3);

      // The refusal reached the model in its own wire format.
      assert.equal(env.server.requests.length, 3);
      assert.match(JSON.stringify(env.server.requests[2].body), /there is no one to approve it/);
      assert.match(JSON.stringify(env.server.requests[0].body), /Carry out task 2\.1/);
      const md = exportMarkdown(await readTrace(result.trace));
      assert.match(
        md,
        /### Decision: One error for both failures[\s\S]*### Created `src\/auth\/sign-in\.ts`[\s\S]*```diff/,
      );
    });
  }
});
