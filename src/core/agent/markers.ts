// The runner alone sets task status: a model that ticks its own box by hand could claim work it
// never did, and its edit would race the runner's. The model may still edit tasks.md (re-word a
// task, add a sub-task it discovered), as long as every checkbox keeps its marker.
import { flattenTasks, parseTasks } from '../specs';

const MARK = { todo: '[ ]', 'in-progress': '[-]', queued: '[~]', done: '[x]' } as const;

/** Null when the edit keeps every marker; else why it is refused, for the model. */
export function markerChange(before: string, after: string, runningTask: string): string | null {
  const old = new Map(flattenTasks(parseTasks(before, '').tasks).map((t) => [t.id, t.status]));
  const changes: string[] = [];
  const seen = new Set<string>();
  for (const task of flattenTasks(parseTasks(after, '').tasks)) {
    seen.add(task.id);
    const was = old.get(task.id);
    if (was === undefined ? task.status !== 'todo' : was !== task.status)
      changes.push(`${task.id} ${was ? MARK[was] : '(new)'} → ${MARK[task.status]}`);
  }
  if (old.has(runningTask) && !seen.has(runningTask)) changes.push(`${runningTask} removed`);
  if (!changes.length) return null;
  return `This edit changes task checkboxes in tasks.md (${changes.join(', ')}). Task status belongs to Tiller: it marks the running task done when you call complete_task. Keep every marker as it is (new tasks start as [ ]) and try again.`;
}
