// Spec lint. Codes are stable strings; consumers (Problems panel, CLI, CI) key on them. Every
// finding names its file, its line and, quoted in the message, the exact text it judged.
//
//   task-unknown-requirement  error    a task cites a numeric requirement the requirements doc
//                                      lacks (only when that doc exists and yields requirements)
//   task-duplicate-id         error    two tasks share a written number (the copy stays
//                                      addressable as `<id>@<line>`, see ids.ts)
//   task-malformed-marker     error    `[o]`, `[ x]`, `[]` …   (reported by parse-tasks.ts)
//   config-invalid            error    `.config.kiro` / `spec.json` unparseable (parse-config.ts)
//   criterion-uncovered       warning  no task cites criterion N.M (citing N covers all of N.*,
//                                      `All requirements` covers every one). Skipped when
//                                      tasks.md cites no requirement at all: such a plan does
//                                      not trace requirements, and flagging every criterion
//                                      would bury real problems. In bugfix specs the clauses of
//                                      group 1 (the defect as observed) are skipped.
//   criterion-not-ears        info     a feature criterion in none of the EARS forms
//   task-unknown-dependency   error    `_Depends: 9_` names no task            (depends.ts)
//   task-dependency-cycle     error    tasks wait on each other in a circle     (depends.ts)
import type { Diagnostic } from '../diagnostics';
import type { Requirement, Spec, Task } from './model';
import { dependencyDiagnostics } from './depends';
import { flattenTasks } from './ids';
import { ALL_REQUIREMENTS, citationLines, parseRequirementRefs } from './refs';
import { quote } from './text';

type LintInput = Pick<Spec, 'type' | 'documents' | 'requirements' | 'tasks'>;

const NUMERIC = /^\d+(?:\.\d+)*$/;

/** The citation line of a task that cites ref (for the message), else its title. */
function citing(task: Task, ref: string): string {
  const line = citationLines(task.details).find((l) => parseRequirementRefs(l).includes(ref));
  return line ? line.replace(/^[-*+][ \t]+/, '') : task.title;
}

export function lintSpec(spec: LintInput): Diagnostic[] {
  const tasks = flattenTasks(spec.tasks);
  return [
    ...duplicateIds(spec, tasks),
    ...unknownRequirements(spec, tasks),
    ...uncovered(spec, tasks),
    ...notEars(spec),
    ...dependencyDiagnostics(spec),
  ];
}

function taskDiagnostic(
  spec: LintInput,
  task: Task,
  severity: Diagnostic['severity'],
  code: string,
  message: string,
): Diagnostic {
  return { file: spec.documents.tasks ?? '', line: task.span.line, column: 1, severity, code, message };
}

function duplicateIds(spec: LintInput, tasks: Task[]): Diagnostic[] {
  const seen = new Map<string, Task>();
  const out: Diagnostic[] = [];
  for (const task of tasks) {
    if (task.derivedId) continue;
    const first = seen.get(task.id);
    if (first)
      out.push(
        taskDiagnostic(
          spec,
          task,
          'error',
          'task-duplicate-id',
          `Task number ${task.id} of ${quote(task.title)} is already used on line ${first.span.line}; give this task its own number (until then it is addressed as ${task.id}@${task.span.line}).`,
        ),
      );
    else seen.set(task.id, task);
  }
  return out;
}

function knownIds(requirements: Requirement[]): Set<string> {
  const ids = new Set<string>();
  for (const requirement of requirements) {
    ids.add(requirement.id);
    for (const criterion of requirement.criteria) ids.add(criterion.id);
  }
  return ids;
}

function unknownRequirements(spec: LintInput, tasks: Task[]): Diagnostic[] {
  if (!spec.documents.requirements || spec.requirements.length === 0) return [];
  const known = knownIds(spec.requirements);
  const doc = spec.type === 'bugfix' ? 'bugfix.md' : 'requirements.md';
  const out: Diagnostic[] = [];
  for (const task of tasks) {
    for (const ref of task.requirements) {
      if (NUMERIC.test(ref) && !known.has(ref))
        out.push(
          taskDiagnostic(
            spec,
            task,
            'error',
            'task-unknown-requirement',
            `Task ${task.id} cites requirement ${ref} in ${quote(citing(task, ref))}, which ${doc} does not define.`,
          ),
        );
    }
  }
  return out;
}

function uncovered(spec: LintInput, tasks: Task[]): Diagnostic[] {
  const file = spec.documents.requirements;
  if (!file || !spec.documents.tasks) return [];
  const cited = new Set(tasks.flatMap((task) => task.requirements));
  if (cited.size === 0 || cited.has(ALL_REQUIREMENTS)) return [];
  const out: Diagnostic[] = [];
  for (const requirement of spec.requirements) {
    if (spec.type === 'bugfix' && requirement.id === '1') continue;
    if (cited.has(requirement.id)) continue;
    for (const criterion of requirement.criteria) {
      if (!cited.has(criterion.id))
        out.push({
          file,
          line: criterion.line,
          column: 1,
          severity: 'warning',
          code: 'criterion-uncovered',
          message: `No task cites acceptance criterion ${criterion.id} ${quote(criterion.text)}; add it to a task's _Requirements:_ line or drop the criterion.`,
        });
    }
  }
  return out;
}

function notEars(spec: LintInput): Diagnostic[] {
  const file = spec.documents.requirements;
  if (!file || spec.type === 'bugfix') return [];
  return spec.requirements.flatMap((requirement) =>
    requirement.criteria
      .filter((criterion) => criterion.ears === 'not-ears')
      .map((criterion): Diagnostic => ({
        file,
        line: criterion.line,
        column: 1,
        severity: 'info',
        code: 'criterion-not-ears',
        message: `Criterion ${criterion.id} ${quote(criterion.text)} follows no EARS form (WHEN / IF / WHILE / WHERE … SHALL, or THE SYSTEM SHALL …).`,
      })),
  );
}
