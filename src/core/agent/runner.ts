// The runner loop: one task of one spec, driven through the model and the tools until the model
// calls complete_task, fails, runs out of turns or tokens, or is cancelled. Task status belongs
// to the runner alone: `[~]` while queued behind another run, `[-]` while running, `[x]` when
// completed (parents complete through the spec engine), back to `[ ]` on failure or cancel.
// Every status change is a minimal edit computed on the file's current content.
import { resolve } from 'node:path';
import type { RulesSource } from '../policy';
import { flattenTasks, parseTasks, setTaskStatus, type TaskStatus } from '../specs';
import { loadSteering, type SteeringDoc } from '../steering';
import {
  traceFile,
  newRunId,
  pruneRuns,
  listRuns,
  TraceWriter,
  type RunStatus,
  type TaskRef,
  type TokenUsage,
  type TraceEvent,
  type TraceEventBody,
} from '../trace';
import { loadSpecIndex, requireSpec, requireTask, workspacePath } from '../workspace';
import { Checkpoints, defaultStorageDir } from './checkpoint';
import { ContextBuilder } from './context';
import { ContextBudget, DEFAULT_CONTEXT_TOKENS, estimateRequest, replyRoom } from './context-budget';
import { diskFiles, type WorkspaceFiles } from './files';
import { thisProcess } from './recover';
import { headlessApprover, type Approver, type EditReviewer } from './host';
import { ModelError, type ChatMessage, type ModelProvider, type StreamEvent } from './model';
import { guidancePrompt, type RunGuidance } from './guidance';
import { exclusive, takeSlot } from './queue';
import { TOOL_SPECS } from './tool-specs';
import { ToolBox, type CommandSettings } from './tools';

export const DEFAULT_MAX_TURNS = 40;
export const DEFAULT_KEEP_RUNS = 50;

/** How a run the runner finishes ends; `interrupted` is written only by recovery (recover.ts). */
export type Outcome = Exclude<RunStatus, 'interrupted'>;

/**
 * The abort reason of a host going away mid-run (a window reload or close). The runner then writes
 * nothing more: how far a dying process gets is a race, so the trace is left without an end for
 * recovery to close as interrupted, and give the task back, the same way whatever the timing.
 */
export class HostShutdown extends Error {
  constructor() {
    super('the window closed or reloaded while the run worked');
    this.name = 'HostShutdown';
  }
}

export interface RunTaskOptions {
  workspaceRoot: string;
  /** The spec's folder (absolute or workspace-relative), or a name only one spec carries. */
  spec: string;
  task: string;
  provider: ModelProvider;
  /** The merged command policy (user allow + deny, workspace deny); a function is read at every command. */
  rules: RulesSource;
  /** Decides `ask` commands and protected-file writes; default: headless (refuse). */
  approver?: Approver;
  /** `supervised` needs reviewEdit. Default autopilot. */
  mode?: 'autopilot' | 'supervised';
  reviewEdit?: EditReviewer;
  /**
   * The workspace's files as the person sees them: the spec is read, tasks.md's status set and the
   * tools' reads and writes made through it. Default: the disk (atomic writes).
   */
  workspaceFiles?: WorkspaceFiles;
  /** Every trace event as it is written, for a live follow log. */
  onEvent?: (event: TraceEvent) => void;
  /** Model output as it streams (text deltas, tool calls, retries). */
  onStream?: (event: StreamEvent) => void;
  /** Checkpoint storage (shadow git); null: no checkpoints. Default `.kiro/tiller/checkpoints`. */
  storageDir?: string | null;
  /** Workspace-relative files open in the editor: in play for fileMatch steering. */
  openFiles?: string[];
  /** The person's words beyond the task; `#name` includes manual steering. */
  prompt?: string;
  /** Why the spec's approvals did not allow the run, when a person chose to run anyway (recorded in run-start). */
  unapproved?: string;
  autoSteering?: string[];
  /** Whose ~/.kiro/steering to read; null skips global steering. */
  homeDir?: string | null;
  maxTurns?: number;
  /** Budget of input + output tokens over the whole run; none by default. */
  maxTokens?: number;
  maxOutputTokens?: number;
  signal?: AbortSignal;
  commands?: CommandSettings;
  runId?: string;
  /** Who started the run (`you`, `Run all`, `hook: …`, `cli`), for run lists. */
  trigger?: string;
  /** Traces kept per workspace: older finished ones are deleted as a run starts. Default 50. */
  keepRuns?: number;
  /** Narrows the run (drafts of a spec's documents, draft.ts); absent: every tool, task rules. */
  scope?: RunScope;
  /** false: the caller owns tasks.md's markers (the wave coordinator, waves/coordinator.ts); the run never sets them. */
  setsTaskStatus?: boolean;
  /** A person's guidance and pause while the run works, read before every model request. */
  guidance?: RunGuidance;
}

