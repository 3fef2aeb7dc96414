// `tiller steering generate`: product.md, tech.md and structure.md drafted from the codebase by
// read-only agent runs. Without --overwrite an existing file is left alone and reported.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { draftSteering } from '../core/agent/steering-draft';
import { writeFileAtomically } from '../core/specs';
import { workspacePath } from '../core/workspace';
import { parse } from './args';
import {
  authoringRunOptions,
  MODEL_OPTIONS,
  MODEL_USAGE,
  modelFromFlags,
  withCancel,
  type ModelValues,
} from './model-flags';

const USAGE = `usage: tiller steering generate [--overwrite] MODEL [--workspace DIR]

${MODEL_USAGE}

Drafts .kiro/steering/product.md, tech.md and structure.md from the workspace with read-only
tools (the model reads, lists and searches; it writes nothing itself). An existing file is left
alone and reported as "kept" unless --overwrite. The last stdout line is
  {"files": [{"file", "status": "written"|"kept"|"failed", "reason"}]}
Exit code: 0 when no draft failed, 1 otherwise, 2 usage error.`;

interface Values extends ModelValues {
  overwrite: boolean;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<Values>(argv, { ...MODEL_OPTIONS, overwrite: { type: 'boolean', default: false } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.workspace;
  const choice = modelFromFlags(values, USAGE);
  const drafts = await withCancel('tiller steering generate', (signal) =>
    draftSteering({
      workspaceRoot: root,
      ...authoringRunOptions(choice, signal, null),
    }),
  );
  const files = [];
  for (const d of drafts) {
    const file = workspacePath(root, d.path);
    if (d.text === null) files.push({ file, status: 'failed', reason: d.reason });
    else if (d.existing !== null && !values.overwrite)
      files.push({ file, status: 'kept', reason: 'the file exists; pass --overwrite to replace it' });
    else {
      await mkdir(dirname(d.path), { recursive: true });
      await writeFileAtomically(d.path, d.text);
      files.push({ file, status: 'written', reason: d.existing === null ? 'created' : 'overwritten' });
    }
  }
  for (const f of files) process.stderr.write(`${f.status}: ${f.file} (${f.reason})\n`);
  process.stdout.write(`${JSON.stringify({ files })}\n`);
  return files.some((f) => f.status === 'failed') ? 1 : 0;
}
