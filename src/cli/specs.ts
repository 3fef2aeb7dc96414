// `tiller specs`: every spec of the workspace with its documents and task progress.
import { formatTokens, NO_USAGE, totalsBy, workspaceUsage } from '../core/trace';
import { loadSpecIndex, workspacePath } from '../core/workspace';
import { parse, printJson } from './args';

const USAGE = `usage: tiller specs [--workspace DIR] [--json]

  --json  [{name, folder, type, documents: {requirements, design, tasks}, tasks: {total, done, inProgress, queued, optional},
           usage: {inputTokens, outputTokens, runs}}]
          (folder workspace-relative; counts include parent and optional tasks, counted on the
          same parse as \`tiller tasks\`; usage adds up the spec's runs in .kiro/tiller/runs)`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<object>(argv, {}, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const index = await loadSpecIndex(values.workspace);
  const usage = totalsBy(await workspaceUsage(values.workspace), (run) => run.specDir || null);
  const specs = index.specs();
  const rows = specs.map((spec) => ({
    name: spec.name,
    folder: workspacePath(values.workspace, spec.dir),
    type: spec.type,
    documents: {
      requirements: spec.documents.requirements !== undefined,
      design: spec.documents.design !== undefined,
      tasks: spec.documents.tasks !== undefined,
    },
    tasks: index.counts(spec),
    usage: usage.get(workspacePath(values.workspace, spec.dir)) ?? NO_USAGE,
  }));
  if (values.json) {
    printJson(rows);
    return 0;
  }
  if (rows.length === 0) console.log('No specs in .kiro/specs.');
  // Sub-projects (`api/.kiro`, `web/.kiro`) may hold specs of the same name: show whose is whose.
  const named = new Map<string, number>();
  for (const row of rows) named.set(row.name, (named.get(row.name) ?? 0) + 1);
  for (const row of rows) {
    const docs =
      (['requirements', 'design', 'tasks'] as const).filter((d) => row.documents[d]).join(', ') || 'no documents';
    const { total, done, inProgress, queued } = row.tasks;
    const busy = [inProgress && `${inProgress} in progress`, queued && `${queued} queued`].filter(Boolean).join(', ');
    const name = (named.get(row.name) ?? 0) > 1 ? `${row.name} [${row.folder}]` : row.name;
    const spent = row.usage.runs
      ? `; ${row.usage.runs} run${row.usage.runs === 1 ? '' : 's'}, ${formatTokens(row.usage)} tokens`
      : '';
    console.log(`${name} (${row.type}): ${done}/${total} tasks done${busy ? `, ${busy}` : ''}; ${docs}${spent}`);
  }
  return 0;
}
