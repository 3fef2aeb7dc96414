// A revert is part of the run's record: it is appended to the finished trace, so the run list, the
// follow log and the export all say the run's changes were undone, by whom, and what was left.
import { appendFile, readFile } from 'node:fs/promises';
import { parseTrace } from './reader';

export async function recordRevert(
  path: string,
  runId: string,
  revert: { reverted: string[]; conflicts: string[]; by: string },
): Promise<void> {
  const text = await readFile(path, 'utf8');
  const last = parseTrace(text).events.at(-1);
  const line = JSON.stringify({
    seq: (last?.seq ?? 0) + 1,
    time: new Date().toISOString(),
    runId,
    type: 'revert',
    ...revert,
  });
  // A torn last line keeps its own line, so this one stays readable.
  await appendFile(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
}
