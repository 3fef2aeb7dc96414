// Progress counts. Every task counts, parents and optional ones included, so the numbers match
// what a person sees when counting checkboxes in the file. They are always counted on the parsed
// task tree (parse-tasks.ts): one parser, so `tiller specs`, `tiller tasks`, the sidebar and the
// spec view can never disagree.
import type { Spec, Task, TaskCounts } from './model';
import { flattenTasks } from './ids';

export function emptyCounts(): TaskCounts {
  return { total: 0, done: 0, inProgress: 0, queued: 0, optional: 0 };
}

export function countTasks(tasks: Task[] | Pick<Spec, 'tasks'>): TaskCounts {
  const counts = emptyCounts();
  for (const task of flattenTasks(Array.isArray(tasks) ? tasks : tasks.tasks)) add(counts, task.status, task.optional);
  return counts;
}

function add(counts: TaskCounts, status: Task['status'], optional: boolean): void {
  counts.total++;
  if (status === 'done') counts.done++;
  else if (status === 'in-progress') counts.inProgress++;
  else if (status === 'queued') counts.queued++;
  if (optional) counts.optional++;
}
