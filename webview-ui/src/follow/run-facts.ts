// The run at a glance, for the follow log's header: files changed with lines added and removed,
// decisions, commands (run, approved by a person, refused, interrupted while they waited) and how
// long it took.
import type { TraceEvent } from '../../../src/protocol';
import { diffCounts } from './cards/diff-lines';

export interface RunFacts {
  files: number;
  added: number;
  removed: number;
  decisions: number;
  commands: number;
  approved: number;
  rejected: number;
  /** Not run because the run stopped while they waited for a person: nobody refused them. */
  interrupted: number;
  /** null while the run has not ended. */
  durationMs: number | null;
  /** The latest pause event held the run, and it has not ended. */
  paused: boolean;
  /** The run's changes were reverted after it ended. */
  reverted: boolean;
}

export function runFacts(events: readonly TraceEvent[]): RunFacts {
  const files = new Set<string>();
  const facts: RunFacts = {
    files: 0,
    added: 0,
    removed: 0,
    decisions: 0,
    commands: 0,
    approved: 0,
    rejected: 0,
    interrupted: 0,
    durationMs: null,
    paused: false,
    reverted: false,
  };
  for (const e of events) {
    if (e.type === 'edit' && e.applied) {
      files.add(e.path);
      // The header sums every event outside any card's error boundary: a malformed edit counts no lines.
      const counts = typeof e.diff === 'string' ? diffCounts(e.diff) : { added: 0, removed: 0 };
      facts.added += counts.added;
      facts.removed += counts.removed;
    } else if (e.type === 'decision') facts.decisions++;
    else if (e.type === 'command') {
      if (e.ran) facts.commands++;
      if (e.ran && e.decidedBy === 'person') facts.approved++;
      if (!e.ran && e.decidedBy === 'interrupted') facts.interrupted++;
      else if (!e.ran) facts.rejected++;
    } else if (e.type === 'run-end') {
      if (Array.isArray(e.filesChanged)) e.filesChanged.forEach((f) => files.add(f));
      facts.durationMs = e.durationMs;
      facts.paused = false;
    } else if (e.type === 'pause') facts.paused = e.paused && facts.durationMs === null;
    else if (e.type === 'revert') facts.reverted = true;
  }
  facts.files = files.size;
  return facts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeFacts(f: RunFacts): string {
  const parts = [`${plural(f.files, 'file')} +${f.added} −${f.removed}`, plural(f.decisions, 'decision')];
  const commands = [
    f.approved && `${f.approved} approved`,
    f.rejected && `${f.rejected} refused`,
    f.interrupted && `${f.interrupted} interrupted`,
  ].filter(Boolean);
  parts.push(`${plural(f.commands, 'command')} run${commands.length ? ` (${commands.join(', ')})` : ''}`);
  if (f.durationMs !== null) parts.push(`${(f.durationMs / 1000).toFixed(1)} s`);
  return parts.join(' · ');
}
