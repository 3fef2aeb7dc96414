// What runs cost, from their traces: tokens in and out per run (the run-end's total, else the sum
// of the model turns so far, for a live or interrupted run), added up per task and per spec, and
// in money only when the person gives prices per model (no built-in price list that goes stale).
import { open } from 'node:fs/promises';
import type { TokenUsage, TraceEvent } from './events';
import { listRuns, parseTrace, readTrace } from './reader';
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

/** A run-end line is short; reading the file's end finds it without reading the whole trace. */
const TAIL_BYTES = 8 * 1024;

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

/** One trace file's usage: from its last line when that is the run-end, else from the whole file. */
export async function readRunUsage(path: string): Promise<RunUsage | null> {
  const file = await open(path, 'r').catch(() => null);
  if (!file) return null;
  let head: TraceEvent | undefined;
  let end: TraceEvent | undefined;
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead).toString('utf8');
    };
    head = parseTrace((await read(0, Math.min(size, TAIL_BYTES))).split('\n')[0]).events[0];
    const tail = (await read(Math.max(0, size - TAIL_BYTES), Math.min(size, TAIL_BYTES))).trimEnd().split('\n');
    end = parseTrace(tail[tail.length - 1] ?? '').events[0];
  } finally {
    await file.close();
  }
  const events = end?.type === 'run-end' && head ? [head, end] : (await readTrace(path)).events;
  const start = events.find((e) => e.type === 'run-start');
  if (!start || start.type !== 'run-start') return null;
  return {
    runId: start.runId,
    specDir: start.task.specDir ?? '',
    taskId: start.task.id,
    model: start.model,
    usage: usageOf(events),
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
