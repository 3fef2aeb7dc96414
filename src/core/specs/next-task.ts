// The next-task rule, shared by the Run button, CodeLens, the CLI and the agent runner:
//
//   The next task of a spec is the first LEAF task, in document order (a pre-order walk of the
//   tree), whose status is todo. A leaf is a task without sub-tasks or, unless includeOptional,
//   a task whose sub-tasks are all optional: its required work is its own. Other parents are
//   never run themselves: they are done when their required sub-tasks are. Tasks in progress,
//   queued or done are not next. Optional tasks (`[ ]*`, or any task under an optional parent)
//   are skipped unless includeOptional.
//
//   Across specs: specs in name order, the first spec with a next task wins; when a spec name is
//   given, only that spec is considered.
import type { Spec, Task } from './model';

export interface NextTaskOptions {
  includeOptional?: boolean;
  /** Only this spec (by name); ignored by nextLeafTask. */
  spec?: string;
}

export interface NextTask {
  spec: Spec;
  task: Task;
}

/** A task that runs itself: a leaf, or a parent whose sub-tasks are all optional. */
export function isRunnable(task: Task, options: NextTaskOptions = {}): boolean {
  return task.children.length === 0 || (!options.includeOptional && task.children.every((c) => c.optional));
}

/** The next task of one task tree. */
export function nextLeafTask(tasks: Task[], options: NextTaskOptions = {}): Task | null {
  for (const task of tasks) {
    if (task.optional && !options.includeOptional) continue;
    if (!isRunnable(task, options)) {
      const found = nextLeafTask(task.children, options);
      if (found) return found;
    } else if (task.status === 'todo') {
      return task;
    }
  }
  return null;
}

/** The next task across specs. */
export function nextTask(specs: Spec[], options: NextTaskOptions = {}): NextTask | null {
  const candidates = specs
    .filter((spec) => options.spec === undefined || spec.name === options.spec)
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.dir.localeCompare(b.dir, 'en'));
  for (const spec of candidates) {
    const task = nextLeafTask(spec.tasks, options);
    if (task) return { spec, task };
  }
  return null;
}
