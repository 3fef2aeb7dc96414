// "Run all tasks": the spec's next task, again and again, in the order the next-task rule gives,
// stopping at the first run that does not complete (a failure needs a person before the tasks
// that build on it make sense).
import { loadSpecIndex, requireSpec } from '../workspace';
import { nextLeafTask } from '../specs';
import { runTask, type RunResult, type RunTaskOptions } from './runner';

export interface RunAllOptions extends Omit<RunTaskOptions, 'task' | 'runId'> {
  includeOptional?: boolean;
  /** Called as each run ends, before the next one starts. */
  onRunEnd?: (result: RunResult) => void;
}

export async function runAllTasks(options: RunAllOptions): Promise<RunResult[]> {
  const results: RunResult[] = [];
  // Resolved once: every run after the first re-reads the same folder, whatever its name.
  const dir = requireSpec(await loadSpecIndex(options.workspaceRoot), options.spec).dir;
  for (;;) {
    if (options.signal?.aborted) return results;
    const spec = requireSpec(await loadSpecIndex(options.workspaceRoot), dir);
    const next = nextLeafTask(spec.tasks, { includeOptional: options.includeOptional });
    // A completed task that comes back as next means its status did not stick; looping would never end.
    if (!next || results.some((r) => r.task === next.id)) return results;
    const result = await runTask({ ...options, spec: dir, task: next.id });
    results.push(result);
    options.onRunEnd?.(result);
    if (result.status !== 'completed') return results;
  }
}