/**
 * A narrowed run: only `tools` are offered (others are refused), `mayWrite` returns why a
 * workspace-relative path may not be written (null: it may), and with `endsOnAnswer` the run
 * completes when the model answers without a tool call, its text the summary.
 */
export interface RunScope {
  tools: readonly string[];
  mayWrite: (rel: string) => string | null;
  endsOnAnswer: boolean;
}

export interface RunResult {
  runId: string;
  status: Outcome;
  /** Spec name, and its folder (workspace-relative), which identifies it. */
  spec: string;
  specDir: string;
  task: string;
  /** Absolute path of the trace file. */
  trace: string;
  usage: TokenUsage;
  reason: string;
  summary: string | null;
  turns: number;
  /** Commit of the pre-run checkpoint, when checkpoints are on and git worked. */
  checkpoint: string | null;
  filesChanged: string[];
}

class Stop extends Error {
  constructor(
    readonly status: Outcome,
    message: string,
  ) {
    super(message);
  }
}

export async function runTask(options: RunTaskOptions): Promise<RunResult> {
  const root = resolve(options.workspaceRoot);
  const index = await loadSpecIndex(root);
  const found = requireSpec(index, options.spec);
  // The spec as the person sees it (an unsaved tasks.md included): the prompt is built from the
  // same text the status edits are computed on.
  const files = options.workspaceFiles ?? diskFiles;
  for (const doc of Object.values(found.documents)) {
    const text = doc ? await files.read(doc) : null;
    if (doc && text !== null) index.update(doc, text);
  }
  const spec = index.specAt(found.dir) ?? found;
  const task = requireTask(spec, options.task);
  if (task.children.length)
    throw new Error(`task ${task.id} of '${spec.name}' has sub-tasks; run those (a parent is done when they are)`);
  if (!spec.documents.tasks) throw new Error(`spec '${spec.name}' has no tasks.md`);
  if ((options.mode ?? 'autopilot') === 'supervised' && !options.reviewEdit)
    throw new Error('supervised mode needs a reviewEdit callback');
  const subject: RunSubject = {
    ref: {
      spec: spec.name,
      specDir: workspacePath(root, spec.dir),
      id: task.id,
      title: task.title,
      tasksFile: workspacePath(root, spec.documents.tasks),
      requirements: [...task.requirements],
    },
    tasksFile: spec.documents.tasks,
    context: (steering) =>
      new ContextBuilder({
        workspaceRoot: root,
        spec,
        task,
        steering,
        openFiles: options.openFiles,
        prompt: options.prompt,
        autoSteering: options.autoSteering,
      }),
  };
  return new Run(root, subject, options).execute();
}

/** What the model is told, rebuilt before every request as files come into play. */
export interface RunContext {
  addFile(rel: string): boolean;
  build(turn: number): { system: string; event: TraceEventBody | null };
  taskMessage(): string;
}

/**
 * What a run works on: a task of a spec, or (prompt-run.ts) a prompt with no task, whose `ref`
 * carries empty spec, id and tasksFile and whose tasksFile is null, so no status is ever set.
 */
export interface RunSubject {
  ref: TaskRef;
  tasksFile: string | null;
  context(steering: SteeringDoc[]): RunContext;
}

