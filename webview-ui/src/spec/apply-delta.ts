// Applies a spec delta to the snapshot the webview holds. Unchanged parts keep their identity, so
// React re-renders only what a delta touched.
import type { SpecDelta, SpecSnapshot, TaskRow, TaskRowsDelta } from '../../../src/protocol';

export function applySpecDelta(current: SpecSnapshot | null, delta: SpecDelta): SpecSnapshot | null {
  if (delta.gone) return null;
  const { tasks, gone: _gone, ...parts } = delta;
  if (!current) {
    // The spec appeared after the subscription: the delta carries every part.
    return { ...(parts as Omit<SpecSnapshot, 'tasks'>), tasks: tasks ? applyTaskDelta([], tasks) : [] };
  }
  return { ...current, ...parts, tasks: tasks ? applyTaskDelta(current.tasks, tasks) : current.tasks };
}

function applyTaskDelta(rows: TaskRow[], delta: TaskRowsDelta): TaskRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const id of delta.remove) byId.delete(id);
  for (const row of delta.upsert) byId.set(row.id, row);
  if (delta.order) return delta.order.map((id) => byId.get(id)).filter((row): row is TaskRow => row !== undefined);
  return rows.filter((row) => byId.has(row.id)).map((row) => byId.get(row.id) as TaskRow);
}
