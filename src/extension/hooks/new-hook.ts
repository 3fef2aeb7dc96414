// Tiller: New Hook — a short wizard (format, trigger, name, pattern or matcher, action) that
// creates a valid hook file in `.kiro/hooks/` through a WorkspaceEdit, then opens it. Given the
// answers as an argument (tests, other surfaces), it asks nothing.
import * as vscode from 'vscode';
import { exists } from '../uri-exists';
import { HOOKS_DIR, type HookFormat } from '../../core/hooks';
import { hookFileName, hookFileText, takesPattern, triggerNames, type NewHook } from './hook-template';

export async function newHook(given?: NewHook & { folder?: string }): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(given?.folder);
  if (!folder) return undefined;
  const hook = given ?? (await ask());
  if (!hook) return undefined;
  const dir = vscode.Uri.joinPath(folder, ...HOOKS_DIR.split('/'));
  let uri: vscode.Uri;
  for (let suffix = 1; ; suffix++) {
    uri = vscode.Uri.joinPath(dir, hookFileName(hook, suffix));
    if (!(await exists(uri))) break;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { contents: new TextEncoder().encode(hookFileText(hook)) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Tiller: could not create ${vscode.workspace.asRelativePath(uri)}.`);
    return undefined;
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}

async function ask(): Promise<NewHook | undefined> {
  const format = await vscode.window.showQuickPick(
    [
      { label: 'v1', description: '.kiro/hooks/<name>.json, several hooks per file', format: 'v1' as HookFormat },
      {
        label: 'Legacy',
        description: '.kiro/hooks/<name>.kiro.hook, one hook per file (Kiro)',
        format: 'legacy' as HookFormat,
      },
    ],
    { title: 'New Hook (1/5): file format' },
  );
  if (!format) return undefined;
  const trigger = await vscode.window.showQuickPick(
    triggerNames(format.format).map((t) => ({ label: t.name, description: t.trigger })),
    { title: 'New Hook (2/5): when does it fire?' },
  );
  if (!trigger) return undefined;
  const name = await vscode.window.showInputBox({
    title: 'New Hook (3/5): name',
    validateInput: (value) => (value.trim() ? undefined : 'A hook needs a name'),
  });
  if (!name) return undefined;
  let pattern: string | undefined;
  if (takesPattern(format.format, trigger.label)) {
    pattern = await vscode.window.showInputBox({
      title: 'New Hook (4/5): which files?',
      prompt:
        format.format === 'v1'
          ? 'A regular expression searched in the workspace-relative path (or the tool name); empty for everything'
          : 'Globs on the workspace-relative path, comma-separated, `!` to exclude; empty for everything',
      placeHolder: format.format === 'v1' ? '^src/.*\\.ts$' : 'src/**/*.ts, !src/**/*.test.ts',
      validateInput: (value) => (format.format === 'v1' ? regexError(value) : undefined),
    });
    if (pattern === undefined) return undefined;
  }
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Ask the agent', description: 'a prompt, with the event described after it', type: 'agent' as const },
      {
        label: 'Run a command',
        description: 'bash -c in the workspace, through the command policy; the event as JSON on stdin',
        type: 'command' as const,
      },
    ],
    { title: 'New Hook (5/5): what does it do?' },
  );
  if (!kind) return undefined;
  const text = await vscode.window.showInputBox({
    title: kind.type === 'agent' ? 'The prompt for the agent' : 'The command to run',
    validateInput: (value) =>
      value.trim() ? undefined : kind.type === 'agent' ? 'A prompt is needed' : 'A command is needed',
  });
  if (!text) return undefined;
  return {
    format: format.format,
    name: name.trim(),
    trigger: trigger.label,
    pattern,
    action: kind.type === 'agent' ? { type: 'agent', prompt: text } : { type: 'command', command: text },
  };
}

async function pickFolder(given: string | undefined): Promise<vscode.Uri | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (given) return folders.find((f) => f.uri.fsPath === given)?.uri;
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new hook' }))?.uri;
}

function regexError(value: string): string | undefined {
  try {
    new RegExp(value);
    return undefined;
  } catch (err) {
    return `Not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`;
  }
}
