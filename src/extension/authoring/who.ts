// Who approves, as recorded in the shared spec.json: the `tiller.specs.approver` setting (a name
// the team recognises), else the OS account name.
import * as vscode from 'vscode';
import { userInfo } from 'node:os';

export function whoApproves(): string {
  const configured = vscode.workspace.getConfiguration('tiller.specs').get<string>('approver');
  if (configured?.trim()) return configured.trim();
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
