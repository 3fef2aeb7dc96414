// A spec's workflow: phases, approvals and the gates between them, health figures, and the merge
// of a revised plan into tasks.md. docs/spec-authoring.md describes the files and the rules.
export * from './phases';
export {
  APPROVALS_FILE,
  readApprovals,
  recordApproval,
  sha256,
  withdrawApproval,
  type ApprovalRecord,
  type Approvals,
} from './approvals';
export {
  draftBlocker,
  phaseOf,
  readFromDisk,
  runGate,
  workflowState,
  WorkflowError,
  type Blocker,
  type PhaseState,
  type ReadText,
  type WorkflowState,
} from './state';
export { AMBIGUOUS_WORDS, ambiguousWords, specHealth, type SpecHealth } from './health';
export { KEPT_HEADING, mergeTasks, type MergedTask, type TaskMerge } from './merge-tasks';
export { newSpecConfig } from './new-spec';
export { RunApproval, type ConfirmUnapproved, type RunApprovalAnswer } from './run-approval';
