// Commands a person uses around the policy: check a command against the rules (the verdict in a
// notification; which pattern from which source decided each part in the "Tiller Commands"
// channel, as `tiller check-command --explain` prints it), run one through the same flow the agent
// uses (output in the same channel), and answer approvals from the keyboard or another surface.
import * as vscode from 'vscode';
import { formatExplanation } from '../../core/policy';
import type { ApprovalDecision, ApprovalService } from './approvals';
import type { CommandService } from './command-service';

export function registerPolicyCommands(commands: CommandService, approvals: ApprovalService): vscode.Disposable {
  const output = vscode.window.createOutputChannel('Tiller Commands');
  return vscode.Disposable.from(
    output,
    vscode.commands.registerCommand('tiller.checkShellCommand', async (given?: string) => {
      const command =
        given ??
        (await vscode.window.showInputBox({
          title: 'Check a shell command against the policy',
          prompt: 'The command as it would run with bash -c',
        }));
      if (!command) return undefined;
      const result = commands.explain(command);
      output.appendLine(`$ tiller check-command --explain -- ${command}`);
      output.append(formatExplanation(result));
      void vscode.window
        .showInformationMessage(`Tiller: ${result.verdict.toUpperCase()} — ${result.reasons.join('; ')}`, 'Show Why')
        .then((choice) => choice && output.show(true));
      return result;
    }),
    vscode.commands.registerCommand('tiller.runShellCommand', async (given?: string) => {
      const command =
        given ??
        (await vscode.window.showInputBox({
          title: 'Run a shell command through the policy',
          prompt: 'Runs with bash -c in the workspace folder',
        }));
      if (!command) return undefined;
      output.show(true);
      output.appendLine(`$ ${command}`);
      const outcome = await commands.run({ command, source: 'you', onOutput: (chunk) => output.append(chunk) });
      if (outcome.status === 'ran') {
        const { exitCode, signal, durationMs, timedOut } = outcome.result;
        output.appendLine(
          `[${timedOut ? 'timed out' : signal ? `killed by ${signal}` : `exit ${exitCode}`} after ${Math.round(durationMs)} ms, ${outcome.decidedBy === 'person' ? 'approved by you' : 'allowed by the policy'}]`,
        );
      } else {
        output.appendLine(`[not run: ${outcome.message}]`);
        void vscode.window.showWarningMessage(`Tiller: ${outcome.message}`);
      }
      return outcome;
    }),
    vscode.commands.registerCommand('tiller.showApprovals', () => approvals.showPending()),
    vscode.commands.registerCommand('tiller.answerApproval', (id: string, decision: ApprovalDecision) =>
      approvals.answer(id, decision),
    ),
  );
}
