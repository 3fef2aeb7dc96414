// Applies the engine's text edits to a file the way a person would expect: through a
// WorkspaceEdit when the document is open (undo works, unsaved typing is never clobbered), on disk
// atomically otherwise. Edits are always computed from the content as it is at that moment.
import * as vscode from 'vscode';
import { editFileAtomically, type TextEdit } from '../core/specs';

/** Given the current text, returns the edits to make, or throws an Error whose message is shown. */
export type ComputeEdits = (text: string) => TextEdit[];

export async function applyToFile(uri: vscode.Uri, compute: ComputeEdits): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open) {
    await editFileAtomically(uri.fsPath, compute);
    return;
  }
  const wasDirty = open.isDirty;
  const edits = compute(open.getText());
  if (edits.length === 0) return;
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    const range = new vscode.Range(open.positionAt(edit.offset), open.positionAt(edit.offset + edit.length));
    workspaceEdit.replace(uri, range, edit.newText);
  }
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
    throw new Error(`VS Code refused the edit to ${vscode.workspace.asRelativePath(uri)}.`);
  }
  // A clean document is saved so that disk (which the CLI and the agent read) agrees with the
  // editor; a document with the user's unsaved typing stays unsaved: saving it is their call.
  if (!wasDirty) await open.save();
}