export class Run {
  readonly runId: string;
  private readonly trace: TraceWriter;
  private readonly signal: AbortSignal;
  private readonly approver: Approver;
  private readonly files: WorkspaceFiles;
  private readonly tasksFile: string | null;
  private readonly maxTurns: number;
  private readonly usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  private readonly checkpoints: Checkpoints | null;
  private readonly edited = new Set<string>();
  private readonly budget: ContextBudget;
  private turns = 0;
  private summary: string | null = null;
  private started = Date.now();

  constructor(
    private readonly root: string,
    private readonly subject: RunSubject,
    private readonly o: Omit<RunTaskOptions, 'spec' | 'task'>,
  ) {
    this.runId = o.runId ?? newRunId();
    this.trace = new TraceWriter(traceFile(root, this.runId), this.runId, (e) => {
      if (e.type === 'edit' && e.applied) this.edited.add(e.path);
      o.onEvent?.(e);
    });
    this.signal = o.signal ?? new AbortController().signal;
    this.approver = o.approver ?? headlessApprover;
    this.files = o.workspaceFiles ?? diskFiles;
    this.tasksFile = subject.tasksFile;
    this.maxTurns = o.maxTurns ?? DEFAULT_MAX_TURNS;
    const storage = o.storageDir === undefined ? defaultStorageDir(root) : o.storageDir;
    this.checkpoints = storage === null ? null : new Checkpoints(root, storage);
    this.budget = new ContextBudget(
      o.provider.inputTokenLimit ?? DEFAULT_CONTEXT_TOKENS - replyRoom(DEFAULT_CONTEXT_TOKENS, o.maxOutputTokens),
    );
  }

  async execute(): Promise<RunResult> {
    const o = this.o;
    this.trace.emit({
      type: 'run-start',
      task: this.subject.ref,
      process: thisProcess(),
      ...(o.trigger ? { trigger: o.trigger } : {}),
      provider: o.provider.id,
      model: o.provider.model,
      settings: {
        mode: o.mode ?? 'autopilot',
        maxTurns: this.maxTurns,
        maxTokens: o.maxTokens ?? null,
        contextTokens: this.budget.limitTokens,
        headless: this.approver === headlessApprover,
        checkpoints: this.checkpoints !== null,
        ...(o.prompt ? { prompt: o.prompt } : {}),
        ...(o.unapproved ? { unapproved: o.unapproved } : {}),
      },
    });
    // This run's trace is on disk first, so it counts among the runs kept.
    await this.trace.flush().catch(() => undefined);
    await this.prune(Math.max(1, o.keepRuns ?? DEFAULT_KEEP_RUNS));
    const slot = takeSlot(this.root, this.signal);
    let status: Outcome;
    let reason: string;
    let before: string | null = null;
    try {
      if (slot.waiting) await this.setStatus('queued');
      try {
        await slot.ready;
      } catch {
        throw new Stop('cancelled', 'cancelled while waiting for another run to finish');
      }
      this.started = Date.now();
      before = await this.checkpoint('before');
      await this.setStatus('in-progress');
      ({ status, reason } = await this.loop());
    } catch (err) {
      ({ status, reason } = this.classify(err));
      if (status === 'failed')
        this.trace.emit({ type: 'error', message: reason, ...(err instanceof ModelError ? { kind: err.kind } : {}) });
    }
    try {
      if (this.signal.reason instanceof HostShutdown) return this.result(status, reason, before, [...this.edited]);
      await this.setStatus(status === 'completed' ? 'done' : 'todo');
      const after = before ? await this.checkpoint('after') : null;
      const files =
        before && after && this.checkpoints
          ? await this.checkpoints.changedBetween(before, after).catch(() => [...this.edited])
          : [...this.edited];
      this.trace.emit({
        type: 'run-end',
        status,
        reason,
        summary: this.summary,
        turns: this.turns,
        usage: { ...this.usage },
        durationMs: Date.now() - this.started,
        filesChanged: files.sort(),
      });
      return this.result(status, reason, before, files);
    } finally {
      slot.release();
      await this.trace.close();
    }
  }

