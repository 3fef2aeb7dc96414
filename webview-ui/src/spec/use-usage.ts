// The tokens a spec's runs used, asked for again when its progress changes (a run ended).
import { useEffect, useState } from 'react';
import type { SpecUsage } from '../../../src/protocol';
import type { HostClient } from '../host/client';

export function useSpecUsage(client: HostClient, specDir: string, revision: string): SpecUsage | null {
  const [usage, setUsage] = useState<SpecUsage | null>(null);
  useEffect(() => {
    let live = true;
    client.request('spec.usage', { specDir }).then(
      (u) => live && setUsage(u),
      // Usage is extra: a failure leaves the view as it was.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, specDir, revision]);
  return usage;
}

/** `12.3k` tokens: short enough for a task row. */
export function shortTokens(n: number): string {
  return n < 1000 ? String(n) : n < 1_000_000 ? `${(n / 1000).toFixed(1)}k` : `${(n / 1_000_000).toFixed(1)}M`;
}
