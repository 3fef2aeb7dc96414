// The hooks feature inside VS Code: the service (hook files, triggers, watchers), the Hooks view,
// its commands and the run log. Returns what tests and other features read.
import * as vscode from 'vscode';
import type { RunService } from '../agent/runs';
import type { CommandService } from '../policy/command-service';
import { policyCommands } from './command-runner';
import { registerHookCommands } from './hook-commands';
import { hookLog } from './hook-log';
import { HooksService } from './hooks-service';
import { HooksTreeProvider } from './hooks-tree';

export interface HooksApi {
  readonly service: HooksService;
  readonly tree: HooksTreeProvider;
}

export function registerHooks(options: { commands: CommandService; runs?: RunService; log: vscode.LogOutputChannel }): {
  api: HooksApi;
  disposable: vscode.Disposable;
} {
  const service = new HooksService({
    commands: policyCommands(options.commands),
    runs: options.runs,
    onError: (message) => options.log.warn(`hooks: ${message}`),
  });
  const tree = new HooksTreeProvider(service);
  const view = vscode.window.createTreeView('tiller.hooks', { treeDataProvider: tree });
  const restricted = () => {
    view.message = vscode.workspace.isTrusted
      ? undefined
      : 'Restricted Mode: no hook fires until you trust this workspace.';
  };
  restricted();
  void service
    .start()
    .catch((err: unknown) => options.log.error(`hooks: ${err instanceof Error ? err.message : String(err)}`));
  const disposable = vscode.Disposable.from(
    service,
    tree,
    view,
    vscode.workspace.onDidGrantWorkspaceTrust(restricted),
    registerHookCommands(service),
    hookLog(service.onDidRun),
  );
  return { api: { service, tree }, disposable };
}
