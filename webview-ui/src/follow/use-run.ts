// The run a follow log shows, from its `run:<id>` stream. A gap in the deltas or a re-created page
// resubscribes (host client) and the snapshot replaces whatever was held.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { streamName } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import { RunStore, type RunView } from './run-store';

export function useRun(
  client: HostClient,
  runId: string | null,
): { run: RunView | null | undefined; error: string | null; store: RunStore } {
  const store = useMemo(() => new RunStore(), []);
  const errors = useMemo(() => new ErrorBox(), []);
  useEffect(() => {
    store.reset(undefined);
    errors.set(null);
    if (!runId) return;
    let live = true;
    const unsubscribe = client.subscribe(streamName('run', runId), {
      snapshot: (snapshot) => {
        store.reset(snapshot);
        // The tail is on screen first; the rest of a long run follows.
        const first = snapshot?.events[0]?.seq;
        if (!snapshot?.earlier || first === undefined) return;
        client.request('run.earlier', { runId, before: first }).then(
          ({ events }) => live && store.prepend(runId, events),
          (err: Error) => live && errors.set(err.message),
        );
      },
      delta: (delta) => store.push(delta),
      error: (message) => errors.set(message),
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client, runId, store, errors]);
  useEffect(() => () => store.dispose(), [store]);
  const run = useSyncExternalStore(store.subscribe, store.get);
  const error = useSyncExternalStore(errors.subscribe, errors.get);
  return { run: runId ? run : null, error, store };
}

class ErrorBox {
  private value: string | null = null;
  private readonly listeners = new Set<() => void>();
  get = () => this.value;
  set(value: string | null): void {
    this.value = value;
    this.listeners.forEach((l) => l());
  }
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
