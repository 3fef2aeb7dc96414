// `tiller lint`: spec and steering problems of the workspace; exit 1 when any is an error, so CI
// can gate on it.
import { lintWorkspace } from '../core/lint';
import { loadSteering } from '../core/steering';
import { loadSpecIndex, workspacePath } from '../core/workspace';
import { parse, printJson } from './args';

const USAGE = `usage: tiller lint [--workspace DIR] [--json]

  --json  [{file, line, column, severity, code, message}], file workspace-relative
  exit 1 when any diagnostic is an error`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<object>(argv, {}, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.workspace;
  const [index, steering] = await Promise.all([loadSpecIndex(root), loadSteering({ workspaceRoot: root })]);
  const diagnostics = lintWorkspace(index.specs(), steering).map((d) => ({ ...d, file: workspacePath(root, d.file) }));
  if (values.json) printJson(diagnostics);
  else {
    for (const d of diagnostics) console.log(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    console.log(diagnostics.length ? `${diagnostics.length} problem(s), ${errors} error(s)` : 'No problems.');
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
