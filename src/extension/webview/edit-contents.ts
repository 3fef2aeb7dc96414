// The two sides of one edit of a run, rebuilt from the trace: the file as it is now, with the
// run's later edits of the same file and then this edit taken back, gives the text before and
// after this edit. No vscode import: it is plain text work, testable on its own.
import { applyPatch, parsePatch, reversePatch } from 'diff';
import type { TraceEvent } from '../../core/trace';

type EditEvent = Extract<TraceEvent, { type: 'edit' }>;

export interface EditSides {
  before: string;
  /** null: the after side is the file itself (this edit is the file's latest in the run and it still applies). */
  after: string | null;
  /** The file changed since the run: only the edited regions could be rebuilt. */
  partial: boolean;
}

export function editSides(events: TraceEvent[], seq: number, current: string | null): EditSides {
  const edit = events.find((e): e is EditEvent => e.type === 'edit' && e.seq === seq);
  if (!edit) throw new Error(`This run has no edit #${seq}.`);
  if (!edit.diff) return { before: current ?? '', after: null, partial: false };
  const later = events.filter(
    (e): e is EditEvent => e.type === 'edit' && e.seq > seq && e.path === edit.path && e.applied && !!e.diff,
  );
  let text: string | false = current ?? '';
  for (const next of later.reverse()) text = text === false ? false : unapply(text, next.diff);
  const after = text;
  const before = after === false ? false : unapply(after, edit.diff);
  if (after === false || before === false) return { ...hunkSides(edit.diff), partial: true };
  return { before: edit.created ? '' : before, after: later.length ? after : null, partial: false };
}

function unapply(text: string, diff: string): string | false {
  const [patch] = parsePatch(diff);
  return patch ? applyPatch(text, reversePatch(patch)) : false;
}

/** Both sides of each hunk, separated by a marker line: what can be shown when the file moved on. */
function hunkSides(diff: string): { before: string; after: string } {
  const before: string[] = [];
  const after: string[] = [];
  for (const hunk of parsePatch(diff)[0]?.hunks ?? []) {
    const gap = `⋯ (lines ${hunk.oldStart}–${hunk.oldStart + hunk.oldLines - 1} before, ${hunk.newStart}–${hunk.newStart + hunk.newLines - 1} after)`;
    before.push(gap);
    after.push(gap);
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      if (line[0] !== '+') before.push(line.slice(1));
      if (line[0] !== '-') after.push(line.slice(1));
    }
  }
  return { before: before.join('\n') + '\n', after: after.join('\n') + '\n' };
}
