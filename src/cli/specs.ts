// `tiller specs`: every spec of the workspace with its documents and task progress.
import { loadSpecIndex } from '../core/workspace';
import { parse, printJson } from './args';

const USAGE = `usage: tiller specs [--workspace DIR] [--json]

  --json  [{name, type, documents: {requirements, design, tasks}, tasks: {total, done, inProgress, queued, optional}}]
          (counts include parent and optional tasks)`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<object>(argv, {}, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const index = await loadSpecIndex(values.workspace);
  const rows = index.specs().map((spec) => ({
    name: spec.name,
    type: spec.type,
    documents: {
      requirements: spec.documents.requirements !== undefined,
      design: spec.documents.design !== undefined,
      tasks: spec.documents.tasks !== undefined,
    },
    tasks: index.counts(spec),
  }));
  if (values.json) {
    printJson(rows);
    return 0;
  }
  if (rows.length === 0) console.log('No specs in .kiro/specs.');
  for (const row of rows) {
    const docs =
      (['requirements', 'design', 'tasks'] as const).filter((d) => row.documents[d]).join(', ') || 'no documents';
    const { total, done, inProgress, queued } = row.tasks;
    const busy = [inProgress && `${inProgress} in progress`, queued && `${queued} queued`].filter(Boolean).join(', ');
    console.log(`${row.name} (${row.type}): ${done}/${total} tasks done${busy ? `, ${busy}` : ''}; ${docs}`);
  }
  return 0;
}
