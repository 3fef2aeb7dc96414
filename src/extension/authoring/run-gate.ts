// Before a task of a tracked spec runs (its approvals are kept in spec.json), the approvals must
// stand: every phase approved and unchanged since. When they do not, the person is asked; "Run
// anyway" goes ahead and the reason is recorded in the run's trace (run-start settings.unapproved).
// A spec without approval records runs as it always did, without a question.
import * as vscode from 'vscode';
import { runGate, workflowState } from '../../core/specs/workflow';

export const RUN_ANYWAY = 'Run anyway';

export async function askToRunUnapproved(
  specDir: string,
  name: string,
): Promise<{ run: boolean; unapproved?: string }> {
  const blocker = runGate(await workflowState(specDir));
  if (!blocker) return { run: true };
  const choice = await vscode.window.showWarningMessage(
    `Tiller: "${name}" is not approved to run: ${blocker.reason}.`,
    { modal: true, detail: 'Running anyway is recorded in the run’s trace.' },
    RUN_ANYWAY,
  );
  return choice === RUN_ANYWAY ? { run: true, unapproved: blocker.reason } : { run: false };
}
