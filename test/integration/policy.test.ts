// The command policy inside VS Code: a workspace cannot widen trust, approvals run once, trust is
// stored at the chosen scope, rejections carry their reason back, and unanswered requests expire.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ApprovalDecision } from '../../src/extension/policy/approvals';
import type { CommandOutcome } from '../../src/extension/policy/command-service';
import { tiller, waitFor, workspaceRoot } from './util';

/** Starts a command through the service, answers the approval it raises, returns the outcome. */
async function runAnswering(
  command: string,
  decision: ApprovalDecision,
): Promise<{ outcome: CommandOutcome; options: unknown }> {
  const api = await tiller();
  const running = api.commands.run({ command, source: 'test' });
  const request = await waitFor(`an approval request for ${command}`, () =>
    api.approvals.pending().find((r) => r.command === command),
  );
  assert.equal(await vscode.commands.executeCommand('tiller.answerApproval', request.id, decision), true);
  return { outcome: await running, options: request.options };
}

describe('Command policy in VS Code', () => {
  after(async () => {
    await vscode.workspace
      .getConfiguration('tiller')
      .update('commands.allow', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace
      .getConfiguration('tiller')
      .update('approvals.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('ignores a workspace .vscode/settings.json that tries to allow *', async () => {
    const api = await tiller();
    assert.ok(!api.policy.rules().allow.includes('*'));
    assert.equal(api.commands.check('echo hello from the repo').verdict, 'ask');
    assert.deepEqual(await api.policy.ignoredWorkspaceSettings(), ['tiller.commands.allow']);
  });

  it('applies the deny rules a workspace adds', async () => {
    const api = await tiller();
    assert.equal(api.commands.check('make deploy prod').verdict, 'deny');
  });

  it('refuses a denied command without asking, naming the pattern', async () => {
    const api = await tiller();
    const outcome = await api.commands.run({ command: 'sudo ls', source: 'test' });
    assert.equal(outcome.status, 'denied');
    assert.match(outcome.status === 'denied' ? outcome.message : '', /sudo \*/);
    assert.equal(api.approvals.pending().length, 0);
  });

  it('runs an approved-once command exactly once, and asks again next time', async () => {
    const counter = vscode.Uri.joinPath(workspaceRoot(), 'run-once.txt').fsPath;
    const command = 'printf x >> run-once.txt';
    const first = await runAnswering(command, { kind: 'run-once' });
    assert.equal(first.outcome.status, 'ran');
    assert.equal(first.outcome.status === 'ran' && first.outcome.decidedBy, 'person');
    assert.equal(await readFile(counter, 'utf8'), 'x');
    const second = await runAnswering(command, { kind: 'reject' });
    assert.equal(second.outcome.status, 'rejected');
    assert.equal(await readFile(counter, 'utf8'), 'x');
  });

  it('offers three levels of pattern and stores workspace trust so the next run does not ask', async () => {
    const api = await tiller();
    const command = 'git init -q trust-probe';
    const { outcome, options } = await runAnswering(command, {
      kind: 'trust',
      patterns: ['git init *'],
      scope: 'workspace',
    });
    assert.deepEqual(options, [
      {
        command,
        choices: [
          { level: 'exact', pattern: 'git init -q trust-probe' },
          { level: 'subcommand', pattern: 'git init *' },
          { level: 'program', pattern: 'git *' },
        ],
      },
    ]);
    assert.equal(outcome.status, 'ran');
    assert.equal(outcome.status === 'ran' && outcome.result.exitCode, 0);
    assert.ok(api.policy.workspaceTrust().includes('git init *'));
    // Not in the user's settings: workspace trust stays with this workspace.
    const user = vscode.workspace.getConfiguration('tiller').inspect<string[]>('commands.allow')?.globalValue ?? [];
    assert.ok(!user.includes('git init *'));
    const again = await api.commands.run({ command, source: 'test' });
    assert.equal(again.status, 'ran');
    assert.equal(again.status === 'ran' && again.decidedBy, 'policy');
  });

  it('stores user trust in the user settings', async () => {
    const api = await tiller();
    const { outcome } = await runAnswering('touch user-trust-probe', {
      kind: 'trust',
      patterns: ['touch *'],
      scope: 'user',
    });
    assert.equal(outcome.status, 'ran');
    const user = vscode.workspace.getConfiguration('tiller').inspect<string[]>('commands.allow')?.globalValue ?? [];
    assert.deepEqual(user, ['touch *']);
    assert.equal(api.commands.check('touch another-file').verdict, 'allow');
  });

  it('returns the reason of a rejection to the caller', async () => {
    const { outcome } = await runAnswering('npm publish', {
      kind: 'reject',
      reason: 'publish from CI, not from the agent',
    });
    assert.equal(outcome.status, 'rejected');
    assert.equal(outcome.status === 'rejected' && outcome.reason, 'publish from CI, not from the agent');
    assert.match(outcome.status === 'rejected' ? outcome.message : '', /publish from CI/);
  });

  it('rejects a request nobody answers in time', async () => {
    const api = await tiller();
    await vscode.workspace
      .getConfiguration('tiller')
      .update('approvals.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    const outcome = await api.commands.run({ command: 'echo nobody is there', source: 'test' });
    assert.equal(outcome.status, 'rejected');
    assert.match(outcome.status === 'rejected' ? (outcome.reason ?? '') : '', /within 1 s/);
    assert.equal(api.approvals.pending().length, 0);
  });
});
