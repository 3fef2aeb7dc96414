// `tiller runs`: the workspace's runs, newest first, from their traces. Runs whose process is gone
// are closed as interrupted first (recover.ts), so a crashed run never shows as running.
import { recoverRuns, type InterruptedRun } from '../core/agent/recover';
import { listRuns, readTrace, traceFile, type RunStatus, type TraceEvent } from '../core/trace';
import { parse, printJson } from './args';

const USAGE = `usage: tiller runs [--workspace DIR] [--json]

  --json  [{runId, spec, specDir, task, status: "running"|"completed"|"failed"|"cancelled"|"interrupted",
            startedAt, endedAt, trigger}], newest first`;

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export interface RunRow {
  runId: string;
  spec: string;
  specDir: string;
  task: string;
  status: RunStatus | 'running';
  startedAt: string | null;
  endedAt: string | null;
  trigger: string | null;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<object>(argv, {}, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  reportInterrupted(await recoverRuns({ workspaceRoot: values.workspace }));
  const rows: RunRow[] = [];
  for (const runId of (await listRuns(values.workspace)).reverse()) {
    const events: TraceEvent[] = (await readTrace(traceFile(values.workspace, runId)).catch(() => null))?.events ?? [];
    const start = events.find((e): e is Of<'run-start'> => e.type === 'run-start');
    const end = events.find((e): e is Of<'run-end'> => e.type === 'run-end');
    rows.push({
      runId,
      spec: start?.task.spec ?? '',
      specDir: start?.task.specDir ?? '',
      task: start?.task.id ?? '',
      status: end?.status ?? 'running',
      startedAt: start?.time ?? null,
      endedAt: end?.time ?? null,
      trigger: start?.trigger ?? null,
    });
  }
  if (values.json) {
    printJson(rows);
    return 0;
  }
  if (!rows.length) console.log('No runs yet.');
  for (const r of rows)
    console.log(`${r.runId}  ${r.status.padEnd(11)}  ${r.task ? `${r.specDir || r.spec} ${r.task}` : '(prompt)'}`);
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
