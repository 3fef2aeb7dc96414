// Ids of tasks. A written number (`2`, `2.1`) is the id. A task without one gets a derived id:
//
//   `t<k>` at the top level, `<parentId>.t<k>` below a parent,
//
// where k counts only the UNNUMBERED siblings before it (1-based). Counting only unnumbered
// siblings keeps the id stable when numbered tasks around it are added, removed or re-ordered,
// and a file where every task is numbered never sees a derived id. It changes only when an
// unnumbered sibling before it is added, removed or moved, or its parent's id changes.
//
// A written number used twice (a lint error, task-duplicate-id) still leaves every copy
// addressable: `<id>@<line>` names the copy on that 1-based line of tasks.md (`2.1@14`). The bare
// id is the first copy.
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

const QUALIFIED = /^(.+)@(\d+)$/;

/** The first task with this id in document order, or with `<id>@<line>` the copy on that line. */
export function findTask(tasks: Task[] | Pick<Spec, 'tasks'>, id: string): Task | undefined {
  const list = Array.isArray(tasks) ? tasks : tasks.tasks;
  const qualified = QUALIFIED.exec(id);
  if (qualified) {
    const line = Number(qualified[2]);
    return flattenTasks(list).find((t) => t.id === qualified[1] && t.span.line === line);
  }
  return firstWithId(list, id);
}

function firstWithId(tasks: Task[], id: string): Task | undefined {
  for (const task of tasks) {
    if (task.id === id) return task;
    const found = firstWithId(task.children, id);
    if (found) return found;
  }
  return undefined;
}

/** The id that addresses this very task: its id, or `<id>@<line>` when an earlier task has the same id. */
export function addressOf(tasks: Task[] | Pick<Spec, 'tasks'>, task: Task): string {
  return findTask(tasks, task.id) === task ? task.id : `${task.id}@${task.span.line}`;
}
