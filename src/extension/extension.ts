// Activation: builds the workspace model and hands it to each feature. Every feature returns its
// disposables, so deactivation releases every listener, watcher and view.
import * as vscode from 'vscode';
import { WorkspaceModel } from './workspace-model';
import { SpecsTreeProvider } from './specs-tree';
import { SteeringTreeProvider } from './steering-tree';
import { TaskCodeLensProvider } from './task-codelens';
import { registerProblems } from './problems';
import { registerTaskCommands } from './task-commands';
import { registerCreateCommands } from './create-commands';
import { registerAuthoringCommands } from './authoring/authoring-commands';
import { AuthoringRuns } from './authoring/authoring-runs';
import { PolicySettings } from './policy/policy-settings';
import { ApprovalService } from './policy/approvals';
import { CommandService } from './policy/command-service';
import { registerPolicyCommands } from './policy/policy-commands';
import { registerTrustedCommands, type TrustedCommandsTree } from './policy/trusted-commands';
import { registerWebviews } from './webview/register';
import { registerAgent } from './agent/register';
import type { RunService } from './agent/runs';
import { registerHooks, type HooksApi } from './hooks/register';

/** What activate() returns: the live model and views, for tests and other extensions. */
export interface TillerApi {
  readonly model: WorkspaceModel;
  readonly specsTree: SpecsTreeProvider;
  readonly steeringTree: SteeringTreeProvider;
  readonly policy: PolicySettings;
  readonly trustedCommands: TrustedCommandsTree;
  readonly approvals: ApprovalService;
  readonly commands: CommandService;
  readonly hooks: HooksApi;
  readonly runs: RunService;
}

export async function activate(context: vscode.ExtensionContext): Promise<TillerApi> {
  const log = vscode.window.createOutputChannel('Tiller', { log: true });
  const model = new WorkspaceModel(log);
  const specsTree = new SpecsTreeProvider(model);
  const steeringTree = new SteeringTreeProvider(model);
  const codeLens = new TaskCodeLensProvider(model);
  const policy = new PolicySettings(context.workspaceState);
  const approvals = new ApprovalService(() => policy.approvalTimeoutMs());
  const commands = new CommandService(policy, approvals);
  const trusted = registerTrustedCommands(policy);
  const agent = registerAgent(context, model, policy, approvals, log);
  // A reload mid-run killed that run's process: close it and give its task back. Started before
  // the views, which read traces only once it is done.
  void agent.runs.recover();
  const hooks = registerHooks({ commands, runs: agent.runs, log });
  const authoring = new AuthoringRuns();
  context.subscriptions.push(
    log,
    model,
    specsTree,
    steeringTree,
    codeLens,
    vscode.window.createTreeView('tiller.specs', { treeDataProvider: specsTree, showCollapseAll: true }),
    vscode.window.createTreeView('tiller.steering', { treeDataProvider: steeringTree }),
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/.kiro/specs/*/tasks.md' }, codeLens),
    registerProblems(model, [hooks.api.service]),
    agent.disposable,
    registerTaskCommands(model, agent.runs),
    registerCreateCommands(model),
    authoring,
    registerAuthoringCommands(model, agent.runs, authoring),
    registerWebviews(context, model, { approvals, runs: agent.runs }, authoring),
    policy,
    trusted.disposable,
    approvals,
    registerPolicyCommands(commands, approvals),
    hooks.disposable,
    vscode.commands.registerCommand('tiller.refresh', () => model.reload()),
    watchWorkspaceSettings(() => void policy.warnAboutIgnoredSettings()),
  );
  void policy.warnAboutIgnoredSettings();
  const started = Date.now();
  await model.reload();
  log.info(
    `loaded ${model.specs().length} specs and ${model.steering().length} steering documents in ${Date.now() - started} ms`,
  );
  return {
    model,
    specsTree,
    steeringTree,
    policy,
    trustedCommands: trusted.tree,
    approvals,
    commands,
    hooks: hooks.api,
    runs: agent.runs,
  };
}

/** User-only values in workspace settings never reach the configuration API, so watch the files. */
function watchWorkspaceSettings(onChange: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/settings.json');
  return vscode.Disposable.from(watcher, watcher.onDidCreate(onChange), watcher.onDidChange(onChange));
}

export function deactivate(): void {}
