// Workspace lint: the spec diagnostics and the steering diagnostics of one workspace folder as
// one list, in a stable order (file, line, column) so that CLI output and CI logs diff cleanly.
import type { Diagnostic } from './diagnostics';
import type { Spec } from './specs/model';
import type { SteeringSet } from './steering/load';
import type { SteeringDoc } from './steering/model';

/**
 * `steering` may be the whole SteeringSet (which also carries problems of the folders
 * themselves, such as a truncated AGENTS.md search) or just its documents.
 */
export function lintWorkspace(specs: readonly Spec[], steering: SteeringSet | readonly SteeringDoc[]): Diagnostic[] {
  const steeringDiagnostics = 'docs' in steering ? steering.diagnostics : steering.flatMap((d) => d.diagnostics);
  return [...specs.flatMap((s) => s.diagnostics), ...steeringDiagnostics].sort(
    (a, b) => a.file.localeCompare(b.file, 'en') || a.line - b.line || a.column - b.column,
  );
}
