// The spec a view shows, kept current from its `spec:<dir>` stream.
import { useEffect, useState } from 'react';
import { streamName, type SpecSnapshot } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import { applySpecDelta } from './apply-delta';

export type SpecState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; spec: SpecSnapshot };

export function useSpec(client: HostClient, specDir: string | null): SpecState {
  const [spec, setSpec] = useState<SpecSnapshot | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setSpec(undefined);
    setError(null);
    if (!specDir) return;
    return client.subscribe(streamName('spec', specDir), {
      snapshot: (snapshot) => setSpec(snapshot),
      delta: (delta) => setSpec((current) => applySpecDelta(current ?? null, delta)),
      error: (message) => setError(message),
    });
  }, [client, specDir]);
  if (error) return { status: 'error', message: error };
  if (!specDir || spec === null) return { status: 'missing' };
  if (spec === undefined) return { status: 'loading' };
  return { status: 'ready', spec };
}
