// What the runner needs from whoever hosts it (the extension, the CLI, a test). Each is an
// interface so core never depends on VS Code: the extension answers approvals with its cards,
// reviews edits in a diff editor; the CLI answers nothing (headless). The files themselves are
// another host interface (files.ts).
import type { CheckResult, PolicyRules } from '../policy';

export type ApprovalAnswer = { approved: true } | { approved: false; reason?: string };

export interface CommandApprovalRequest {
  command: string;
  rationale: string;
  /** The policy's verdict (`ask`) with its reasons and per-command patterns. */
  check: CheckResult;
  /** The rules the check used, so that trust options are offered against the same rules. */
  rules: PolicyRules;
  runId: string;
}

export interface FileApprovalRequest {
  /** Workspace-relative. */
  path: string;
  rationale: string;
  /** Why the file policy asks (e.g. `.vscode/settings.json configures the editor…`). */
  reason: string;
  runId: string;
}

/** Decides what the policy leaves to a person: `ask` commands and writes to protected files. */
export interface Approver {
  approveCommand(request: CommandApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
  approveFileWrite(request: FileApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
}

export const NO_ONE_TO_APPROVE = 'there is no one to approve it (headless run)';

/** CLI and CI: nobody is there, so whatever needs a person is refused and the model told why. */
export const headlessApprover: Approver = {
  approveCommand: async () => ({ approved: false, reason: NO_ONE_TO_APPROVE }),
  approveFileWrite: async () => ({ approved: false, reason: NO_ONE_TO_APPROVE }),
};

export interface EditReviewRequest {
  /** Workspace-relative. */
  path: string;
  /** null: the file does not exist yet. */
  before: string | null;
  after: string;
  diff: string;
  rationale: string;
  runId: string;
}

export type EditReview = { accept: true } | { accept: false; reason?: string };

/** Supervised mode: every edit waits for Accept / Reject before it touches the disk. */
export type EditReviewer = (request: EditReviewRequest, signal: AbortSignal) => Promise<EditReview>;
