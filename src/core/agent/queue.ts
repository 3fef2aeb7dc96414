// One run at a time per workspace: two agents editing the same files, or racing on tasks.md,
// would undo each other's work. Runs wait in arrival order. The queue is per process (the
// extension host, or one CLI invocation); two processes on one workspace are not coordinated.
import { resolve } from 'node:path';

const tails = new Map<string, Promise<void>>();

export interface Slot {
  /** True when another run held the workspace at the time of asking. */
  waiting: boolean;
  /** Resolves when this run may start; rejects when the signal aborts first. */
  ready: Promise<void>;
  release: () => void;
}

export function takeSlot(workspaceRoot: string, signal?: AbortSignal): Slot {
  const key = resolve(workspaceRoot);
  const previous = tails.get(key);
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  // Whoever comes next waits for the run before this one too, even if this one is abandoned.
  const tail = (previous ?? Promise.resolve()).then(() => released);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  const ready = new Promise<void>((ok, fail) => {
    const onAbort = () => fail(signal?.reason ?? new Error('cancelled'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    void (previous ?? Promise.resolve()).then(() => {
      signal?.removeEventListener('abort', onAbort);
      ok();
    });
  });
  return { waiting: previous !== undefined, ready, release };
}

const fileLocks = new Map<string, Promise<unknown>>();

/**
 * Runs fn after every earlier fn for the same file has finished. Status edits are read, compute,
 * write; a queued run marking `[~]` while the running one marks `[-]` would otherwise lose one.
 */
export function exclusive<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = resolve(file);
  const result = (fileLocks.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = result.catch(() => undefined);
  fileLocks.set(key, tail);
  void tail.then(() => {
    if (fileLocks.get(key) === tail) fileLocks.delete(key);
  });
  return result;
}
