// Runs a spec's remaining required tasks wave by wave (plan.ts). Within a wave up to `parallelism`
// tasks run at once, each through an executor (executor.ts); the next wave starts only when every
// task of the previous one completed and merged, so later tasks build on merged work. A task that
// fails, is cancelled or does not merge stops the run after its wave.
//
// One writer of tasks.md: with worktrees the coordinator alone sets markers, in the workspace's
// tasks.md, one byte-exact edit at a time on the file's current text, through the host's
// WorkspaceFiles (in VS Code an open buffer is edited and Undo takes it back): `[~]` for the wave's tasks, `[-]` as each starts, `[x]` once merged, `[ ]` when
// it failed, conflicted or was cancelled. The runs never write markers in their worktrees.
import { realpath } from 'node:fs/promises';
import { relative } from 'node:path';
import { diskFiles, type WorkspaceFiles } from '../agent/files';
import { setTaskStatus, type Spec, type TaskStatus } from '../specs';
import type { TraceEvent } from '../trace';
import { loadSpecIndex, requireSpec, workspacePath } from '../workspace';
import {
  chain,
  inPlaceExecutor,
  WorktreeExecutor,
  type TaskExecutor,
  type TaskOutcome,
  type TaskRunOptions,
} from './executor';
import { planWaves, type BlockedTask } from './plan';
import { WaveJournal } from './recover';
import { git, GitError, openRepository, type Repository } from './worktree';

export interface RunWavesOptions extends Omit<TaskRunOptions, 'onEvent' | 'signal'> {
  workspaceRoot: string;
  /** A spec folder or a name only one spec carries. */
  spec: string;
  /** Tasks at once; 1 (the default) runs in place, one after the other, exactly as single runs do. */
  parallelism?: number;
  signal?: AbortSignal;
  /** Every trace event of every task, with the task it belongs to (one lane per task). */
  onTaskEvent?: (task: string, event: TraceEvent) => void;
  /** A marker the coordinator set. */
  onStatus?: (task: string, status: TaskStatus) => void;
  onTaskEnd?: (outcome: TaskOutcome) => void;
  /** Before each wave starts, with its index. */
  onWave?: (index: number, tasks: string[]) => void;
  /** Where a task runs, as it starts (its worktree's copy of the workspace, or the workspace). */
  onTaskStart?: (task: string, root: string) => void;
  /** Options of one task's run (its own runId, guidance, approver), over the shared ones. */
  taskOptions?: (task: string) => Partial<TaskRunOptions>;
  /** Asked before a task starts (pre-task hooks): a reason keeps it from running, null lets it. */
  gate?: (task: string) => Promise<string | null>;
}

export interface WavesResult {
  spec: string;
  specDir: string;
  status: 'completed' | 'failed' | 'cancelled';
  waves: string[][];
  blocked: BlockedTask[];
  tasks: TaskOutcome[];
  /** Why it stopped, when it did not complete. */
  reason: string;
}

/** Why the workspace cannot run tasks in worktrees; the caller offers to run them one at a time. */
export class WavesRefusedError extends Error {}

