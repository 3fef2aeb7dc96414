// Wires the agent into the extension: the run service with its review and approval surfaces,
// the status-bar item and the run commands. Returns the service for the TillerApi.
import * as vscode from 'vscode';
import type { ApprovalService } from '../policy/approvals';
import type { PolicySettings } from '../policy/policy-settings';
import type { WorkspaceModel } from '../workspace-model';
import { registerModelCommands } from './configure-model';
import { EditReviews } from './edit-reviews';
import { registerGuidanceCommands } from './guidance-commands';
import { registerRunCommands } from './run-commands';
import { VsCodeRunService } from './run-service';
import { registerRunStatusBar } from './run-status-bar';

export function registerAgent(
  context: vscode.ExtensionContext,
  model: WorkspaceModel,
  policy: PolicySettings,
  approvals: ApprovalService,
  log: vscode.LogOutputChannel,
): { runs: VsCodeRunService; disposable: vscode.Disposable } {
  const reviews = new EditReviews();
  const runs = new VsCodeRunService(context, model, policy, approvals, reviews, log);
  const disposable = vscode.Disposable.from(
    runs,
    reviews,
    registerRunStatusBar(runs),
    registerRunCommands(context, model, runs, reviews),
    registerModelCommands(context.secrets),
    registerGuidanceCommands(runs),
  );
  return { runs, disposable };
}
