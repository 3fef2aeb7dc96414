// What the webview is told about a spec: a flat, serialisable copy of the engine's model plus the
// markdown it renders. No vscode import, so it runs in tests and benchmarks as it is.
import type { Spec, Task, TaskCounts } from '../../core/specs/model';
import { planWaves } from '../../core/waves/plan';
import type { RequirementRow, SpecDocText, SpecSnapshot, TaskRow } from '../../protocol';

/** Returns a document's current text (an editor's unsaved text wins), or null if unreadable. */
export type ReadText = (path: string) => string | null;

export function buildSpecSnapshot(spec: Spec, counts: TaskCounts, readText: ReadText): SpecSnapshot {
  const doc = (path: string | undefined): SpecDocText | null => {
    const text = path === undefined ? null : readText(path);
    return path === undefined || text === null ? null : { path, text };
  };
  return {
    dir: spec.dir,
    name: spec.name,
    type: spec.type,
    requirementsDoc: doc(spec.documents.requirements),
    designDoc: doc(spec.documents.design),
    tasksPath: spec.documents.tasks ?? null,
    requirements: spec.requirements.map((r): RequirementRow => ({
      id: r.id,
      title: r.title,
      line: r.line,
      criteria: r.criteria.map((c) => ({ id: c.id, text: c.text })),
    })),
    tasks: taskRows(spec.tasks),
    counts,
    problems: spec.diagnostics.filter((d) => d.severity !== 'info').length,
  };
}

export function taskRows(tasks: Task[]): TaskRow[] {
  const rows: TaskRow[] = [];
  const waveOf = waveNumbers(tasks);
  const walk = (list: Task[], depth: number) => {
    for (const task of list) {
      rows.push({
        id: task.id,
        parent: task.parent,
        depth,
        title: task.title,
        status: task.status,
        optional: task.optional,
        leaf: task.children.length === 0,
        requirements: task.requirements,
        line: task.span.line,
        ...(task.section === undefined ? {} : { section: task.section }),
        ...(waveOf.has(task.id) ? { wave: waveOf.get(task.id) } : {}),
      });
      walk(task.children, depth + 1);
    }
  };
  walk(tasks, 0);
  return rows;
}

/** Task id -> 1-based wave, when the plan runs anything side by side (else it is document order). */
function waveNumbers(tasks: Task[]): Map<string, number> {
  const { waves } = planWaves(tasks);
  const numbers = new Map<string, number>();
  if (!waves.some((w) => w.length > 1)) return numbers;
  waves.forEach((wave, i) => wave.forEach((id) => numbers.set(id, i + 1)));
  return numbers;
}