export async function runWaves(options: RunWavesOptions): Promise<WavesResult> {
  const spec = requireSpec(await loadSpecIndex(options.workspaceRoot), options.spec);
  const specDir = workspacePath(options.workspaceRoot, spec.dir);
  const tasksFile = spec.documents.tasks;
  if (!tasksFile) throw new Error(`spec '${spec.name}' has no tasks.md`);
  const parallelism = Math.max(1, Math.floor(options.parallelism ?? 1));
  const files = options.workspaceFiles ?? diskFiles;
  const plan = planWaves(spec.tasks);
  const executor: TaskExecutor =
    parallelism > 1
      ? new WorktreeExecutor(await isolatedRepository(options.workspaceRoot, spec, files), parallelism)
      : inPlaceExecutor;
  const signal = options.signal ?? new AbortController().signal;
  const serialize = chain();
  const markers = chain();
  const mark = (id: string, status: TaskStatus): Promise<void> =>
    executor.runnerSetsStatus
      ? Promise.resolve()
      : markers(async () => {
          await files.edit(tasksFile, (text) => setTaskStatus(text, id, status));
          options.onStatus?.(id, status);
        });

  // In place, each run journals itself (its trace); in worktrees the coordinator's markers need one.
  const journal = executor.runnerSetsStatus ? null : new WaveJournal(options.workspaceRoot, spec.name, tasksFile);
  try {
    return await runPlan();
  } finally {
    await journal?.close();
  }

  async function runPlan(): Promise<WavesResult> {
    const outcomes = new Map<string, TaskOutcome>();
    let stop: { status: WavesResult['status']; reason: string } | null = null;
    const {
      onTaskEvent,
      onStatus: _s,
      onTaskEnd,
      onWave,
      onTaskStart,
      taskOptions,
      gate,
      parallelism: _p,
      ...run
    } = options;
    for (const [index, wave] of plan.waves.entries()) {
      if (signal.aborted) stop ??= { status: 'cancelled', reason: 'cancelled' };
      if (stop) break;
      onWave?.(index, wave);
      await journal?.mark(wave);
      for (const id of wave) await mark(id, 'queued');
      const queue = [...wave];
      const worker = async (): Promise<void> => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          if (signal.aborted) {
            await mark(id, 'todo');
            outcomes.set(id, notRun(id, 'cancelled before it started'));
            continue;
          }
          const refused = await gate?.(id);
          if (refused) {
            await mark(id, 'todo');
            const outcome: TaskOutcome = { ...notRun(id, refused), status: 'failed' };
            outcomes.set(id, outcome);
            onTaskEnd?.(outcome);
            continue;
          }
          await mark(id, 'in-progress');
          let outcome: TaskOutcome;
          try {
            outcome = await executor.execute(id, {
              workspaceRoot: options.workspaceRoot,
              specDir,
              spec: spec.name,
              signal,
              serialize,
              onStart: (root) => onTaskStart?.(id, root),
              run: { ...run, ...taskOptions?.(id), onEvent: (e) => onTaskEvent?.(id, e) },
            });
          } catch (err) {
            outcome = notRun(id, `could not run: ${err instanceof Error ? err.message : String(err)}`);
            outcome.status = 'failed';
          }
          await mark(id, outcome.status === 'completed' && outcome.merged ? 'done' : 'todo');
          outcomes.set(id, outcome);
          onTaskEnd?.(outcome);
        }
      };
      await Promise.all(Array.from({ length: Math.min(executor.parallelism, wave.length) }, worker));
      const ended = wave.map((id) => outcomes.get(id) as TaskOutcome);
      const bad = ended.find((o) => !(o.status === 'completed' && o.merged));
      if (signal.aborted || ended.some((o) => o.status === 'cancelled'))
        stop = { status: 'cancelled', reason: 'cancelled' };
      else if (bad)
        stop = {
          status: 'failed',
          reason: `task ${bad.id} ${bad.status === 'completed' ? 'did not merge' : bad.status}: ${bad.reason}`,
        };
    }
    const tasks = plan.waves.flat().map((id) => outcomes.get(id) ?? notRun(id, 'an earlier wave did not finish'));
    if (!stop && plan.blocked.length)
      stop = { status: 'failed', reason: `blocked: ${plan.blocked.map((b) => `${b.id} ${b.reason}`).join('; ')}` };
    return {
      spec: spec.name,
      specDir,
      status: stop?.status ?? 'completed',
      waves: plan.waves,
      blocked: plan.blocked,
      tasks,
      reason: stop?.reason ?? '',
    };
  }
}

function notRun(id: string, reason: string): TaskOutcome {
  return {
    id,
    status: 'not-run',
    runId: null,
    trace: null,
    branch: null,
    worktree: null,
    merged: false,
    conflicts: [],
    reason,
    filesChanged: [],
  };
}

/**
 * Worktrees start from the last commit, so the spec they run must be that commit's: its documents
 * may differ from HEAD only in tasks.md's markers (which the coordinator keeps in the workspace).
 */
async function isolatedRepository(
  workspaceRoot: string,
  spec: Pick<Spec, 'name' | 'documents'>,
  files: WorkspaceFiles,
): Promise<Repository> {
  let repo: Repository;
  try {
    repo = await openRepository(workspaceRoot);
  } catch (err) {
    throw new WavesRefusedError(err instanceof Error ? err.message : String(err));
  }
  const changed: string[] = [];
  for (const doc of Object.values(spec.documents)) {
    if (!doc) continue;
    const rel = relative(repo.top, await realpath(doc))
      .split('\\')
      .join('/');
    const committed = await git(repo.top, ['show', `HEAD:${rel}`], [0, 128]).catch((err: unknown) => {
      if (err instanceof GitError) return { code: 128, stdout: '' };
      throw err;
    });
    // An unsaved buffer counts: it is what the person sees, and the worktree would not have it.
    const current = await files.read(doc);
    if (committed.code !== 0 || current === null || withoutMarkers(committed.stdout) !== withoutMarkers(current))
      changed.push(rel);
  }
  if (changed.length)
    throw new WavesRefusedError(
      `spec '${spec.name}' has changes that are not committed (${changed.join(', ')}); tasks in worktrees start from the last commit. Commit them, or run the tasks one at a time`,
    );
  return repo;
}

function withoutMarkers(text: string): string {
  return text.replace(/^(\s*(?:[-*+]\s+)+)\[[ xX\-~]\]/gm, '$1[ ]');
}
