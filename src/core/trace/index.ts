// Public surface of run traces: the event schema (docs/trace.md), the writer the runner uses, the
// tolerant reader the follow log and `tiller export` use, and the Markdown export.
export type * from './events';
export { TraceWriter, newRunId, runsDir, traceFile, RUNS_DIR, TILLER_DIR } from './writer';
export { parseTrace, readTrace, readRun, listRuns, pruneRuns, type LoadedTrace } from './reader';
export { exportMarkdown } from './export';
export { readRunOutline, type RunOutline } from './outline';
export { recordAfterEnd, recordRevert } from './revert-record';
export { unifiedDiff } from './diff';
export {
  usageOf,
  addUsage,
  costOf,
  readRunUsage,
  workspaceUsage,
  totalsBy,
  formatTokens,
  NO_USAGE,
  type UsageTotals,
  type Pricing,
  type RunUsage,
} from './usage';
