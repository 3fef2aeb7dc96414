// The difference between two snapshots of one spec, as small as it can be told: a ticked box is
// one task row, an edit to design.md is that document alone.
import type { SpecDelta, SpecSnapshot, TaskRow, TaskRowsDelta } from '../../protocol';

export function diffSpec(prev: SpecSnapshot | null, next: SpecSnapshot | null): SpecDelta | null {
  if (!next) return prev ? { gone: true } : null;
  if (!prev) return { ...next, tasks: { upsert: next.tasks, remove: [], order: next.tasks.map((t) => t.id) } };
  const delta: SpecDelta = {};
  if (prev.name !== next.name) delta.name = next.name;
  if ((prev.project ?? null) !== (next.project ?? null)) delta.project = next.project ?? null;
  if (prev.type !== next.type) delta.type = next.type;
  if (!sameJson(prev.requirementsDoc, next.requirementsDoc)) delta.requirementsDoc = next.requirementsDoc;
  if (!sameJson(prev.designDoc, next.designDoc)) delta.designDoc = next.designDoc;
  if (prev.tasksPath !== next.tasksPath) delta.tasksPath = next.tasksPath;
  if (!sameJson(prev.requirements, next.requirements)) delta.requirements = next.requirements;
  if (!sameJson(prev.counts, next.counts)) delta.counts = next.counts;
  if (prev.problems !== next.problems) delta.problems = next.problems;
  const tasks = diffTasks(prev.tasks, next.tasks);
  if (tasks) delta.tasks = tasks;
  return Object.keys(delta).length ? delta : null;
}

function diffTasks(prev: TaskRow[], next: TaskRow[]): TaskRowsDelta | null {
  const before = new Map(prev.map((row) => [row.id, row]));
  const upsert = next.filter((row) => {
    const old = before.get(row.id);
    return !old || !sameJson(old, row);
  });
  const ids = new Set(next.map((row) => row.id));
  const remove = prev.filter((row) => !ids.has(row.id)).map((row) => row.id);
  const reordered = prev.length !== next.length || prev.some((row, i) => row.id !== next[i].id);
  if (!upsert.length && !remove.length && !reordered) return null;
  return { upsert, remove, ...(reordered ? { order: next.map((row) => row.id) } : {}) };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
