// The tokens a spec's runs used, asked for again when its progress changes (a run ended).
import { useEffect, useState } from 'react';
import type { SpecUsage, UsageTotals } from '../../../src/protocol';
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

/** What a task or spec used, for a tooltip: runs, tokens, and the money when prices are set. */
export function usageTitle(usage: UsageTotals): string {
  const runs = `${usage.runs} run${usage.runs === 1 ? '' : 's'}`;
  const tokens = `${usage.inputTokens.toLocaleString('en-US')} tokens in, ${usage.outputTokens.toLocaleString('en-US')} out`;
  return `${runs}: ${tokens}${usage.cost === undefined ? '' : `, cost ${usage.cost.toFixed(4)} at your prices`}`;
}
