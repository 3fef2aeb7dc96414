// A revert, or a worktree task's merge, is part of the run's record: it is appended to the finished
// trace, so the run list, the follow log and the export all say what became of the run's changes.
import { appendFile, readFile } from 'node:fs/promises';
import type { TraceEventBody } from './events';
import { parseTrace } from './reader';

export async function recordRevert(
  path: string,
  runId: string,
  revert: { reverted: string[]; conflicts: string[]; by: string },
): Promise<void> {
  await recordAfterEnd(path, runId, { type: 'revert', ...revert });
}

/** Appends what happened to a finished run afterwards (a revert, a worktree's merge) to its trace. */
export async function recordAfterEnd(
  path: string,
  runId: string,
  body: Extract<TraceEventBody, { type: 'revert' | 'merge' }>,
): Promise<void> {
  const text = await readFile(path, 'utf8');
  const last = parseTrace(text).events.at(-1);
  const line = JSON.stringify({ seq: (last?.seq ?? 0) + 1, time: new Date().toISOString(), runId, ...body });
  // A torn last line keeps its own line, so this one stays readable.
  await appendFile(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
}
