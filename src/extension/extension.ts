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

/** What activate() returns: the live model and views, for tests and other extensions. */
export interface TillerApi {
  readonly model: WorkspaceModel;
  readonly specsTree: SpecsTreeProvider;
  readonly steeringTree: SteeringTreeProvider;
}

export async function activate(context: vscode.ExtensionContext): Promise<TillerApi> {
  const log = vscode.window.createOutputChannel('Tiller', { log: true });
  const model = new WorkspaceModel(log);
  const specsTree = new SpecsTreeProvider(model);
  const steeringTree = new SteeringTreeProvider(model);
  const codeLens = new TaskCodeLensProvider(model);
  context.subscriptions.push(
    log,
    model,
    specsTree,
    steeringTree,
    codeLens,
    vscode.window.createTreeView('tiller.specs', { treeDataProvider: specsTree, showCollapseAll: true }),
    vscode.window.createTreeView('tiller.steering', { treeDataProvider: steeringTree }),
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/.kiro/specs/*/tasks.md' }, codeLens),
    registerProblems(model),
    registerTaskCommands(model),
    registerCreateCommands(model),
    vscode.commands.registerCommand('tiller.refresh', () => model.reload()),
  );
  const started = Date.now();
  await model.reload();
  log.info(`loaded ${model.specs().length} specs and ${model.steering().length} steering documents in ${Date.now() - started} ms`);
  return { model, specsTree, steeringTree };
}

export function deactivate(): void {}
