// Where a wave's task runs. The coordinator decides what runs when and owns tasks.md; an executor
// runs one task and brings its changes into the workspace. Two exist:
//   in place   the task runs in the workspace itself, one at a time, and the runner sets its
//              markers exactly as a single run does (parallelism 1: nothing changes for anyone);
//   worktree   the task runs in its own git worktree (worktree.ts) and is merged back when it
//              completes; the run never touches markers, the coordinator does.
// A later executor that dispatches tasks to CI runners fits the same seam: it returns the same
// outcome once the runner's branch has been merged (or why not).
import { copyFile, mkdir, realpath } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { runTask, type RunResult, type RunTaskOptions } from '../agent/runner';
import { recordAfterEnd, runsDir } from '../trace';
import {
  commitWorktree,
  createWorktree,
  isClean,
  mergeWorktree,
  removeWorktree,
  type Repository,
  type Worktree,
} from './worktree';

export type Serializer = <T>(fn: () => Promise<T>) => Promise<T>;

/** A promise chain: each fn starts after the previous one settled. */
export function chain(): Serializer {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const result = tail.then(fn, fn);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** A task's run options; a runId, guidance or approver given here belongs to that one task. */
export type TaskRunOptions = Omit<RunTaskOptions, 'workspaceRoot' | 'spec' | 'task' | 'setsTaskStatus'>;

export interface TaskOutcome {
  id: string;
  /** `not-run`: its wave never reached it, or it could not start (see reason). */
  status: 'completed' | 'failed' | 'cancelled' | 'not-run';
  runId: string | null;
  /** Absolute path of the run's trace, in the workspace's `.kiro/tiller/runs`. */
  trace: string | null;
  /** The task's branch and worktree while they exist (kept after a conflict or a failure with changes). */
  branch: string | null;
  worktree: string | null;
  /** True once its changes are in the workspace (always, for an in-place run that completed). */
  merged: boolean;
  /** Workspace-relative files that kept it from merging. */
  conflicts: string[];
  reason: string;
  filesChanged: string[];
}

export interface ExecuteContext {
  workspaceRoot: string;
  /** Workspace-relative spec folder. */
  specDir: string;
  spec: string;
  run: TaskRunOptions;
  signal: AbortSignal;
  /** Runs merges one at a time. */
  serialize: Serializer;
  /** Where the task runs (its worktree's copy of the workspace, or the workspace), once known. */
  onStart?: (root: string) => void;
}

export interface TaskExecutor {
  /** How many tasks may run at once. */
  readonly parallelism: number;
  /** True when the runner sets markers itself (in place); else the coordinator does. */
  readonly runnerSetsStatus: boolean;
  execute(task: string, ctx: ExecuteContext): Promise<TaskOutcome>;
}

function outcomeOf(id: string, result: RunResult): TaskOutcome {
  return {
    id,
    status: result.status,
    runId: result.runId,
    trace: result.trace,
    branch: null,
    worktree: null,
    merged: result.status === 'completed',
    conflicts: [],
    reason: result.reason,
    filesChanged: result.filesChanged,
  };
}

export const inPlaceExecutor: TaskExecutor = {
  parallelism: 1,
  runnerSetsStatus: true,
  async execute(task, ctx) {
    ctx.onStart?.(ctx.workspaceRoot);
    const result = await runTask({
      ...ctx.run,
      workspaceRoot: ctx.workspaceRoot,
      spec: ctx.specDir,
      task,
      signal: ctx.signal,
    });
    return outcomeOf(task, result);
  },
};

export class WorktreeExecutor implements TaskExecutor {
  readonly runnerSetsStatus = false;
  /** Worktrees are added one at a time (git locks the repository's worktree list), apart from merges. */
  private readonly creating = chain();

  constructor(
    private readonly repo: Repository,
    readonly parallelism: number,
  ) {}

  async execute(task: string, ctx: ExecuteContext): Promise<TaskOutcome> {
    const wt = await this.creating(() => createWorktree(this.repo, ctx.spec, task));
    // The workspace may be a folder inside the repository: the worktree's copy of it sits at the same place.
    const inside = relative(this.repo.top, await realpath(ctx.workspaceRoot));
    const root = join(wt.path, inside);
    ctx.onStart?.(root);
    let result: RunResult;
    try {
      result = await runTask({
        ...ctx.run,
        // Nobody has the worktree's files open: what the person sees is the workspace, on disk or not.
        workspaceFiles: undefined,
        workspaceRoot: root,
        spec: ctx.specDir,
        task,
        signal: ctx.signal,
        setsTaskStatus: false,
        // The branch is the checkpoint: discarding it reverts the task.
        storageDir: null,
      });
    } catch (err) {
      await removeWorktree(this.repo, wt);
      throw err;
    }
    const outcome = { ...outcomeOf(task, result), trace: await this.keepTrace(ctx.workspaceRoot, result.trace) };
    if (result.status !== 'completed') return this.settle(outcome, wt, false);
    await commitWorktree(wt, `${ctx.spec} ${task}: ${result.summary?.split('\n')[0] ?? 'completed'}`);
    const merge = await ctx.serialize(() => mergeWorktree(this.repo, wt));
    // The run's own record says what became of its work, so its follow log names the conflicting files.
    await recordAfterEnd(outcome.trace, result.runId, {
      type: 'merge',
      merged: merge.merged,
      branch: wt.branch,
      conflicts: merge.conflicts,
      reason: merge.reason,
      worktree: merge.merged ? null : wt.path,
    }).catch(() => undefined);
    if (!merge.merged)
      return this.settle(
        {
          ...outcome,
          status: 'failed',
          merged: false,
          conflicts: merge.conflicts,
          reason: `not merged: ${merge.reason}`,
        },
        wt,
        true,
      );
    await removeWorktree(this.repo, wt);
    return { ...outcome, merged: true };
  }

  /** A worktree with nothing in it goes; one holding work stays for a person to look at. */
  private async settle(outcome: TaskOutcome, wt: Worktree, keep: boolean): Promise<TaskOutcome> {
    if (!keep && (await isClean(wt))) {
      await removeWorktree(this.repo, wt);
      return { ...outcome, merged: false };
    }
    return { ...outcome, merged: false, branch: wt.branch, worktree: wt.path };
  }

  /** The trace moves to the workspace's runs, where the follow log and `tiller export` look. */
  private async keepTrace(workspaceRoot: string, trace: string): Promise<string> {
    const target = join(runsDir(workspaceRoot), basename(trace));
    await mkdir(runsDir(workspaceRoot), { recursive: true });
    await copyFile(trace, target);
    return target;
  }
}
