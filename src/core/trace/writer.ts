// Appends a run's events to `.kiro/tiller/runs/<runId>.jsonl`, one JSON object per line. Writes
// are chained in emission order through one file handle, so `seq` order is file order; each line
// is written whole with a single write call, so a crash tears at most the last line (the reader
// tolerates that).
import { randomBytes } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { TraceEvent, TraceEventBody } from './events';

/** Where Tiller keeps its own records inside a workspace; agent tools may not write here. */
export const TILLER_DIR = '.kiro/tiller';
export const RUNS_DIR = `${TILLER_DIR}/runs`;

export function runsDir(workspaceRoot: string): string {
  return join(workspaceRoot, ...RUNS_DIR.split('/'));
}

export function traceFile(workspaceRoot: string, runId: string): string {
  return join(runsDir(workspaceRoot), `${runId}.jsonl`);
}

/** Sortable by start time, unique enough for one workspace: `20250102-030405-1a2b3c`. */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export class TraceWriter {
  private seq = 0;
  private handle: Promise<FileHandle>;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    readonly path: string,
    readonly runId: string,
    private readonly sink?: (event: TraceEvent) => void,
  ) {
    this.handle = mkdir(join(path, '..'), { recursive: true }).then(() => open(path, 'a'));
    // A failed open surfaces on flush/close, not as an unhandled rejection.
    this.handle.catch(() => undefined);
  }

  /** Stamps, queues for disk and hands to the live sink; returns the stamped event. */
  emit(body: TraceEventBody): TraceEvent {
    const event = { seq: ++this.seq, time: new Date().toISOString(), runId: this.runId, ...body } as TraceEvent;
    const line = `${JSON.stringify(event)}\n`;
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        await (await this.handle).write(line);
      } catch (err) {
        this.failure = err;
      }
    });
    this.sink?.(event);
    return event;
  }

  /** Resolves when every emitted event is on disk; rejects with the first write error. */
  async flush(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.then((h) => h.close()).catch(() => undefined);
    }
  }
}
