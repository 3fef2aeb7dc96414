// Public surface of the hooks engine: load hook files into one model, match events to hooks, and
// dispatch them with coalescing, per-hook queues and self-suppression; Node watchers feed it from
// disk and from git. Hosts inject how commands are approved and how the agent is asked.
export type {
  CommitInfo,
  Hook,
  HookAction,
  HookEvent,
  HookEventType,
  HookFormat,
  HookPayload,
  TaskInfo,
  Trigger,
} from './model';
export { LEGACY_TRIGGERS, V1_TRIGGERS, PATH_TRIGGERS, triggerFor } from './triggers';
export { HOOKS_DIR, isHookFileName, loadHooks, parseHookFile, type HookSet, type LoadOptions } from './load';
export type { HookSource } from './source';
export { enabledEdits, setEnabledInText, setHookEnabled } from './enable';
export { isLive, matchEvent, matchingHooks, needsDiskEvents, relativePath, taskKey } from './match';
export { describePayload } from './describe';
export {
  HookDispatcher,
  type DispatcherOptions,
  type HookOutcome,
  type HookRun,
  type PreTaskResult,
} from './dispatcher';
export {
  policyCommandRunner,
  type AgentLauncher,
  type AgentOutcome,
  type AgentRequest,
  type CommandOutcome,
  type CommandRequest,
  type CommandRunner,
  type PolicyRunnerOptions,
} from './runners';
export { WorkspaceWatcher, type FileWatcherOptions } from './file-watcher';
export { GitCommitWatcher, isNewCommitEntry, type GitWatcherOptions } from './git-watcher';
export { RepositoryWatcher, type RepositoryWatcherOptions } from './repo-watcher';
export { FolderWatcher, type FolderWatcherOptions } from './folder-watcher';
export { DEFAULT_IGNORED_DIRS, GitignoreFilter } from './gitignore';
