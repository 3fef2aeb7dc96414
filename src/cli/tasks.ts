// `tiller tasks --spec NAME|FOLDER`: the tasks of one spec, flat, in document order.
import { flattenTasks } from '../core/specs';
import { loadSpecIndex, requireSpec } from '../core/workspace';
import { parse, printJson, required } from './args';

const USAGE = `usage: tiller tasks --spec NAME|FOLDER [--workspace DIR] [--json]

  --json  [{id, title, status, optional, requirements, line, parent}] in document order
          (line 1-based in tasks.md, parent the parent task's id or null)`;

const MARK = { todo: '[ ]', 'in-progress': '[-]', queued: '[~]', done: '[x]' } as const;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<{ spec?: string }>(argv, { spec: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const name = required(values.spec, 'spec', USAGE);
  const spec = requireSpec(await loadSpecIndex(values.workspace), name);
  const tasks = flattenTasks(spec.tasks);
  if (values.json) {
    printJson(
      tasks.map((t) => ({
        id: t.id,
        title: t.title,
        status: t.status,
        optional: t.optional,
        requirements: t.requirements,
        line: t.span.line,
        parent: t.parent,
      })),
    );
    return 0;
  }
  if (tasks.length === 0) console.log(`Spec '${spec.name}' has no tasks.`);
  const depth = new Map<string, number>();
  for (const t of tasks) {
    depth.set(t.id, t.parent === null ? 0 : (depth.get(t.parent) ?? 0) + 1);
    const refs = t.requirements.length ? `  (requirements ${t.requirements.join(', ')})` : '';
    console.log(
      `${'  '.repeat(depth.get(t.id) ?? 0)}${MARK[t.status]}${t.optional ? '*' : ''} ${t.id} ${t.title}${refs}`,
    );
  }
  return 0;
}
