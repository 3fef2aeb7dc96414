// What the editor offers above each task line (CodeLens), straight from the task tree: run a
// runnable todo task (see next-task.ts for what runs), mark an unfinished one done, reset a
// started one. Pure, so the keystroke → CodeLens path can be measured without an editor.
import { flattenTasks } from './ids';
import type { Task } from './model';
import { isRunnable } from './next-task';

export type LensAction = 'run' | 'done' | 'reset';

export interface TaskLens {
  /** 1-based line of the task in tasks.md. */
  line: number;
  /** The id that addresses this task (`id@line` for a second copy of a number). */
  taskId: string;
  actions: LensAction[];
}

export function taskLenses(tasks: Task[]): TaskLens[] {
  const seen = new Set<string>();
  const lenses: TaskLens[] = [];
  for (const task of flattenTasks(tasks)) {
    const actions: LensAction[] = [];
    if (task.status === 'todo' && isRunnable(task)) actions.push('run');
    if (task.status !== 'done') actions.push('done');
    if (task.status !== 'todo') actions.push('reset');
    const taskId = seen.has(task.id) ? `${task.id}@${task.span.line}` : task.id;
    seen.add(task.id);
    lenses.push({ line: task.span.line, taskId, actions });
  }
  return lenses;
}
