// Shared measuring for `npm run bench`: every figure is the median of several runs, printed beside
// its target so a reader sees at a glance what holds on this machine.
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 'KB' | 'ratio' | '%' | 'count';
  /** Upper bound the issue sets, in the same unit; undefined where there is none. */
  target?: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Median wall time in ms of `runs` calls of fn, after `warmup` untimed calls. */
export async function timeMedian(fn: () => unknown, runs = 7, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function heapMB(): number {
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

export function rssMB(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}
