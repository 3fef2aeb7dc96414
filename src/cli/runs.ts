// `tiller runs`: the workspace's runs, newest first, from their traces. Runs whose process is gone
// are closed as interrupted first (recover.ts), so a crashed run never shows as running.
import { recoverRuns, type InterruptedRun } from '../core/agent/recover';
import {
  costOf,
  formatTokens,
  listRuns,
  readRunOutline,
  traceFile,
  type RunStatus,
  type TokenUsage,
} from '../core/trace';
import { parse, printJson } from './args';
import { PRICING_HELP, pricingOption } from './pricing';

const USAGE = `usage: tiller runs [--workspace DIR] [--json] [--pricing FILE|JSON]

  --json  [{runId, spec, specDir, task, status: "running"|"completed"|"failed"|"cancelled"|"interrupted",
            startedAt, endedAt, trigger, usage: {inputTokens, outputTokens}, reverted, paused, cost?}],
          newest first (cost only with --pricing and a price for the run's model)
  ${PRICING_HELP}`;

export interface RunRow {
  runId: string;
  spec: string;
  specDir: string;
  task: string;
  status: RunStatus | 'running';
  startedAt: string | null;
  endedAt: string | null;
  trigger: string | null;
  usage: TokenUsage;
  reverted: boolean;
  paused: boolean;
  cost?: number;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<{ pricing?: string }>(argv, { pricing: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const pricing = pricingOption(values.pricing, USAGE);
  reportInterrupted(await recoverRuns({ workspaceRoot: values.workspace }));
  const rows: RunRow[] = [];
  for (const runId of (await listRuns(values.workspace)).reverse()) {
    const outline = await readRunOutline(traceFile(values.workspace, runId)).catch(() => null);
    const start = outline?.start;
    const end = outline?.end;
    const usage = outline?.usage ?? { inputTokens: 0, outputTokens: 0 };
    const cost = start && costOf(usage, start.model, pricing);
    rows.push({
      runId,
      spec: start?.task.spec ?? '',
      specDir: start?.task.specDir ?? '',
      task: start?.task.id ?? '',
      status: end?.status ?? 'running',
      startedAt: start?.time ?? null,
      endedAt: end?.time ?? null,
      trigger: start?.trigger ?? null,
      usage,
      reverted: outline?.revert != null,
      paused: outline?.paused ?? false,
      ...(cost === undefined ? {} : { cost }),
    });
  }
  if (values.json) {
    printJson(rows);
    return 0;
  }
  if (!rows.length) console.log('No runs yet.');
  for (const r of rows) {
    const what = r.task ? `${r.specDir || r.spec} ${r.task}` : '(prompt)';
    const status = r.reverted ? `${r.status}, reverted` : r.paused ? 'paused' : r.status;
    const cost = r.cost === undefined ? '' : `, cost ${r.cost.toFixed(4)}`;
    console.log(`${r.runId}  ${status.padEnd(11)}  ${what}  (${formatTokens(r.usage)} tokens${cost})`);
  }
  return 0;
}

/** Told once: the run's trace is closed, so the next look finds nothing to report. */
export function reportInterrupted(runs: InterruptedRun[]): void {
  for (const r of runs) {
    const what = r.task ? `task ${r.task} of ${r.specDir || r.spec}` : r.title;
    const marker = r.restored ? `; its task is back to ${r.restored.to}` : '';
    process.stderr.write(`tiller: run ${r.runId} (${what}) was interrupted: its process is gone${marker}\n`);
  }
}
