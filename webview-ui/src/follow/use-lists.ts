// The follow log's two short lists: the runs it can show (`runs:`) and what waits for a person
// (`pending:`). Both are small, so plain state.
import { useEffect, useState } from 'react';
import { streamName, type PendingSnapshot, type RunSummary } from '../../../src/protocol';
import type { HostClient } from '../host/client';

export function useRunList(client: HostClient, ready: boolean): RunSummary[] | null {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  useEffect(() => {
    if (!ready) return;
    return client.subscribe(streamName('runs', 'workspace'), {
      snapshot: (list) => setRuns(list),
      delta: ({ upsert }) =>
        setRuns((current) => {
          const byId = new Map((current ?? []).map((r) => [r.runId, r]));
          upsert.forEach((r) => byId.set(r.runId, r));
          return [...byId.values()].sort((a, b) => a.started - b.started || a.runId.localeCompare(b.runId));
        }),
    });
  }, [client, ready]);
  return runs;
}

const NOTHING: PendingSnapshot = { approvals: [], reviews: [] };

export function usePending(client: HostClient, ready: boolean): PendingSnapshot {
  const [pending, setPending] = useState<PendingSnapshot>(NOTHING);
  useEffect(() => {
    if (!ready) return;
    return client.subscribe(streamName('pending', 'all'), {
      snapshot: (snapshot) => setPending(snapshot),
      delta: ({ added, removed }) =>
        setPending((current) => {
          const gone = new Set(removed ?? []);
          return {
            approvals: [...current.approvals.filter((a) => !gone.has(a.id)), ...(added?.approvals ?? [])],
            reviews: [...current.reviews.filter((r) => !gone.has(r.id)), ...(added?.reviews ?? [])],
          };
        }),
    });
  }, [client, ready]);
  return pending;
}
