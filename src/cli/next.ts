// `tiller next`: the task the runner would take next (the rule lives in the spec engine).
import { loadSpecIndex, requireSpec, workspacePath } from '../core/workspace';
import { nextTask } from '../core/specs';
import { recoverRuns } from '../core/agent/recover';
import { parse, printJson } from './args';
import { reportInterrupted } from './runs';

const USAGE = `usage: tiller next [--spec NAME|FOLDER] [--include-optional] [--workspace DIR] [--json]

  --json  {spec, specDir, id, title, status, requirements, line} or null when no task is left`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<{ spec?: string; 'include-optional': boolean }>(
    argv,
    { spec: { type: 'string' }, 'include-optional': { type: 'boolean', default: false } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // A run that died at [-] would hide its task from next: close it first.
  reportInterrupted(await recoverRuns({ workspaceRoot: values.workspace }));
  const index = await loadSpecIndex(values.workspace);
  const only = values.spec === undefined ? undefined : requireSpec(index, values.spec);
  const includeOptional = values['include-optional'];
  const next = only ? nextTask([only], { includeOptional }) : index.nextTask({ includeOptional });
  const row = next && {
    spec: next.spec.name,
    specDir: workspacePath(values.workspace, next.spec.dir),
    id: next.task.id,
    title: next.task.title,
    status: next.task.status,
    requirements: next.task.requirements,
    line: next.task.span.line,
  };
  if (values.json) {
    printJson(row);
    return 0;
  }
  if (!next || !row) {
    console.log(values.spec ? `No task left in '${values.spec}'.` : 'No task left.');
    return 0;
  }
  const where = next.spec.documents.tasks
    ? `  ${workspacePath(values.workspace, next.spec.documents.tasks)}:${row.line}`
    : '';
  console.log(`${row.spec} ${row.id} ${row.title}${where}`);
  return 0;
}
