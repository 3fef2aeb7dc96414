// Public surface of the agent runner. Hosts (the extension, the CLI, tests) import from here.
//
// Injection points: everything the runner needs from its host is passed in RunTaskOptions, so
// core never imports `vscode`:
//   provider        ModelProvider (model.ts): vscode.lm in the extension, createProvider() in the CLI.
//   rules           the merged command policy (user allow + deny, workspace deny only).
//   approver        Approver (host.ts): answers `ask` commands and writes to protected files
//                   (.vscode, .kiro/hooks, .kiro/settings, .git …). Default headlessApprover refuses
//                   with "there is no one to approve it". The extension adapts its ApprovalService.
//   mode/reviewEdit supervised mode: each write waits for EditReviewer → accept, or reject with a
//                   reason that goes back to the model. Autopilot writes at once.
//   workspaceFiles  WorkspaceFiles (files.ts): the spec, tasks.md's status and every tool read and
//                   write, on the CURRENT text. The extension reads open editors' buffers and writes
//                   through WorkspaceEdit (Undo works); the default is the disk, atomically.
//   onEvent         every trace event as it is written (the follow log); onStream: model deltas.
//   storageDir      checkpoint storage (extension: context.storageUri; CLI default:
//                   .kiro/tiller/checkpoints); null turns checkpoints off.
//   openFiles       workspace-relative files open in editors (in play for fileMatch steering).
//   prompt          the person's words; `#name` brings in manual steering. autoSteering: picked auto docs.
//   signal          AbortSignal: cancels at any moment; the task goes back to `[ ]`.
// runPrompt (prompt-run.ts) is the same run driven by a prompt with no task (hooks asking the agent).
// The trace of a run is `.kiro/tiller/runs/<runId>.jsonl` (docs/trace.md); tools are documented in
// docs/tools.md.
export type * from './model';
export { ModelError } from './model';
export { runTask, DEFAULT_MAX_TURNS, HostShutdown, type RunTaskOptions, type RunResult, type RunScope } from './runner';
export { RunGuidance, MAX_QUEUED_GUIDANCE, type GuidanceMessage } from './guidance';
export { runAllTasks, type RunAllOptions } from './run-all';
export { runPrompt, type RunPromptOptions } from './prompt-run';
export { Checkpoints, CheckpointError, defaultStorageDir, revertRun, type RevertReport } from './checkpoint';
export {
  headlessApprover,
  NO_ONE_TO_APPROVE,
  type Approver,
  type ApprovalAnswer,
  type CommandApprovalRequest,
  type FileApprovalRequest,
  type EditReviewer,
  type EditReviewRequest,
  type EditReview,
} from './host';
export { recoverRuns, processAlive, thisProcess, type InterruptedRun, type RecoverOptions } from './recover';
export { diskFiles, type WorkspaceFiles, type FileStat } from './files';
export { ContextBuilder, DESIGN_WHOLE_CHARS, type ContextInput } from './context';
export { TOOL_SPECS } from './tool-specs';
export { ToolBox, type ToolBoxOptions, type ToolResult, type CommandSettings } from './tools';
