// The extension's contract around agent runs, shared by the run service (which starts runs and
// owns their lifecycle), the follow log (which shows them live and from their traces) and the
// hooks (which start runs from events). Types only: each side depends on this, not on the others.
import type * as vscode from 'vscode';
import type { StreamEvent } from '../../core/agent/model';
import type { EditReview, EditReviewRequest, InterruptedRun, RunResult, RunTaskOptions } from '../../core/agent';
import type { TraceEvent } from '../../core/trace';
import type { RunGuidance } from '../../core/agent';
import type { RunApproval } from '../../core/specs/workflow';
import type { WaveRef } from '../../protocol';

export type RunState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

/** What every run gets from the run service: model, policy, approver, storage, signal, events. */
export type RunOptionsBase = Omit<RunTaskOptions, 'spec' | 'task'>;

/** A run of another kind than a task or a prompt (a spec draft, an answer run), as it is listed. */
export interface CustomRunRequest {
  spec: string | null;
  specDir: string | null;
  title: string;
  trigger?: string;
}

export interface RunInfo {
  runId: string;
  /** Spec name and task id; task null for a prompt run (a hook asking the agent). */
  spec: string | null;
  /** Absolute folder of the spec: what identifies it (names repeat across sub-projects). */
  specDir: string | null;
  task: string | null;
  /** What the person sees: `2.1 Verify credentials…` or the hook's name. */
  title: string;
  state: RunState;
  /** Who started it: `you`, `Run all`, `hook: <name>`. */
  trigger: string;
  /** Absolute path of the trace file once the run has started. */
  trace: string | null;
  started: number;
  ended?: number;
  /** The wave of a Run All the run is one task of, when tasks run side by side. */
  wave?: WaveRef;
}

export interface TaskRunRequest {
  specDir: string;
  taskId: string;
  trigger?: string;
  /** Extra words from the person or a hook, added to the task. */
  prompt?: string;
  /** The approvals decision to use (Run all shares one, so it asks once); default: a new one, which asks. */
  approval?: RunApproval;
}

export interface PromptRunRequest {
  prompt: string;
  trigger: string;
  /** Workspace-relative files the prompt is about (they bring fileMatch steering into play). */
  files?: string[];
}

/** Pending supervised-mode edit, shown as Accept / Reject in the diff editor and the follow log. */
export interface PendingEditReview {
  id: string;
  runId: string;
  /** Workspace-relative. */
  path: string;
  rationale: string;
  diff: string;
}

/** Decides, before a task run starts, whether it may (pre-task hooks: exit code 2 blocks). */
export type PreTaskGate = (task: {
  root: string;
  spec: string;
  task: string;
}) => Promise<{ blocked: boolean; reason?: string }>;

export interface RunService {
  readonly onDidChangeRuns: vscode.Event<void>;
  /** A run's changes were reverted (its trace now ends with a revert event). */
  readonly onDidRevertRun: vscode.Event<string>;
  /** Every trace event of every run, as it is written. */
  readonly onDidTraceEvent: vscode.Event<TraceEvent>;
  /** Model output as it streams (text deltas), for the live view of the current turn. */
  readonly onDidStream: vscode.Event<{ runId: string; event: StreamEvent }>;
  readonly onDidChangeEditReviews: vscode.Event<void>;
  /** Queued, running and finished runs of this session, oldest first. */
  runs(): RunInfo[];
  runTask(request: TaskRunRequest): Promise<RunResult | undefined>;
  runPrompt(request: PromptRunRequest): Promise<RunResult | undefined>;
  cancel(runId: string): void;
  /** The guidance queue and pause gate of a run that has not ended. */
  guidance(runId: string): RunGuidance | undefined;
  /** Closes runs whose process is gone as interrupted (done on activation); what it closed. */
  recover(): Promise<InterruptedRun[]>;
  /**
   * Settles once the latest recovery pass is done: a follow log opened while the window loads
   * reads a trace after recovery closed it, not the run as its dead process left it.
   */
  recovered(): Promise<void>;
  editReviews(): PendingEditReview[];
  answerEditReview(id: string, review: { accept: true } | { accept: false; reason?: string }): boolean;
  /** The hooks install one gate; every task run waits for it and does not start when blocked. */
  setPreTaskGate(gate: PreTaskGate | undefined): void;
  /** Starts a run of another kind (drafts, answer runs) like any run: same model, policy, trace, follow log. */
  runCustom(
    request: CustomRunRequest,
    launch: (common: RunOptionsBase) => Promise<RunResult>,
  ): Promise<RunResult | undefined>;
  /** A proposed change to a file, shown in the diff editor until a person accepts or rejects it. */
  reviewEdit(request: EditReviewRequest, signal: AbortSignal): Promise<EditReview>;
}
