// Publishes the engines' lint findings to the Problems panel. A spec's diagnostics need its full
// parse and lint (a 5,000-task spec's lint takes longer than a frame), so a pass waits until the
// changes pause (typing never waits for lint: CodeLens follows each keystroke, the Problems panel
// the pause after it), and then works in slices that yield to the extension host; a newer change
// abandons an older pass. Parses are cached by content, so only changed specs cost anything.
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
/** Quiet time after the last change (a keystroke, a save) before the findings are recomputed. */
const PUBLISH_DELAY_MS = 300;

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
  let timer: NodeJS.Timeout | undefined;
  const publishSoon = (): void => {
    // A change abandons the pass under way too: its findings are already out of date.
    generation++;
    clearTimeout(timer);
    timer = setTimeout(() => void publish(), PUBLISH_DELAY_MS);
  };
  const subscriptions = [model.onDidChange(publishSoon), ...sources.map((s) => s.onDidChange(publishSoon))];
  void publish();
  const stop = {
    dispose: () => {
      clearTimeout(timer);
      generation++;
    },
  };
  return vscode.Disposable.from(...subscriptions, collection, stop);
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
