// The one protocol between the extension and its webviews; both sides import this file, so a
// message that one side sends and the other does not understand is a compile error.
//
// Three kinds of traffic:
// - requests from the webview, answered once by id (`Requests` maps name -> [params, result]);
// - notifications from the extension (`Notifications`), for things that are not state;
// - events on named streams (`spec:<dir>`, `run:<id>`, `runs:`, `pending:`). A subscriber
//   gets a snapshot with a sequence number, then deltas numbered one by one. A gap in the numbers
//   (a message lost while the view was hidden) or a re-created webview means: subscribe again and
//   take a fresh snapshot. Nobody ever sends the whole state per change.
import type { TaskCounts, TaskStatus } from './core/specs/model';
import type { TokenUsage, TraceEvent } from './core/trace/events';
import type { TrustOption } from './core/policy/trust-types';

export type { TaskCounts, TaskStatus, TokenUsage, TraceEvent, TrustOption };

// ---- spec stream ---------------------------------------------------------------------------

/** One task as the webview lists it: tasks travel flat, in document order. */
export interface TaskRow {
  id: string;
  parent: string | null;
  depth: number;
  title: string;
  status: TaskStatus;
  optional: boolean;
  leaf: boolean;
  /** Requirement / criterion ids the task cites (`1`, `2.3`). */
  requirements: string[];
  /** 1-based line in tasks.md. */
  line: number;
  /** The heading the task sits under, when the file groups tasks under headings. */
  section?: string;
  /**
   * 1-based wave of the spec's plan (core/waves/plan.ts) for a task still to run; present only
   * when some wave holds more than one task (otherwise the plan is the document order).
   */
  wave?: number;
}

export interface RequirementRow {
  id: string;
  title: string;
  line: number;
  criteria: Array<{ id: string; text: string }>;
}

export type SpecDocRole = 'requirements' | 'design' | 'tasks';

/** A markdown document of the spec, rendered by the webview. */
export interface SpecDocText {
  path: string;
  text: string;
}

export interface SpecSnapshot {
  dir: string;
  name: string;
  /** The sub-project folder holding the spec, when another spec carries the same name. */
  project?: string | null;
  type: 'feature' | 'bugfix';
  requirementsDoc: SpecDocText | null;
  designDoc: SpecDocText | null;
  /** tasks.md is shown as its task list, so only its path travels. */
  tasksPath: string | null;
  requirements: RequirementRow[];
  tasks: TaskRow[];
  counts: TaskCounts;
  /** Errors and warnings of the spec (they are listed in the Problems panel). */
  problems: number;
}

/** Changes to the task list: rows added or changed, rows gone, and the new order if it moved. */
export interface TaskRowsDelta {
  upsert: TaskRow[];
  remove: string[];
  order?: string[];
}

/** Only the parts that changed are present. `gone` means the spec folder no longer exists. */
export interface SpecDelta {
  name?: string;
  /** null: no other spec carries the name any more. */
  project?: string | null;
  type?: SpecSnapshot['type'];
  requirementsDoc?: SpecDocText | null;
  designDoc?: SpecDocText | null;
  tasksPath?: string | null;
  requirements?: RequirementRow[];
  tasks?: TaskRowsDelta;
  counts?: TaskCounts;
  problems?: number;
  gone?: true;
}

// ---- spec workflow: the phase bar -------------------------------------------------------------

export type PhaseName = 'requirements' | 'bugfix' | 'design' | 'tasks';

/** One phase of a spec's workflow (docs/spec-authoring.md). */
export interface PhaseView {
  phase: PhaseName;
  /** Absolute path of the phase's document. */
  path: string;
  exists: boolean;
  approved: boolean;
  /** Approved, but the document changed since (an unsaved edit counts). */
  stale: boolean;
  approvedAt: string | null;
  approvedBy: string | null;
  /** Why it may not be drafted yet (an earlier phase unapproved or stale); null when it may. */
  blockedBy: string | null;
}

/** Spec health in numbers; percentages are whole numbers, null when there is nothing to count. */
export interface SpecHealthView {
  criteria: number;
  earsPercent: number | null;
  citedPercent: number | null;
  tasks: number;
  tasksCitingPercent: number | null;
  requirementsWithoutCriteria: string[];
  ambiguous: Array<{ criterion: string; words: string[] }>;
}