  private result(status: Outcome, reason: string, checkpoint: string | null, filesChanged: string[]): RunResult {
    return {
      runId: this.runId,
      status,
      spec: this.subject.ref.spec,
      specDir: this.subject.ref.specDir,
      task: this.subject.ref.id,
      trace: this.trace.path,
      usage: { ...this.usage },
      reason,
      summary: this.summary,
      turns: this.turns,
      checkpoint,
      filesChanged,
    };
  }

  private async loop(): Promise<{ status: Outcome; reason: string }> {
    const o = this.o;
    const steering = await loadSteering({ workspaceRoot: this.root, homeDir: o.homeDir });
    const context = this.subject.context(steering.docs);
    const tools = new ToolBox({
      root: this.root,
      runId: this.runId,
      signal: this.signal,
      rules: o.rules,
      approver: this.approver,
      files: this.files,
      headless: this.approver === headlessApprover,
      reviewEdit: o.mode === 'supervised' ? o.reviewEdit : undefined,
      tasksFile: this.tasksFile,
      taskId: this.subject.ref.id,
      taskRequirements: this.subject.ref.requirements,
      emit: (body) => this.trace.emit(body),
      touched: (rel) => context.addFile(rel),
      commands: o.commands,
      scope: o.scope,
    });
    const messages: ChatMessage[] = [
      { role: 'system', content: '' },
      { role: 'user', content: context.taskMessage() },
    ];
    const offered = TOOL_SPECS.filter((t) => !o.scope || o.scope.tools.includes(t.name));
    let nudged = false;
    for (;;) {
      this.checkCancelled();
      if (this.turns >= this.maxTurns)
        throw new Stop(
          'failed',
          `stopped after ${this.maxTurns} model turns (max turns) without the task being completed`,
        );
      await this.takeGuidance(messages);
      const built = context.build(this.turns);
      if (built.event) this.trace.emit(built.event);
      messages[0] = { role: 'system', content: built.system };
      const trim = this.budget.fit(messages, offered);
      if (trim) this.trace.emit({ type: 'context-trim', turn: this.turns + 1, ...trim });
      const estimated = estimateRequest(messages, offered);
      const sent = performance.now();
      o.onStream?.({ type: 'request', turn: this.turns + 1 });
      const response = await o.provider.chat(
        { messages, tools: offered, maxOutputTokens: o.maxOutputTokens, signal: this.signal },
        o.onStream,
      );
      this.turns++;
      this.budget.observe(estimated, response.usage.inputTokens);
      this.usage.inputTokens += response.usage.inputTokens;
      this.usage.outputTokens += response.usage.outputTokens;
      this.trace.emit({
        type: 'model-turn',
        turn: this.turns,
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
        latencyMs: Math.round(performance.now() - sent),
        text: response.text,
        toolCalls: response.toolCalls.map((c) => ({ id: c.id, name: c.name })),
        stopReason: response.stopReason,
      });
      messages.push({
        role: 'assistant',
        content: response.text,
        ...(response.toolCalls.length ? { toolCalls: response.toolCalls } : {}),
      });
      for (const call of response.toolCalls) {
        this.checkCancelled();
        const result = await tools.execute(call);
        messages.push({
          role: 'tool',
          toolCallId: call.id,
          name: call.name,
          content: result.content,
          ...(result.isError ? { isError: true } : {}),
        });
      }
      this.checkCancelled();
      if (tools.completion !== null) {
        this.summary = tools.completion;
        return { status: 'completed', reason: 'the model called complete_task' };
      }
      const spent = this.usage.inputTokens + this.usage.outputTokens;
      if (o.maxTokens !== undefined && spent >= o.maxTokens)
        throw new Stop(
          'failed',
          `stopped at ${spent} tokens: the run's token budget (max tokens ${o.maxTokens}) is spent`,
        );
      if (response.toolCalls.length === 0 && o.scope?.endsOnAnswer) {
        this.summary = response.text;
        return { status: 'completed', reason: 'the model answered without a tool call' };
      }
      if (response.toolCalls.length === 0) {
        if (nudged)
          throw new Stop(
            'failed',
            `the model stopped without calling complete_task${response.text ? `: ${response.text.slice(0, 300)}` : ''}`,
          );
        nudged = true;
        messages.push({
          role: 'user',
          content:
            'You ended your turn without calling a tool. If the task is done, call complete_task with a summary; if something blocks you, say what and stop.',
        });
      }
    }
  }

