// The agent's view of the workspace in VS Code: an open document's text is the file (unsaved typing
// included), and every write is a WorkspaceEdit on the document, so Undo takes the agent's change
// back and a buffer with unsaved typing is edited in place instead of overwritten on disk (which
// ended in a save conflict whose "Overwrite" dropped the agent's work). A document that was clean
// is saved at once, so disk, the CLI and the agent's commands agree; one with unsaved typing stays
// unsaved: saving that is the person's call.
import * as vscode from 'vscode';
import { diskFiles, type WorkspaceFiles } from '../../core/agent';
import { asResult } from '../../core/agent/files';
import type { TextEdit } from '../../core/specs';

function openDocument(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
}

export const editorFiles: WorkspaceFiles = {
  stat: async (path) => {
    const open = openDocument(path);
    return open ? { kind: 'file', size: Buffer.byteLength(open.getText()) } : diskFiles.stat(path);
  },
  read: async (path) => openDocument(path)?.getText() ?? diskFiles.read(path),
  write: async (path, text) => {
    const uri = vscode.Uri.file(path);
    if (!openDocument(path) && (await diskFiles.stat(path)) === null) {
      const create = new vscode.WorkspaceEdit();
      create.createFile(uri, { ignoreIfExists: true });
      await apply(create, uri);
    }
    const document = openDocument(path) ?? (await vscode.workspace.openTextDocument(uri));
    await applyEdits(document, [smallestEdit(document.getText(), text)]);
  },
  edit: async (path, compute) => {
    const document = openDocument(path) ?? (await vscode.workspace.openTextDocument(vscode.Uri.file(path)));
    const text = document.getText();
    const result = asResult(text, compute(text));
    await applyEdits(document, result.edits);
    return result;
  },
};

async function applyEdits(document: vscode.TextDocument, edits: TextEdit[]): Promise<void> {
  const changes = edits.filter((e) => e.length > 0 || e.newText !== '');
  if (!changes.length) return;
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  for (const e of changes)
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)),
      e.newText,
    );
  await apply(edit, document.uri);
  if (!wasDirty) await document.save();
}

async function apply(edit: vscode.WorkspaceEdit, uri: vscode.Uri): Promise<void> {
  if (!(await vscode.workspace.applyEdit(edit)))
    throw new Error(`VS Code refused the edit to ${vscode.workspace.asRelativePath(uri)}`);
}

/** One replacement between the common head and tail: cursors and folds elsewhere stay put. */
function smallestEdit(before: string, after: string): TextEdit {
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail))
    tail++;
  return { offset: head, length: before.length - head - tail, newText: after.slice(head, after.length - tail) };
}