export interface WorkflowView {
  type: 'feature' | 'bugfix';
  workflow: 'requirements-first' | 'design-first';
  phases: PhaseView[];
  /** The phase to draft or approve next; null when every phase is approved. */
  next: PhaseName | null;
  /** Tiller keeps this spec's approvals; an untracked spec runs without asking. */
  tracked: boolean;
  health: SpecHealthView | null;
  /** The authoring run working on this spec now, if any. */
  drafting: DraftingView | null;
}

/** What the phase bar's buttons ask for; the extension runs the matching command. */
export type PhaseAction = 'draft' | 'approve' | 'refine' | 'updateTasks';

/**
 * An authoring run of a spec (a draft, a refinement, an update of the tasks): `running` while the
 * model works (its `run:<runId>` stream streams it), `review` while its whole-document result
 * waits in the diff editor for Accept or Discard (`reviewId` answers it with review.answer).
 */
export interface DraftingView {
  phase: PhaseName;
  action: Exclude<PhaseAction, 'approve'>;
  runId: string | null;
  state: 'running' | 'review';
  reviewId: string | null;
}

/** What "New spec with the agent" asks for. */
export interface NewSpecRequest {
  /** kebab-case folder name under .kiro/specs. */
  name: string;
  idea: string;
  type: 'feature' | 'bugfix';
  workflow: 'requirements-first' | 'design-first';
}

// ---- follow log: runs, one run, pending decisions ----------------------------------------------

export type RunState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted' | 'unknown';

/** A run in the follow log's picker: this session's runs and the workspace's trace files. */
export interface RunSummary {
  runId: string;
  title: string;
  /** Spec name, when the run worked on a task. */
  spec: string | null;
  /** Absolute folder of that spec, which identifies it (names repeat); null for a prompt run or an old trace. */
  specDir: string | null;
  state: RunState;
  /** Who started it (`you`, `hook: …`); null for a past run known only from its trace. */
  trigger: string | null;
  /** Epoch ms. */
  started: number;
  /** Tokens the run used, from its trace (a past run); absent while this session's run is live. */
  usage?: TokenUsage | null;
  /** Epoch ms the run ended; absent while it works or when its trace has no end. */
  ended?: number | null;
  /** A person reverted the run's changes since. */
  reverted?: boolean;
  /** The run holds its next model request (Pause). */
  paused?: boolean;
  /** The wave of a Run All it belongs to, when tasks ran side by side: its lanes share the id. */
  wave?: WaveRef;
}

export interface WaveRef {
  id: string;
  /** 1-based. */
  index: number;
}

/** The `runs:` stream: the list, newest last; deltas add or change entries by id. */
export interface RunsDelta {
  upsert: RunSummary[];
}

/** A run snapshot carries at most this many events. */
export const RUN_SNAPSHOT_TAIL = 500;

/**
 * The `run:<id>` stream's snapshot: the trace so far (read tolerantly) and any text still
 * streaming. A long run comes tail first: `events` are its latest events and `earlier` says how
 * many came before them, which the page fetches with `run.earlier` once the tail is on screen.
 */
export interface RunSnapshot {
  runId: string;
  state: RunState;
  events: TraceEvent[];
  earlier: number;
  /** Model text of the turn under way (a `model-turn` event replaces it when the turn ends). */
  streaming: string;
  /** Lines of the trace file that were not usable events (torn tail, hand edits, missing fields). */
  skippedLines: number;
  /** Their 1-based line numbers, the first few. */
  skippedAt: number[];
  /** Epoch ms a model request went out that has not started answering; null when none waits. */
  waitingSince: number | null;
}

/** Appended events and streamed text, in order; `state` when the run's state changed. */
export interface RunDelta {
  events?: TraceEvent[];
  text?: string;
  /** A request went out (epoch ms), or null: the answer started. */
  waiting?: number | null;
  state?: RunState;
}

export type TrustScope = 'user' | 'workspace';

