// The spec's workflow (phases, approvals, the authoring run at work), kept current from its
// `workflow:<dir>` stream: a hand edit shows as stale while it is typed, a draft as it starts.
import { useEffect, useState } from 'react';
import { streamName, type WorkflowView } from '../../../src/protocol';
import type { HostClient } from '../host/client';

export function useWorkflow(client: HostClient, specDir: string, onError: (message: string) => void) {
  const [view, setView] = useState<WorkflowView | null>(null);
  useEffect(() => {
    setView(null);
    return client.subscribe(streamName('workflow', specDir), {
      snapshot: (snapshot) => setView(snapshot),
      delta: ({ gone, ...changed }) =>
        setView((current) => (gone ? null : current ? { ...current, ...changed } : (changed as WorkflowView))),
      error: onError,
    });
  }, [client, specDir, onError]);
  return view;
}
