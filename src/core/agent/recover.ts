// Recovery: a run whose process died (a window reload, a crash, a killed terminal) leaves a trace
// with no end and its task at `[-]`, which "Run next task" and `tiller next` then skip for good.
// Each run records its process (pid, host, start time) in run-start; a run with no run-end whose
// process is gone is closed here with an `interrupted` end, and its task's marker goes back to
// what it was before the run if the marker is still the one the run wrote. Called on activation
// and before `tiller run`, `tiller next` and `tiller runs`. A trace from another host, or from
// before process records, is left alone: nobody can tell from here whether it still runs.
import { appendFile, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { flattenTasks, parseTasks, setTaskStatus } from '../specs';
import { listRuns, parseTrace, traceFile, type RunProcess, type TraceEvent } from '../trace';
import { diskFiles, type WorkspaceFiles } from './files';

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

const STARTED_AT = new Date(Date.now() - process.uptime() * 1000).toISOString();

/** This process, as a run records it. */
export function thisProcess(): RunProcess {
  return { pid: process.pid, host: hostname(), startedAt: STARTED_AT };
}

export interface InterruptedRun {
  runId: string;
  /** Spec name, folder (workspace-relative) and task id; empty for a prompt run. */
  spec: string;
  specDir: string;
  task: string;
  title: string;
  trace: string;
  /** The marker put back, when the run's own `[-]` or `[~]` was still there. */
  restored: { from: string; to: string } | null;
}

export interface RecoverOptions {
  workspaceRoot: string;
  workspaceFiles?: WorkspaceFiles;
  /** Runs this process is running now (the extension's live runs): never interrupted. */
  live?: ReadonlySet<string>;
}

export async function recoverRuns(options: RecoverOptions): Promise<InterruptedRun[]> {
  const recovered: InterruptedRun[] = [];
  for (const runId of await listRuns(options.workspaceRoot)) {
    if (options.live?.has(runId)) continue;
    const path = traceFile(options.workspaceRoot, runId);
    const done = await closeIfGone(options, runId, path).catch(() => null);
    if (done) recovered.push(done);
  }
  return recovered;
}

/** Whether the run's process still runs: null when that cannot be told (another host). */
export async function processAlive(
  proc: RunProcess,
  runId: string,
  live?: ReadonlySet<string>,
): Promise<boolean | null> {
  if (proc.host !== hostname()) return null;
  if (proc.pid === process.pid) return proc.startedAt === STARTED_AT && (live?.has(runId) ?? false);
  try {
    process.kill(proc.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A pid is reused after the process ends; on Linux /proc tells when the one holding it started.
  const started = await linuxStartTime(proc.pid);
  return started === null || started <= Date.parse(proc.startedAt) + 2000;
}

/** Epoch ms the process started (/proc/<pid>/stat field 22, in clock ticks after boot); null elsewhere. */
async function linuxStartTime(pid: number): Promise<number | null> {
  try {
    const [stat, system] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile('/proc/stat', 'utf8')]);
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(system)?.[1]);
    // USER_HZ is 100 on every Linux that matters; Node offers no sysconf.
    return Number.isFinite(ticks) && boot ? boot * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}

async function closeIfGone(options: RecoverOptions, runId: string, path: string): Promise<InterruptedRun | null> {
  const first = parseTrace(await readFile(path, 'utf8'));
  const start = first.events.find((e): e is Of<'run-start'> => e.type === 'run-start');
  if (!start?.process || first.events.some((e) => e.type === 'run-end')) return null;
  if ((await processAlive(start.process, runId, options.live)) !== false) return null;
  // One recoverer per trace: a window and a terminal may both look at once.
  const lock = `${path}.recovering`;
  const handle = await open(lock, 'wx').catch(() => null);
  if (!handle) return null;
  try {
    await handle.close();
    const text = await readFile(path, 'utf8');
    const { events } = parseTrace(text);
    if (events.some((e) => e.type === 'run-end')) return null;
    const restored = await restoreMarker(options, start, events);
    const last = events.at(-1);
    let seq = last?.seq ?? 0;
    const stamp = (body: Record<string, unknown>) =>
      JSON.stringify({ seq: ++seq, time: new Date().toISOString(), runId, ...body });
    const lines: string[] = [];
    if (restored)
      lines.push(
        stamp({
          type: 'task-status',
          task: start.task.id,
          status: restored.to,
          was: restored.from,
          changed: [{ id: start.task.id, status: restored.to }],
        }),
      );
    const turns = events.filter((e): e is Of<'model-turn'> => e.type === 'model-turn');
    lines.push(
      stamp({
        type: 'run-end',
        status: 'interrupted',
        reason: `interrupted: its process (pid ${start.process.pid} on ${start.process.host}) ended before the run did (a window reload, a crash or a killed terminal)`,
        summary: null,
        turns: turns.length,
        usage: {
          inputTokens: turns.reduce((n, t) => n + t.inputTokens, 0),
          outputTokens: turns.reduce((n, t) => n + t.outputTokens, 0),
        },
        durationMs: Math.max(0, Date.parse(last?.time ?? start.time) - Date.parse(start.time)),
        filesChanged: [
          ...new Set(events.filter((e): e is Of<'edit'> => e.type === 'edit' && e.applied).map((e) => e.path)),
        ].sort(),
      }),
    );
    // A torn last line gets its own line, so the end event stays readable.
    await appendFile(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${lines.join('\n')}\n`);
    return {
      runId,
      spec: start.task.spec,
      specDir: start.task.specDir ?? '',
      task: start.task.id,
      title: start.task.title,
      trace: path,
      restored,
    };
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

async function restoreMarker(
  options: RecoverOptions,
  start: Of<'run-start'>,
  events: TraceEvent[],
): Promise<{ from: string; to: string } | null> {
  const id = start.task.id;
  const statuses = events.filter((e): e is Of<'task-status'> => e.type === 'task-status' && e.task === id);
  const wrote = statuses.at(-1)?.status;
  if (!start.task.tasksFile || !id || (wrote !== 'in-progress' && wrote !== 'queued')) return null;
  const before = statuses[0].was ?? 'todo';
  const file = join(options.workspaceRoot, ...start.task.tasksFile.split('/'));
  let restored: { from: string; to: string } | null = null;
  await (options.workspaceFiles ?? diskFiles)
    .edit(file, (text) => {
      const now = flattenTasks(parseTasks(text, '').tasks).find((t) => t.id === id)?.status;
      // Someone changed it since (by hand, another run): theirs stands.
      if (now !== wrote) return [];
      restored = { from: wrote, to: before };
      return setTaskStatus(text, id, before);
    })
    .catch(() => undefined);
  return restored;
}
