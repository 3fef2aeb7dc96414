// Ids of tasks. A written number (`2`, `2.1`) is the id. A task without one gets a derived id:
//
//   `t<k>` at the top level, `<parentId>.t<k>` below a parent,
//
// where k counts only the UNNUMBERED siblings before it (1-based). Counting only unnumbered
// siblings keeps the id stable when numbered tasks around it are added, removed or re-ordered,
// and a file where every task is numbered never sees a derived id. It changes only when an
// unnumbered sibling before it is added, removed or moved, or its parent's id changes.
import type { Spec, Task } from './model';

export const NUMBER = /^(\d+(?:\.\d+)*)(\.?)(?=\s|$)/;

export function assignDerivedIds(siblings: Task[], parentId: string | null): void {
  let unnumbered = 0;
  for (const task of siblings) {
    if (task.derivedId) {
      unnumbered++;
      task.id = parentId === null ? `t${unnumbered}` : `${parentId}.t${unnumbered}`;
    }
    task.parent = parentId;
    assignDerivedIds(task.children, task.id);
  }
}

/** The number one level up: `2.1.3` → `2.1`; null for a top-level number. */
export function parentNumber(id: string): string | null {
  const dot = id.lastIndexOf('.');
  return dot === -1 ? null : id.slice(0, dot);
}

/** Every task of the tree in document (pre-)order. */
export function flattenTasks(tasks: Task[], out: Task[] = []): Task[] {
  for (const task of tasks) {
    out.push(task);
    flattenTasks(task.children, out);
  }
  return out;
}

/** The first task with this id, in document order. */
export function findTask(tasks: Task[] | Pick<Spec, 'tasks'>, id: string): Task | undefined {
  for (const task of Array.isArray(tasks) ? tasks : tasks.tasks) {
    if (task.id === id) return task;
    const found = findTask(task.children, id);
    if (found) return found;
  }
  return undefined;
}