/** A command waiting for a person: the extension's approval request, as it travels. */
export interface ApprovalCard {
  id: string;
  command: string;
  /** Who wants it run: `agent`, `task 1.2` (one of a wave's runs side by side), `hook: <name>`, `you`. */
  source: string;
  rationale?: string;
  /** Why the policy asks. */
  reasons: string[];
  /** Patterns the person may trust, per simple command that was not allowed. */
  options: TrustOption[];
  /** What no pattern can ever trust (a shell reading a pipe…): the line asks every time. */
  untrustable: string[];
  created: number;
}

export type ApprovalAnswer =
  { kind: 'run-once' } | { kind: 'trust'; patterns: string[]; scope: TrustScope } | { kind: 'reject'; reason?: string };

/** A supervised-mode edit waiting for Accept / Reject. */
export interface EditReviewCard {
  id: string;
  runId: string;
  path: string;
  rationale: string;
  diff: string;
}

/** The `pending:` stream: what waits for a person now. */
export interface PendingSnapshot {
  approvals: ApprovalCard[];
  reviews: EditReviewCard[];
}

export interface PendingDelta {
  added?: Partial<PendingSnapshot>;
  /** Ids of approvals or reviews that were answered, expired or withdrawn. */
  removed?: string[];
}

/** Tokens spent and runs counted, for a task or a spec. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  runs: number;
  /** Money at the prices the person gave (`tiller.agent.pricing`), when every run's model has one. */
  cost?: number;
}

/** What a spec's runs used: all of them, and per task id. */
export interface SpecUsage {
  total: UsageTotals;
  tasks: Record<string, UsageTotals>;
}

/** A run that touched a requirement (an edit or decision citing it), for the Traceability tab. */
export interface RequirementRun {
  runId: string;
  title: string;
  started: number;
  edits: number;
  decisions: number;
}

// ---- streams ---------------------------------------------------------------------------------

/** Snapshot and delta types per stream kind; the transport is the same for all. */
export interface StreamTypes {
  spec: { snapshot: SpecSnapshot | null; delta: SpecDelta };
  run: { snapshot: RunSnapshot | null; delta: RunDelta };
  runs: { snapshot: RunSummary[]; delta: RunsDelta };
  pending: { snapshot: PendingSnapshot; delta: PendingDelta };
  /**
   * `workflow:<specDir>`: the phase bar's state. A delta holds the top-level fields that changed
   * (all of them when the spec appears); `gone` means the folder is no spec any more.
   */
  workflow: { snapshot: WorkflowView | null; delta: Partial<WorkflowView> & { gone?: true } };
}

export type StreamKind = keyof StreamTypes;
export type StreamName<K extends StreamKind = StreamKind> = `${K}:${string}`;
export type StreamSnapshot<K extends StreamKind> = StreamTypes[K]['snapshot'];
export type StreamDelta<K extends StreamKind> = StreamTypes[K]['delta'];

export function streamName<K extends StreamKind>(kind: K, key: string): StreamName<K> {
  return `${kind}:${key}`;
}

/** Splits `spec:/a/b:c` at the first colon: keys (paths, ids) may contain colons themselves. */
export function parseStreamName(name: string): { kind: string; key: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { kind: name, key: '' } : { kind: name.slice(0, colon), key: name.slice(colon + 1) };
}

// ---- requests --------------------------------------------------------------------------------

export type AddTaskPlace = { after: string } | { into: string } | { atEnd: true };
export type MoveTaskPlace = { before: string } | { after: string } | { into: string };

interface TaskTarget {
  specDir: string;
  taskId: string;
}

/** `follow` is the sidebar's compact follow log, `follow-panel` the follow log in an editor tab. */
export type ViewKind = 'panel' | 'sidebar' | 'follow' | 'follow-panel';

