// Publishes the engines' lint findings to the Problems panel, replacing the previous set on each
// model change so a fixed problem disappears as soon as the text is fixed.
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/diagnostics';
import type { WorkspaceModel } from './workspace-model';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

export function registerProblems(model: WorkspaceModel): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('tiller');
  const publish = (): void => {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of model.diagnostics()) {
      const list = byFile.get(finding.file) ?? [];
      list.push(toVscode(finding));
      byFile.set(finding.file, list);
    }
    collection.clear();
    for (const [file, list] of byFile) collection.set(vscode.Uri.file(file), list);
  };
  const subscription = model.onDidChange(publish);
  publish();
  return vscode.Disposable.from(subscription, collection);
}

function toVscode(finding: Diagnostic): vscode.Diagnostic {
  const line = Math.max(0, finding.line - 1);
  const column = Math.max(0, finding.column - 1);
  // The engine knows where a problem starts, not always where it ends: underline to the line's end.
  const range = new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER);
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'tiller';
  diagnostic.code = finding.code;
  return diagnostic;
}
