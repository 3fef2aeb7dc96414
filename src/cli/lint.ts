// `tiller lint`: spec and steering problems of the workspace; exit 1 when any is an error (or
// when warnings pass --max-warnings), so CI can gate on it. A summary of counts per code ends the
// human output, so a repository with hundreds of findings stays readable.
import type { Diagnostic, Severity } from '../core/diagnostics';
import { lintWorkspace } from '../core/lint';
import { loadSteering } from '../core/steering';
import { loadSpecIndex, workspacePath } from '../core/workspace';
import { parse, printJson, UsageError } from './args';

const USAGE = `usage: tiller lint [--workspace DIR] [--json] [--summary] [--max-warnings N] [--quiet]

  --json            [{file, line, column, severity, code, message}], file workspace-relative
  --summary         only the counts per code (with --json: {errors, warnings, infos, codes: [{code, severity, count}]})
  --max-warnings N  exit 1 also when there are more than N warnings
  --quiet           leave out warnings and infos (errors only)
  exit 1 when any diagnostic is an error`;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface CodeCount {
  code: string;
  severity: Severity;
  count: number;
}

/** Counts per code, errors first, then by count (largest first) and code. */
export function countByCode(diagnostics: readonly Diagnostic[]): CodeCount[] {
  const counts = new Map<string, CodeCount>();
  for (const d of diagnostics) {
    const key = `${d.severity}:${d.code}`;
    const entry = counts.get(key) ?? { code: d.code, severity: d.severity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || b.count - a.count || a.code.localeCompare(b.code, 'en'),
  );
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<{ summary: boolean; 'max-warnings'?: string; quiet: boolean }>(
    argv,
    {
      summary: { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity)
    throw new UsageError('--max-warnings takes a whole number', USAGE);
  if (maxWarnings < 0) throw new UsageError('--max-warnings takes a whole number', USAGE);
  const root = values.workspace;
  const [index, steering] = await Promise.all([loadSpecIndex(root), loadSteering({ workspaceRoot: root })]);
  const all = lintWorkspace(index.specs(), steering).map((d) => ({ ...d, file: workspacePath(root, d.file) }));
  const diagnostics = values.quiet ? all.filter((d) => d.severity === 'error') : all;
  const count = (severity: Severity) => all.filter((d) => d.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const codes = countByCode(diagnostics);
  if (values.json) printJson(values.summary ? { errors, warnings, infos: count('info'), codes } : diagnostics);
  else {
    if (!values.summary)
      for (const d of diagnostics) console.log(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
    if (all.length === 0) console.log('No problems.');
    else {
      if (codes.length) {
        const width = Math.max(...codes.map((c) => c.code.length));
        console.log(diagnostics.length && !values.summary ? '\nBy code:' : 'By code:');
        for (const c of codes) console.log(`  ${c.code.padEnd(width)}  ${String(c.count).padStart(5)}  ${c.severity}`);
      }
      console.log(`${all.length} problem(s): ${errors} error(s), ${warnings} warning(s), ${count('info')} info`);
    }
    if (warnings > maxWarnings) console.log(`Too many warnings: ${warnings} (at most ${maxWarnings}).`);
  }
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}
