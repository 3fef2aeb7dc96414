// A run at a glance, for lists (the follow log's run picker, `tiller runs`): how it started, how it
// ended, what it used, whether it is paused or was reverted since. Read from the trace's first line
// and its tail when the run has ended, so listing 200 runs does not read 200 whole traces.
import { open } from 'node:fs/promises';
import type { TokenUsage, TraceEvent } from './events';
import { parseTrace, readTrace } from './reader';
import { usageOf } from './usage';

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export interface RunOutline {
  runId: string;
  start: Of<'run-start'>;
  end: Of<'run-end'> | null;
  /** The latest revert of the run's changes. */
  revert: Of<'revert'> | null;
  /** The latest pause event held the run and it has not ended. */
  paused: boolean;
  usage: TokenUsage;
}

/** The end of a finished trace (run-end and any revert after it) fits in this much. */
const TAIL_BYTES = 16 * 1024;
const HEAD_BYTES = 16 * 1024;

export async function readRunOutline(path: string): Promise<RunOutline | null> {
  const file = await open(path, 'r').catch(() => null);
  if (!file) return null;
  let events: TraceEvent[] = [];
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead).toString('utf8');
    };
    const head = await read(0, Math.min(size, HEAD_BYTES));
    const firstLine = head.indexOf('\n');
    const tailFrom = Math.max(0, size - TAIL_BYTES);
    const tail = await read(tailFrom, Math.min(size, TAIL_BYTES));
    // The tail's first line is cut unless the tail starts the file.
    const tailLines = tailFrom > 0 ? tail.slice(tail.indexOf('\n') + 1) : tail;
    const ending = parseTrace(tailLines).events;
    if (firstLine >= 0 && ending.some((e) => e.type === 'run-end'))
      events = [...parseTrace(head.slice(0, firstLine)).events, ...ending];
  } finally {
    await file.close();
  }
  // A run still going (or interrupted) has no run-end: its turns and pauses are read in full.
  if (!events.length) events = (await readTrace(path)).events;
  const start = events.find((e): e is Of<'run-start'> => e.type === 'run-start');
  if (!start) return null;
  let end: Of<'run-end'> | null = null;
  let revert: Of<'revert'> | null = null;
  let paused = false;
  for (const e of events) {
    if (e.type === 'run-end') end = e;
    else if (e.type === 'revert') revert = e;
    else if (e.type === 'pause') paused = e.paused;
  }
  return { runId: start.runId, start, end, revert, paused: paused && !end, usage: usageOf(events) };
}
