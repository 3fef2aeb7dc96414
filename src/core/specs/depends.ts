// Which tasks must finish before a task may start, read from tasks.md itself:
//
//   1. `_Depends: 1.2, 3_` (cc-sdd's form; also `Depends on:` and without the underscores) in a
//      task's lines names its prerequisites exactly. A prerequisite that has sub-tasks stands for
//      all of them; a `_Depends:_` on a parent applies to each of its sub-tasks.
//   2. Otherwise a task depends on the previous required task in document order, so a spec with
//      neither form runs one task after the other exactly as the next-task rule does.
//   3. `(P)` or `[P]` right after a task's number (cc-sdd and Spec Kit markers) lets it run
//      alongside the marked tasks next to it: consecutive marked tasks form one group that depends
//      on what precedes the group, and the first unmarked task after it depends on the whole group.
//
// Only leaf tasks run (a parent is done when its sub-tasks are); optional tasks (`[ ]*`, or under an
// optional parent) take no part in the order. Unknown references and cycles are lint errors here.
import type { Diagnostic } from '../diagnostics';
import { flattenTasks } from './ids';
import type { Spec, Task } from './model';

const DEPENDS = /^(?:[-*+]\s+)?[_*]{0,2}depends(?:\s+on)?[_*]{0,2}\s*:[_*]{0,2}\s*(.*?)\s*[_*]{0,2}\s*$/i;
const PARALLEL = /^(?:[A-Za-z]+\d+\s+)?(?:\(P\)|\[P\])(?=\s|$)/;

export interface TaskDependencies {
  /** Leaf tasks in document order (optional ones included, flagged by `optional`). */
  leaves: Task[];
  /** Leaf id → the leaf ids it waits for. */
  prerequisites: Map<string, string[]>;
  /** Leaf id → true when its prerequisites came from a `_Depends:_` line, not document order. */
  explicit: Map<string, boolean>;
  /** Written references naming no task: leaf id → [the reference, the task whose line wrote it]. */
  unknown: { task: Task; ref: string }[];
}

/** The ids a task's own `_Depends:_` lines name, in the order written. */
export function dependsRefs(task: Task): string[] {
  const refs: string[] = [];
  for (const line of task.details) {
    const m = DEPENDS.exec(line);
    if (!m) continue;
    for (const part of m[1].split(/[,;\s]+/)) {
      const ref = part.replace(/^(?:task)/i, '').replace(/[.)_*]+$/, '');
      if (ref && !/^task$/i.test(part)) refs.push(ref);
    }
  }
  return refs;
}

/** True when `(P)` or `[P]` follows the task's number. */
export function isParallelMarked(task: Task): boolean {
  return PARALLEL.test(task.title);
}

function leavesOf(task: Task): Task[] {
  return task.children.length ? task.children.flatMap(leavesOf) : [task];
}

export function taskDependencies(tasks: Task[]): TaskDependencies {
  const all = flattenTasks(tasks);
  const byId = new Map<string, Task>();
  for (const task of all) if (!byId.has(task.id)) byId.set(task.id, task);
  const optional = new Set<Task>();
  const markOptional = (task: Task, inherited: boolean): void => {
    const is = inherited || task.optional;
    if (is) optional.add(task);
    for (const child of task.children) markOptional(child, is);
  };
  for (const task of tasks) markOptional(task, false);

  const leaves = all.filter((t) => t.children.length === 0);
  const prerequisites = new Map<string, string[]>();
  const explicit = new Map<string, boolean>();
  const unknown: TaskDependencies['unknown'] = [];
  const ancestors = (task: Task): Task[] => {
    const out: Task[] = [];
    for (let up = task.parent; up !== null; up = byId.get(up)?.parent ?? null) {
      const parent = byId.get(up);
      if (!parent) break;
      out.push(parent);
    }
    return out;
  };
  for (const task of all) for (const ref of dependsRefs(task)) if (!byId.has(ref)) unknown.push({ task, ref });

  // Document order, with consecutive marked leaves grouped.
  let previous: string[] = [];
  let group: { parallel: boolean; ids: string[] } | null = null;
  for (const leaf of leaves) {
    // A second task with the same number is task-duplicate-id already; as a prerequisite of
    // itself it would also read as a cycle.
    if (optional.has(leaf) || prerequisites.has(leaf.id)) continue;
    const parallel = isParallelMarked(leaf);
    if (!(parallel && group?.parallel)) {
      if (group) previous = group.ids;
      group = { parallel, ids: [] };
    }
    group.ids.push(leaf.id);
    const refs = [leaf, ...ancestors(leaf)].flatMap(dependsRefs).filter((r) => byId.has(r));
    explicit.set(leaf.id, refs.length > 0);
    const named = refs.flatMap((r) => leavesOf(byId.get(r) as Task).map((t) => t.id));
    prerequisites.set(leaf.id, refs.length ? [...new Set(named)] : [...previous]);
  }
  return { leaves, prerequisites, explicit, unknown };
}

/** Cycles among the prerequisites: each as the ids around it, first id repeated at the end. */
export function dependencyCycles(prerequisites: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const next of prerequisites.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (s === undefined && prerequisites.has(next)) visit(next);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of prerequisites.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

/** `task-unknown-dependency` and `task-dependency-cycle` (errors), for lint.ts. */
export function dependencyDiagnostics(spec: Pick<Spec, 'documents' | 'tasks'>): Diagnostic[] {
  const file = spec.documents.tasks ?? '';
  const deps = taskDependencies(spec.tasks);
  const out: Diagnostic[] = deps.unknown.map(({ task, ref }) => ({
    file,
    line: task.span.line,
    column: 1,
    severity: 'error',
    code: 'task-unknown-dependency',
    message: `Task ${task.id} depends on task ${ref}, which tasks.md does not have.`,
  }));
  const byId = new Map(deps.leaves.map((t) => [t.id, t]));
  const reported = new Set<string>();
  for (const cycle of dependencyCycles(deps.prerequisites)) {
    const key = [...cycle.slice(0, -1)].sort().join(' ');
    if (reported.has(key)) continue;
    reported.add(key);
    const first = byId.get(cycle[0]);
    const implicit = cycle.slice(0, -1).filter((id) => !deps.explicit.get(id));
    out.push({
      file,
      line: first?.span.line ?? 1,
      column: 1,
      severity: 'error',
      code: 'task-dependency-cycle',
      message: `Tasks wait on each other in a circle: ${cycle.join(' → ')}${implicit.length ? ` (${implicit.join(', ')} ${implicit.length === 1 ? 'waits' : 'wait'} on the task before it in document order)` : ''}; none of them can start. Change a _Depends:_ line or the order.`,
    });
  }
  return out;
}
