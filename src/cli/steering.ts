// `tiller steering`: which steering documents a context would get, and why each is in or out.
import { loadSteering, selectSteering, type SteeringSelection } from '../core/steering';
import { inWorkspace, workspacePath } from '../core/workspace';
import { parse, printJson } from './args';

const USAGE = `usage: tiller steering [--for PATH]... [--ref NAME]... [--auto NAME]... [--workspace DIR] [--json]
       tiller steering generate [--overwrite] MODEL   (tiller steering generate --help)

  --for PATH    a file in play (workspace-relative or absolute); repeat for several
  --ref NAME    a steering document referenced by hand, as #NAME in chat; repeatable
  --auto NAME   an auto document picked for this context; repeatable
  --json        [{file, scope, inclusion, pattern, included, reason}], file workspace-relative`;

interface Options {
  for?: string[];
  ref?: string[];
  auto?: string[];
}

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'generate') return (await import('./steering-generate')).run(argv.slice(1));
  const { values } = parse<Options>(
    argv,
    {
      for: { type: 'string', multiple: true },
      ref: { type: 'string', multiple: true },
      auto: { type: 'string', multiple: true },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.workspace;
  const { docs } = await loadSteering({ workspaceRoot: root });
  const selection = selectSteering(docs, {
    files: (values.for ?? []).map((f) => inWorkspace(root, f)),
    manual: values.ref ?? [],
    auto: values.auto ?? [],
  });
  const rows = selection.map((s: SteeringSelection) => ({
    file: workspacePath(root, s.doc.file),
    scope: s.doc.scope,
    inclusion: s.doc.inclusion,
    pattern: s.doc.inclusion === 'fileMatch' ? s.doc.patterns : null,
    included: s.included,
    reason: s.reason,
  }));
  if (values.json) {
    printJson(rows);
    return 0;
  }
  if (rows.length === 0) console.log('No steering documents.');
  for (const row of rows) console.log(`${row.included ? '+' : '-'} ${row.file}  (${row.inclusion})  ${row.reason}`);
  return 0;
}
