// What tells runs apart in the picker: the spec, when it started, how long it took, who started it,
// how it ended (or that it works, is paused, was reverted), and what it used.
import type { RunSummary } from '../../../src/protocol';
import { formatTokens } from './run-usage';

export function runStatus(run: RunSummary): string {
  const state =
    run.state === 'unknown' ? 'no end recorded' : run.state === 'running' && run.paused ? 'paused' : run.state;
  return run.reverted ? `${state}, reverted` : state;
}

export function runDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function runDescription(run: RunSummary): string {
  const when = run.started
    ? new Date(run.started).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
    : '';
  const took = run.ended && run.started && run.ended >= run.started ? runDuration(run.ended - run.started) : '';
  const tokens = run.usage && (run.usage.inputTokens || run.usage.outputTokens) ? `${formatTokens(run.usage)}` : '';
  return [run.spec, when, took, run.trigger && `by ${run.trigger}`, runStatus(run), tokens, run.runId]
    .filter(Boolean)
    .join(' · ');
}
