// A run's tokens as the follow log shows them: the run-end's total, else its model turns so far
// (the same rule as the engine's usageOf; the webview imports only the protocol).
import type { TokenUsage, TraceEvent } from '../../../src/protocol';

export function usageFromEvents(events: readonly TraceEvent[]): TokenUsage {
  const usage = { inputTokens: 0, outputTokens: 0 };
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type === 'run-end' && e.usage) return e.usage;
    if (e.type === 'model-turn') {
      usage.inputTokens += e.inputTokens;
      usage.outputTokens += e.outputTokens;
    }
  }
  return usage;
}

export function formatTokens(usage: TokenUsage): string {
  return `${usage.inputTokens.toLocaleString('en-US')} in · ${usage.outputTokens.toLocaleString('en-US')} out`;
}