export interface Requests {
  /** The app started (first time or re-created after being hidden): which spec to show. */
  'view.ready': [
    Record<string, never>,
    { view: ViewKind; specDir: string | null; runId?: string | null; newSpec?: boolean },
  ];
  /** The sidebar's "new spec" form closed (cancelled or its spec created): a re-created page shows the spec again. */
  'view.newSpecClosed': [Record<string, never>, null];
  'stream.subscribe': [{ stream: StreamName }, { seq: number; snapshot: StreamSnapshot<StreamKind> }];
  'stream.unsubscribe': [{ stream: StreamName }, null];
  'task.setStatus': [TaskTarget & { status: TaskStatus }, null];
  'task.rename': [TaskTarget & { title: string }, null];
  'task.add': [{ specDir: string; title: string; place: AddTaskPlace }, { taskId: string | null }];
  'task.delete': [TaskTarget, null];
  'task.move': [TaskTarget & { place: MoveTaskPlace }, { taskId: string | null }];
  'task.run': [TaskTarget, null];
  'spec.runNext': [{ specDir: string }, null];
  /** Opens a spec document in the editor, at a line when given. */
  'doc.open': [{ specDir: string; doc: SpecDocRole; line?: number }, null];
  /** A link clicked in a rendered document; the extension decides whether it may be opened. */
  'link.open': [{ specDir: string; doc: SpecDocRole; href: string }, null];
  /** Answers a pending approval; false when it was already answered or expired. */
  'approval.answer': [{ id: string; answer: ApprovalAnswer }, { answered: boolean }];
  'review.answer': [{ id: string; accept: boolean; reason?: string }, { answered: boolean }];
  /** The events of a run before seq `before` (the part a tail-first snapshot left out). */
  'run.earlier': [{ runId: string; before: number }, { events: TraceEvent[] }];
  /** Shows a run in the follow log. */
  'run.show': [{ runId: string }, null];
  /** Queues guidance for a working run's next model turn; false when the run has ended or holds too much. */
  'run.guide': [{ runId: string; text: string }, { queued: boolean }];
  /** Pauses (holds the next model request) or resumes a working run. */
  'run.pause': [{ runId: string; paused: boolean }, { done: boolean }];
  /** Opens the follow log in an editor tab, on a run or (null) following the newest run. */
  'follow.openFull': [{ runId: string | null }, null];
  'run.export': [{ runId: string }, null];
  'run.revert': [{ runId: string }, null];
  'run.cancel': [{ runId: string }, null];
  /** Opens an edit of a run (its `seq`) in VS Code's diff editor: before the edit beside the file. */
  'edit.openDiff': [{ runId: string; seq: number }, null];
  /** Opens a workspace-relative file of a run. */
  'file.open': [{ path: string }, null];
  /** Where the spec stands in its workflow, and its health figures. */
  'spec.workflow': [{ specDir: string }, WorkflowView];
  /**
   * A phase bar button. Approve resolves once recorded; drafts resolve when they start (the run
   * streams in the view and the follow log). Refine carries the person's feedback.
   */
  'spec.phase': [{ specDir: string; phase: PhaseName; action: PhaseAction; feedback?: string }, null];
  /** Why a new spec's name is not usable (not kebab-case, taken); null when it is. */
  'spec.nameProblem': [{ name: string }, { problem: string | null }];
  /** Creates the spec and starts drafting its first phase; resolves with its folder once created. */
  'spec.create': [NewSpecRequest, { specDir: string }];
  /** The tokens a spec's recorded runs used, in total and per task. */
  'spec.usage': [{ specDir: string }, SpecUsage];
  /** Per requirement id of a spec (by folder), the runs whose edits or decisions cited it. */
  'spec.requirementRuns': [{ specDir: string }, Record<string, RequirementRun[]>];
}

export type RequestName = keyof Requests;
export type RequestParams<M extends RequestName> = Requests[M][0];
export type RequestResult<M extends RequestName> = Requests[M][1];

// ---- notifications -----------------------------------------------------------------------------

export interface Notifications {
  /** The sidebar follows the active editor: show this spec now. */
  'view.focus': { specDir: string | null };
  /** The follow log should show this run (a run started, or a command asked to follow it). */
  'follow.run': { runId: string };
  /** Show the "New spec with the agent" form (the palette command). */
  'view.newSpec': Record<string, never>;
}

export type NotificationName = keyof Notifications;

// ---- wire messages -----------------------------------------------------------------------------

export type WebviewMessage = {
  [M in RequestName]: { kind: 'request'; id: number; method: M; params: RequestParams<M> };
}[RequestName];

export type HostMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: string }
  | { kind: 'event'; stream: StreamName; seq: number; delta: StreamDelta<StreamKind> }
  | { [N in NotificationName]: { kind: 'notify'; name: N; params: Notifications[N] } }[NotificationName];
