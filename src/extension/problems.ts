// Publishes the engines' lint findings to the Problems panel. A spec's diagnostics need its full
// parse, which for a large workspace takes seconds in total, so the work is done in slices that
// yield to the extension host; a newer change abandons an older pass. Parses are cached by
// content, so after the first pass only changed specs cost anything.
import * as vscode from 'vscode';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../core/diagnostics';
import type { WorkspaceModel } from './workspace-model';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/** Longest stretch of parsing before the extension host gets a turn. */
const SLICE_MS = 15;

/** Another engine's findings (hook files), published beside the specs' and steering's. */
export interface DiagnosticSource {
  diagnostics(): Diagnostic[];
  readonly onDidChange: vscode.Event<void>;
}

export function registerProblems(model: WorkspaceModel, sources: readonly DiagnosticSource[] = []): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('tiller');
  let generation = 0;
  const publish = async (): Promise<void> => {
    const mine = ++generation;
    const findings: Diagnostic[] = [...model.steeringDiagnostics(), ...sources.flatMap((s) => s.diagnostics())];
    let sliceStart = performance.now();
    for (const spec of model.specs()) {
      findings.push(...spec.diagnostics);
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (mine !== generation) return;
        sliceStart = performance.now();
      }
    }
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings) {
      const list = byFile.get(finding.file) ?? [];
      list.push(toVscode(finding));
      byFile.set(finding.file, list);
    }
    collection.clear();
    for (const [file, list] of byFile) collection.set(vscode.Uri.file(file), list);
  };
  const subscriptions = [
    model.onDidChange(() => void publish()),
    ...sources.map((s) => s.onDidChange(() => void publish())),
  ];
  void publish();
  return vscode.Disposable.from(...subscriptions, collection, { dispose: () => void generation++ });
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
