// Before a task of a tracked spec runs (its approvals are kept in spec.json), the approvals must
// stand: every phase approved and unchanged since, unsaved edits included. When they do not, the
// person is asked; "Run anyway" goes ahead and the reason is recorded in the run's trace
// (run-start settings.unapproved). A spec without approval records runs as it always did.
import * as vscode from 'vscode';
import { RunApproval, type Blocker } from '../../core/specs/workflow';
import { editorText } from './authoring-commands';

export const RUN_ANYWAY = 'Run anyway';

async function askRunAnyway(spec: string, blocker: Blocker): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Tiller: "${spec}" is not approved to run: ${blocker.reason}.`,
    { modal: true, detail: 'Running anyway is recorded in the run’s trace.' },
    RUN_ANYWAY,
  );
  return choice === RUN_ANYWAY;
}

/** One decision: a single run asks with its own; Run all shares one over its loop, so it asks once. */
export function runApproval(): RunApproval {
  return new RunApproval(askRunAnyway, editorText);
}