  /** Holds while paused, then adds the guidance sent since the last turn to the conversation. */
  private async takeGuidance(messages: ChatMessage[]): Promise<void> {
    const guidance = this.o.guidance;
    if (!guidance) return;
    if (guidance.isPaused) {
      this.trace.emit({ type: 'pause', paused: true });
      await guidance.whenRunning(this.signal);
      this.checkCancelled();
      this.trace.emit({ type: 'pause', paused: false });
    }
    for (const message of guidance.take()) {
      this.trace.emit({ type: 'guidance', text: message.text, from: message.from });
      messages.push({ role: 'user', content: guidancePrompt(message) });
    }
  }

  /**
   * Keeps the newest `keep` runs' traces, and checkpoints only for the runs whose traces are kept:
   * a run with no end (still going, or awaiting recovery) keeps both.
   */
  private async prune(keep: number): Promise<void> {
    await pruneRuns(this.root, keep).catch(() => undefined);
    const kept = new Set(await listRuns(this.root));
    // No trace of this run on disk: the listing cannot be trusted to say what to keep.
    if (!this.checkpoints || !kept.has(this.runId)) return;
    await this.checkpoints.prune((id) => kept.has(id)).catch(() => undefined);
  }

  private checkCancelled(): void {
    if (this.signal.aborted) throw new Stop('cancelled', 'cancelled');
  }

  private classify(err: unknown): { status: Outcome; reason: string } {
    if (err instanceof Stop) return { status: err.status, reason: err.message };
    if (this.signal.aborted) return { status: 'cancelled', reason: 'cancelled' };
    if (err instanceof ModelError) return { status: 'failed', reason: `model error (${err.kind}): ${err.message}` };
    return { status: 'failed', reason: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  }

  private async checkpoint(phase: 'before' | 'after'): Promise<string | null> {
    if (!this.checkpoints) return null;
    try {
      const commit = await this.checkpoints.snapshot(this.runId, phase);
      this.trace.emit({ type: 'checkpoint', phase, commit });
      return commit;
    } catch (err) {
      // A workspace without git on PATH still runs; it just cannot be reverted.
      this.trace.emit({
        type: 'checkpoint',
        phase,
        commit: null,
        error: err instanceof Error ? err.message : String(err),
      });
      return null;
    }
  }

  private async setStatus(status: TaskStatus): Promise<void> {
    const file = this.tasksFile;
    const id = this.subject.ref.id;
    if (file === null || this.o.setsTaskStatus === false) return;
    let changed: { id: string; status: string }[] = [];
    let was: TaskStatus | undefined;
    try {
      await exclusive(file, () =>
        this.files.edit(file, (text) => {
          const result = setTaskStatus(text, id, status);
          const tasks = flattenTasks(parseTasks(text, '').tasks);
          was = tasks.find((t) => t.id === id)?.status;
          const byMarker = new Map(tasks.map((t) => [t.marker.start, t.id]));
          changed = result.edits.map((e) => ({
            id: byMarker.get(e.offset) ?? '?',
            status: STATUS_OF[e.newText] ?? e.newText,
          }));
          return result;
        }),
      );
      this.trace.emit({ type: 'task-status', task: id, status, ...(was ? { was } : {}), changed });
    } catch (err) {
      // The task vanished or the file went away under us: say so; the run's outcome stands.
      this.trace.emit({
        type: 'error',
        message: `could not set task ${id} to ${status}: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
}

const STATUS_OF: Record<string, string> = { ' ': 'todo', '-': 'in-progress', '~': 'queued', x: 'done' };
