// `tiller task set-status`: changes one task's marker in tasks.md, atomically. Parents that the
// change completes are marked done by the engine in the same write.
import { editFileAtomically, flattenTasks, parseTasks, setTaskStatus } from '../core/specs';
import type { TaskStatus } from '../core/specs/model';
import { loadSpecIndex, requireSpec, requireTask } from '../core/workspace';
import { parse, printJson, required, UsageError } from './args';

const STATUSES: readonly TaskStatus[] = ['todo', 'in-progress', 'queued', 'done'];

const USAGE = `usage: tiller task set-status --spec NAME|FOLDER --task ID --status ${STATUSES.join('|')} [--workspace DIR] [--json]

  --json  {spec, task, status, changed: [{id, status}]}: every task whose marker changed`;

interface Options {
  spec?: string;
  task?: string;
  status?: string;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse<Options>(
    argv,
    { spec: { type: 'string' }, task: { type: 'string' }, status: { type: 'string' } },
    USAGE,
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'set-status') {
    throw new UsageError(
      positionals.length ? `unknown sub-command '${positionals.join(' ')}'` : 'a sub-command is required',
      USAGE,
    );
  }
  const specName = required(values.spec, 'spec', USAGE);
  const id = required(values.task, 'task', USAGE);
  const status = required(values.status, 'status', USAGE) as TaskStatus;
  if (!STATUSES.includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`, USAGE);

  const spec = requireSpec(await loadSpecIndex(values.workspace), specName);
  requireTask(spec, id);
  const file = spec.documents.tasks as string;
  let changed: { id: string; status: TaskStatus }[] = [];
  await editFileAtomically(file, (text) => {
    const result = setTaskStatus(text, id, status);
    // Edits touch only markers; map each back to its task to report what the engine changed.
    const byMarker = new Map(flattenTasks(parseTasks(text, file).tasks).map((t) => [t.marker.start, t.id]));
    const statusOf: Record<string, TaskStatus> = { ' ': 'todo', '-': 'in-progress', '~': 'queued', x: 'done' };
    changed = result.edits.map((e) => ({ id: byMarker.get(e.offset) ?? '?', status: statusOf[e.newText] }));
    return result;
  });

  if (values.json) {
    printJson({ spec: spec.name, task: id, status, changed });
    return 0;
  }
  if (changed.length === 0) console.log(`${spec.name} ${id} is already ${status}.`);
  else console.log(changed.map((c) => `${spec.name} ${c.id}: ${c.status}`).join('\n'));
  return 0;
}
