// Commands of the Hooks view and the palette. Each takes the tree's hook or a hook id or name
// (from a test, a keybinding or another surface) and returns what it did.
import * as vscode from 'vscode';
import type { Hook, HookRun } from '../../core/hooks';
import { formatRun } from './hook-log';
import type { HooksService } from './hooks-service';
import { newHook } from './new-hook';

export function registerHookCommands(service: HooksService): vscode.Disposable {
  const resolve = (given: Hook | string | undefined): Hook | undefined => {
    const hook = typeof given === 'string' ? service.findHook(given) : given && (service.findHook(given.id) ?? given);
    if (!hook)
      void vscode.window.showWarningMessage(
        `Tiller: no hook ${typeof given === 'string' ? `"${given}"` : 'was given'}.`,
      );
    return hook;
  };
  const setEnabled = async (given: Hook | string | undefined, enabled: boolean): Promise<boolean> => {
    const hook = resolve(given);
    if (!hook) return false;
    try {
      await service.setEnabled(hook, enabled);
      return true;
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Tiller: could not ${enabled ? 'enable' : 'disable'} "${hook.name}": ${err instanceof Error ? err.message : String(err)}`,
      );
      return false;
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tiller.newHook', newHook),
    vscode.commands.registerCommand('tiller.reloadHooks', () => service.reload()),
    vscode.commands.registerCommand('tiller.enableHook', (given?: Hook | string) => setEnabled(given, true)),
    vscode.commands.registerCommand('tiller.disableHook', (given?: Hook | string) => setEnabled(given, false)),
    vscode.commands.registerCommand('tiller.runHook', async (given?: Hook | string): Promise<HookRun | undefined> => {
      const hook = given === undefined ? await pickHook(service) : resolve(given);
      if (!hook) return undefined;
      const run = await service.run(hook);
      if (!run) {
        const why = !service.isTrusted()
          ? 'this workspace is in Restricted Mode'
          : hook.errors.length
            ? hook.errors[0]
            : 'it is disabled';
        void vscode.window.showWarningMessage(`Tiller: hook "${hook.name}" cannot run: ${why}.`);
        return undefined;
      }
      void vscode.window.showInformationMessage(`Tiller: ${formatRun(run).split('\n')[0].replace(/^\S+ /, '')}`);
      return run;
    }),
    vscode.commands.registerCommand('tiller.openHook', async (given?: Hook | string) => {
      const hook = resolve(given);
      if (!hook) return undefined;
      const position = new vscode.Position(Math.max(0, hook.line - 1), 0);
      return vscode.window.showTextDocument(vscode.Uri.file(hook.file), {
        selection: new vscode.Range(position, position),
      });
    }),
  );
}

async function pickHook(service: HooksService): Promise<Hook | undefined> {
  const picked = await vscode.window.showQuickPick(
    service.hooks().map((hook) => ({
      label: hook.name,
      description: hook.trigger,
      detail: vscode.workspace.asRelativePath(hook.file),
      hook,
    })),
    { title: 'Run which hook?' },
  );
  return picked?.hook;
}
