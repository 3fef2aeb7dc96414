// What runs cost, from their traces: tokens in and out per run (the run-end's total, else the sum
// of the model turns so far, for a live or interrupted run), added up per task and per spec, and
// in money only when the person gives prices per model (no built-in price list that goes stale).
import type { TokenUsage, TraceEvent } from './events';
import { readRunOutline } from './outline';
import { listRuns } from './reader';
import { traceFile } from './writer';

export interface UsageTotals extends TokenUsage {
  runs: number;
}

/** Per model id: prices per million tokens, in the person's own currency. */
export type Pricing = Record<string, { input: number; output: number }>;

/** One run's share: which spec folder (workspace-relative, `/`) and task, which model, what it used. */
export interface RunUsage {
  runId: string;
  specDir: string;
  taskId: string;
  model: string;
  usage: TokenUsage;
}

export const NO_USAGE: UsageTotals = Object.freeze({ inputTokens: 0, outputTokens: 0, runs: 0 });

/** A run's tokens from its events: the run-end's total, else its model turns added up. */
export function usageOf(events: readonly TraceEvent[]): TokenUsage {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type === 'run-end') return { ...e.usage };
  }
  const usage = { inputTokens: 0, outputTokens: 0 };
  for (const e of events) {
    if (e.type !== 'model-turn') continue;
    usage.inputTokens += e.inputTokens;
    usage.outputTokens += e.outputTokens;
  }
  return usage;
}

export function addUsage(total: UsageTotals, usage: TokenUsage): UsageTotals {
  return {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    runs: total.runs + 1,
  };
}

/** The money a usage cost at the model's prices; undefined when no price is given for the model. */
export function costOf(usage: TokenUsage, model: string, pricing: Pricing | undefined): number | undefined {
  const price = pricing?.[model];
  if (!price || !Number.isFinite(price.input) || !Number.isFinite(price.output)) return undefined;
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}

/** One trace file's usage (its outline: the first line and the run-end when there is one). */
export async function readRunUsage(path: string): Promise<RunUsage | null> {
  const outline = await readRunOutline(path);
  if (!outline) return null;
  const { start } = outline;
  return {
    runId: start.runId,
    specDir: start.task.specDir ?? '',
    taskId: start.task.id,
    model: start.model,
    usage: outline.usage,
  };
}

/** Every run of a workspace folder with its usage, oldest first; unreadable traces are left out. */
export async function workspaceUsage(root: string): Promise<RunUsage[]> {
  const runs = await Promise.all((await listRuns(root)).map((id) => readRunUsage(traceFile(root, id))));
  return runs.filter((r): r is RunUsage => r !== null);
}

/** Totals per key (a spec folder, `specDir#taskId`…); runs whose key is null are left out. */
export function totalsBy(runs: readonly RunUsage[], key: (run: RunUsage) => string | null): Map<string, UsageTotals> {
  const totals = new Map<string, UsageTotals>();
  for (const run of runs) {
    const k = key(run);
    if (k !== null) totals.set(k, addUsage(totals.get(k) ?? NO_USAGE, run.usage));
  }
  return totals;
}

/** `12,345 in · 678 out`, the way every surface shows tokens. */
export function formatTokens(usage: TokenUsage): string {
  return `${usage.inputTokens.toLocaleString('en-US')} in · ${usage.outputTokens.toLocaleString('en-US')} out`;
}
