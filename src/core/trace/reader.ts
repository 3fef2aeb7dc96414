// Loads a trace file. A run that crashed or is still being written may end in a partial line;
// that line is dropped and reported, never fatal. Lines that are not events (hand edits, merge
// debris) and events without what their type promises (validate.ts) are skipped the same way, so
// one bad line never hides a run.
import { readdir, readFile, unlink } from 'node:fs/promises';
import type { TraceEvent } from './events';
import { validEvent } from './validate';
import { runsDir, traceFile } from './writer';

export interface LoadedTrace {
  events: TraceEvent[];
  /** 1-based line numbers that could not be read as events. */
  skippedLines: number[];
  /** The last line had no newline and did not parse: the writer was interrupted. */
  torn: boolean;
}

export function parseTrace(text: string): LoadedTrace {
  const lines = text.split('\n');
  const events: TraceEvent[] = [];
  const skippedLines: number[] = [];
  let torn = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const event = validEvent(JSON.parse(line) as unknown);
      if (event) {
        events.push(event);
        return;
      }
    } catch {
      if (i === lines.length - 1) torn = true;
    }
    skippedLines.push(i + 1);
  });
  return { events, skippedLines, torn };
}

export async function readTrace(path: string): Promise<LoadedTrace> {
  return parseTrace(await readFile(path, 'utf8'));
}

export async function readRun(workspaceRoot: string, runId: string): Promise<LoadedTrace> {
  return readTrace(traceFile(workspaceRoot, runId));
}

/** Run ids of the workspace, oldest first (ids sort by start time). */
export async function listRuns(workspaceRoot: string): Promise<string[]> {
  const names = await readdir(runsDir(workspaceRoot)).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.jsonl'))
    .map((n) => n.slice(0, -'.jsonl'.length))
    .sort();
}

/**
 * Keeps the newest `keep` runs' traces and deletes older ones, so `.kiro/tiller/runs` does not
 * grow without end. A trace without run-end may still be running (or await recovery) and stays.
 * Returns the run ids removed.
 */
export async function pruneRuns(workspaceRoot: string, keep: number): Promise<string[]> {
  const ids = await listRuns(workspaceRoot);
  const removed: string[] = [];
  for (const id of ids.slice(0, Math.max(0, ids.length - keep))) {
    const path = traceFile(workspaceRoot, id);
    const ended = (await readTrace(path).catch(() => null))?.events.some((e) => e.type === 'run-end');
    if (!ended) continue;
    await unlink(path).catch(() => undefined);
    removed.push(id);
  }
  return removed;
}
