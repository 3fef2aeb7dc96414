// `tiller specs` and `tiller tasks` must count the same tasks: both commands run here in-process
// (their own run functions, their JSON output captured), for every spec of a workspace.
import { run as specsCommand } from '../../src/cli/specs';
import { run as tasksCommand } from '../../src/cli/tasks';

interface SpecsRow {
  name: string;
  folder: string;
  tasks: { total: number; done: number; inProgress: number; queued: number; optional: number };
}

interface TasksRow {
  status: 'todo' | 'in-progress' | 'queued' | 'done';
  optional: boolean;
}

async function json<T>(command: (argv: string[]) => Promise<number>, argv: string[]): Promise<T> {
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await command([...argv, '--json']);
    if (code !== 0) throw new Error(`tiller ${argv.join(' ')} exited ${code}`);
  } finally {
    process.stdout.write = write;
  }
  return JSON.parse(out) as T;
}

/** Each spec's counts as `tiller specs` prints them, beside the same tallies of `tiller tasks`. */
export async function cliCounts(
  workspace: string,
): Promise<Array<{ folder: string; specs: SpecsRow['tasks']; tasks: SpecsRow['tasks'] }>> {
  const specs = await json<SpecsRow[]>(specsCommand, ['--workspace', workspace]);
  const out = [];
  for (const spec of specs) {
    const tasks = await json<TasksRow[]>(tasksCommand, ['--workspace', workspace, '--spec', spec.folder]);
    const count = (status: TasksRow['status']) => tasks.filter((t) => t.status === status).length;
    out.push({
      folder: spec.folder,
      specs: spec.tasks,
      tasks: {
        total: tasks.length,
        done: count('done'),
        inProgress: count('in-progress'),
        queued: count('queued'),
        optional: tasks.filter((t) => t.optional).length,
      },
    });
  }
  return out;
}
