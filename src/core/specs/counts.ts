// Progress counts. Every task counts, parents and optional ones included, so the numbers match
// what a person sees when counting checkboxes in the file.
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

const BOX = /^[ \t]*[-*+][ \t]+\[([ xX\-~])\](\*?)(?=[ \t\r]|$)/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const SCAN_STATUS: Record<string, Task['status']> = {
  ' ': 'todo',
  x: 'done',
  X: 'done',
  '-': 'in-progress',
  '~': 'queued',
};

/**
 * Counts from a single pass over the lines, for the cold index: a full remark parse of every
 * tasks.md costs ~10-20 ms per file, far too slow for hundreds of specs at start-up, while the
 * tree is only needed once a spec is opened. The scan skips fenced code and HTML comments like
 * the parser does; tests hold it equal to countTasks(parseTasks(...)) on every real and fixture
 * file.
 */
export function scanTaskCounts(text: string): TaskCounts {
  const counts = emptyCounts();
  let fence: string | null = null;
  let inComment = false;
  for (const line of text.split('\n')) {
    if (fence !== null) {
      const close = FENCE.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length && line.trim() === close[1])
        fence = null;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    if (/^ {0,3}<!--/.test(line)) {
      inComment = !line.includes('-->');
      continue;
    }
    const box = BOX.exec(line);
    if (box) add(counts, SCAN_STATUS[box[1]], box[2] === '*');
  }
  return counts;
}
