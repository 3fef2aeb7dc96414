// Parallel task runs: the wave plan (plan.ts, from specs/depends.ts), the coordinator that runs it
// and alone writes tasks.md (coordinator.ts), the executors a task runs through (executor.ts) and
// the git worktrees that isolate them (worktree.ts).
export { planWaves, type BlockedTask, type WavePlan } from './plan';
export { recoverWaves, type InterruptedWaves } from './recover';
export { runWaves, WavesRefusedError, type RunWavesOptions, type WavesResult } from './coordinator';
export {
  inPlaceExecutor,
  WorktreeExecutor,
  type ExecuteContext,
  type TaskExecutor,
  type TaskOutcome,
  type TaskRunOptions,
} from './executor';
export {
  branchName,
  GitError,
  keptWorktrees,
  openRepository,
  removeWorktree,
  worktreesDir,
  type MergeOutcome,
  type Repository,
  type Worktree,
} from './worktree';
