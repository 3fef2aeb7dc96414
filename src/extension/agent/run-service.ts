// Starts agent runs in VS Code and owns their lifecycle: the model from the user's settings, the
// command policy and approvals, the workspace's files through open editors (workspace-files.ts), checkpoints in the
// extension's storage, supervised review in the diff editor. One run at a time per workspace
// (the core queue); runs that wait are `queued` here and `[~]` in tasks.md.
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  HostShutdown,
  recoverRuns,
  runPrompt,
  runTask,
  type EditReview,
  type EditReviewRequest,
  type InterruptedRun,
  type RunResult,
  type RunTaskOptions,
} from '../../core/agent';
import type { StreamEvent } from '../../core/agent/model';
import { flattenTasks, nextLeafTask } from '../../core/specs';
import { recoverWaves, runWaves, WavesRefusedError, type WavesResult } from '../../core/waves';
import { newRunId, traceFile, type TraceEvent } from '../../core/trace';
import { loadSpecIndex } from '../../core/workspace';
import type { ApprovalService } from '../policy/approvals';
import type { PolicySettings } from '../policy/policy-settings';
import { taskLabel } from '../task-presentation';
import type { WorkspaceModel } from '../workspace-model';
import { readAgentSettings, type AgentSettings } from './agent-settings';
import { createApprover } from './approver';
import type { EditReviews } from './edit-reviews';
import { editorFiles } from './workspace-files';
import { offerInterruptedWave, offerOneByOne, reportWaves, waveTaskState } from './wave-runs';
import { createModelProvider, fixesFor, runFix, SetupProblem } from './model-setup';
import { runApproval } from '../authoring/run-gate';
import type { RunApproval } from '../../core/specs/workflow';
import type {
  CustomRunRequest,
  PendingEditReview,
  PreTaskGate,
  PromptRunRequest,
  RunInfo,
  RunOptionsBase,
  RunService,
  TaskRunRequest,
} from './runs';
import { RunGuidance } from '../../core/agent';

const SHOW_TRACE = 'Show trace';
const FOLLOW_LOG = 'Open follow log';
const RETRY = 'Retry';
const RUN_ALL = 'Run all';
/** Finished runs kept in memory for the status bar, pickers and the follow log's session list. */
const KEPT_RUNS = 100;

interface Live {
  info: RunInfo;
  controller: AbortController;
  guidance: RunGuidance;
  root: string;
  /** Where the run works when that is not `root`: a wave task's worktree (its trace is there until it ends). */
  runRoot?: string;
  /** Kind of the last model error, for the button that fixes it. */
  errorKind?: string;
  /** Starts the same run again (the Retry button after a timeout). */
  retry: () => Promise<RunResult | undefined>;
}

export class VsCodeRunService implements RunService, vscode.Disposable {
  private readonly all: Live[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly traced = new vscode.EventEmitter<TraceEvent>();
  private readonly streamed = new vscode.EventEmitter<{ runId: string; event: StreamEvent }>();
  private preTaskGate: PreTaskGate | undefined;
  private recovery: Promise<unknown> = Promise.resolve();
  private readonly reverted = new vscode.EventEmitter<string>();
  readonly onDidChangeRuns = this.changed.event;
  readonly onDidRevertRun = this.reverted.event;
  readonly onDidTraceEvent = this.traced.event;
  readonly onDidStream = this.streamed.event;
  readonly onDidChangeEditReviews: vscode.Event<void>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly model: WorkspaceModel,
    private readonly policy: PolicySettings,
    private readonly approvals: ApprovalService,
    private readonly reviews: EditReviews,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.onDidChangeEditReviews = reviews.onDidChangeReviews;
  }

  dispose(): void {
    // A run the window leaves is closed by recovery in the next one (HostShutdown says why).
    for (const live of this.all) live.controller.abort(new HostShutdown());
    this.changed.dispose();
    this.traced.dispose();
    this.streamed.dispose();
    this.reverted.dispose();
  }

  runs(): RunInfo[] {
    return this.all.map((l) => ({ ...l.info }));
  }

  /** A window open for weeks runs thousands of times: keep the newest finished runs (traces keep all). */
  private forgetOldRuns(): void {
    let finished = this.all.filter((l) => l.info.ended).length;
    for (let i = 0; i < this.all.length && finished > KEPT_RUNS;) {
      if (this.all[i].info.ended) {
        this.all.splice(i, 1);
        finished--;
      } else i++;
    }
  }

  /** The run holding the workspace now, if any. */
  current(): RunInfo | undefined {
    return this.all.find((l) => l.info.state === 'running')?.info;
  }

  queued(): RunInfo[] {
    return this.all.filter((l) => l.info.state === 'queued').map((l) => l.info);
  }

  editReviews(): PendingEditReview[] {
    return this.reviews.list();
  }

  answerEditReview(id: string, review: { accept: true } | { accept: false; reason?: string }): boolean {
    return this.reviews.answer(id, review);
  }

  setPreTaskGate(gate: PreTaskGate | undefined): void {
    this.preTaskGate = gate;
  }

  cancel(runId: string): void {
    this.all.find((l) => l.info.runId === runId && !l.info.ended)?.controller.abort();
  }

  guidance(runId: string): RunGuidance | undefined {
    return this.all.find((l) => l.info.runId === runId && !l.info.ended)?.guidance;
  }

  /**
   * Closes the runs of every workspace folder whose process is gone (a reload or crash mid-run) as
   * interrupted and puts their tasks' markers back; says so once, since a closed trace is not
   * found again. Runs this window is running are left alone.
   */
  recover(): Promise<InterruptedRun[]> {
    const pass = this.closeInterrupted();
    this.recovery = pass.catch(() => undefined);
    return pass;
  }

  recovered(): Promise<void> {
    return this.recovery.then(() => undefined);
  }

  private async closeInterrupted(): Promise<InterruptedRun[]> {
    const live = new Set(this.all.filter((l) => !l.info.ended).map((l) => l.info.runId));
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const found = (
      await Promise.all(
        roots.map((f) => recoverRuns({ workspaceRoot: f.uri.fsPath, workspaceFiles: editorFiles, live })),
      )
    ).flat();
    for (const run of found) this.log.warn(`run ${run.runId} (${run.title}) was interrupted: its process is gone`);
    if (found.length) {
      const names = found.map((r) => `"${r.task ? `${r.task} ${r.title}` : r.title}"`).join(', ');
      const restored = found.some((r) => r.restored) ? ' Their tasks are back to how they were before the run.' : '';
      void vscode.window.showWarningMessage(
        `Tiller: ${found.length === 1 ? 'a run was' : `${found.length} runs were`} interrupted when the window reloaded or closed: ${names}.${restored}`,
      );
    }
    for (const root of roots) {
      const waves = await recoverWaves({ workspaceRoot: root.uri.fsPath, workspaceFiles: editorFiles });
      for (const wave of waves) void offerInterruptedWave(wave, root.uri.fsPath, this.log);
    }
    return found;
  }

  noteReverted(runId: string): void {
    this.reverted.fire(runId);
  }

  /** Checkpoint storage per workspace folder, in VS Code's storage rather than the repository. */
  storageDir(root: string): string {
    const base = (this.context.storageUri ?? this.context.globalStorageUri).fsPath;
    return join(base, 'checkpoints', createHash('sha256').update(root).digest('hex').slice(0, 12));
  }

  async runTask(request: TaskRunRequest): Promise<RunResult | undefined> {
    const found = this.model.task(request.specDir, request.taskId);
    if (!found) {
      void vscode.window.showErrorMessage(`Tiller: task ${request.taskId} is no longer in its spec.`);
      return undefined;
    }
    const root = this.rootOf(request.specDir);
    if (!root) return undefined;
    const gate = await this.preTaskGate?.({ root, spec: found.spec.name, task: found.task.id });
    if (gate?.blocked) {
      void vscode.window.showWarningMessage(
        `Tiller: a pre-task hook blocked "${taskLabel(found.task)}": ${gate.reason ?? 'no reason given'}`,
      );
      return undefined;
    }
    const spec = found.spec;
    const approval = await (request.approval ?? runApproval()).check(spec.dir, spec.name);
    if (!approval.run) return undefined;
    return this.start(
      {
        spec: spec.name,
        specDir: spec.dir,
        task: found.task.id,
        title: taskLabel(found.task),
        trigger: request.trigger ?? 'you',
      },
      root,
      (common) =>
        runTask({
          ...common,
          spec: spec.dir,
          task: found.task.id,
          prompt: request.prompt,
          unapproved: approval.unapproved,
        }),
      () => this.runTask(request),
    );
  }

  async runPrompt(request: PromptRunRequest): Promise<RunResult | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) {
      void vscode.window.showErrorMessage('Tiller: open a folder to run the agent in.');
      return undefined;
    }
    const title = request.trigger.replace(/^hook: /, '') || request.prompt.split('\n')[0].slice(0, 80);
    return this.start(
      { spec: null, specDir: null, task: null, title, trigger: request.trigger },
      root,
      (common) => runPrompt({ ...common, prompt: request.prompt, title, files: request.files }),
      () => this.runPrompt(request),
    );
  }

  async runCustom(
    request: CustomRunRequest,
    launch: (common: RunOptionsBase) => Promise<RunResult>,
  ): Promise<RunResult | undefined> {
    const root = request.specDir ? this.rootOf(request.specDir) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) {
      if (!request.specDir) void vscode.window.showErrorMessage('Tiller: open a folder to run the agent in.');
      return undefined;
    }
    return this.start({ ...request, task: null, trigger: request.trigger ?? 'you' }, root, launch, () =>
      this.runCustom(request, launch),
    );
  }

  reviewEdit(request: EditReviewRequest, signal: AbortSignal): Promise<EditReview> {
    return this.reviews.review(request, signal);
  }

  /**
   * Runs the spec's remaining tasks: with tiller.agent.parallelism above 1 wave by wave, each task
   * of a wave in its own git worktree (wave-runs.ts); otherwise, or when the person chooses so
   * after the workspace refused worktrees, one after another in place.
   */
  async runAll(specDir: string): Promise<RunResult[] | WavesResult> {
    const root = this.rootOf(specDir);
    if (!root) return [];
    const parallelism = readAgentSettings().parallelism;
    // Asked before the first task; a "Run anyway" holds for the rest while the same reason stands.
    const approval = runApproval();
    if (parallelism > 1) {
      const waves = await this.runWaves(specDir, root, parallelism, approval);
      if (waves !== 'sequential') return waves ?? [];
    }
    return this.runOneByOne(specDir, root, approval);
  }

  private async runOneByOne(specDir: string, root: string, approval: RunApproval): Promise<RunResult[]> {
    const results: RunResult[] = [];
    for (;;) {
      const fresh = (await loadSpecIndex(root)).specAt(specDir);
      const next = fresh && nextLeafTask(fresh.tasks);
      if (!next || results.some((r) => r.task === next.id)) break;
      const result = await this.runTask({ specDir, taskId: next.id, trigger: RUN_ALL, approval });
      if (!result) break;
      results.push(result);
      if (result.status !== 'completed') break;
    }
    return results;
  }

  /**
   * One wave coordinator for the spec; each task is a run of this session (listed, followed,
   * cancelled like any), all sharing one signal: cancelling any of them stops the wave. The
   * coordinator alone edits tasks.md, through the editor (an open buffer is edited, Undo works).
   * 'sequential': the workspace cannot hold worktrees and the person chose to run one by one.
   */
  private async runWaves(
    specDir: string,
    root: string,
    parallelism: number,
    approvals: RunApproval,
  ): Promise<WavesResult | 'sequential' | undefined> {
    const spec = (await loadSpecIndex(root)).specAt(specDir);
    if (!spec) return undefined;
    const approval = await approvals.check(spec.dir, spec.name);
    if (!approval.run) return undefined;
    const ready = await this.prepare();
    if (!ready) return undefined;
    const controller = new AbortController();
    const lives = new Map<string, Live>();
    const titles = new Map(flattenTasks(spec.tasks).map((t) => [t.id, taskLabel(t)]));
    const retry = () => this.runAll(specDir).then(() => undefined);
    const waveRun = newRunId();
    let result: WavesResult;
    try {
      result = await runWaves({
        ...this.sharedOptions(ready, root),
        spec: spec.dir,
        parallelism,
        signal: controller.signal,
        trigger: RUN_ALL,
        unapproved: approval.unapproved,
        workspaceFiles: editorFiles,
        gate: async (task) => {
          const gate = await this.preTaskGate?.({ root, spec: spec.name, task });
          return gate?.blocked ? `a pre-task hook blocked it: ${gate.reason ?? 'no reason given'}` : null;
        },
        onWave: (index, tasks) => {
          const wave = { id: `${waveRun}/${index + 1}`, index: index + 1 };
          for (const task of tasks) {
            const what = { spec: spec.name, specDir: spec.dir, task, title: titles.get(task) ?? task, wave };
            const info = { ...what, trigger: RUN_ALL, runId: newRunId(), state: 'queued' as const };
            lives.set(task, this.track(info, root, controller, retry));
          }
        },
        taskOptions: (task) => {
          const live = lives.get(task) as Live;
          return {
            runId: live.info.runId,
            guidance: live.guidance,
            approver: createApprover(this.approvals, this.policy, `task ${task}`),
            onStream: (event) => this.streamed.fire({ runId: live.info.runId, event }),
          };
        },
        onTaskStart: (task, taskRoot) => {
          const live = lives.get(task) as Live;
          live.runRoot = taskRoot;
        },
        onTaskEvent: (task, event) => this.onEvent(lives.get(task) as Live, event),
        onTaskEnd: (outcome) => {
          const live = lives.get(outcome.id);
          if (!live) return;
          live.info.state = waveTaskState(outcome);
          live.info.ended = Date.now();
          if (outcome.trace) live.info.trace = outcome.trace;
          this.changed.fire();
        },
      });
    } catch (err) {
      for (const live of lives.values())
        if (!live.info.ended) Object.assign(live.info, { state: 'failed', ended: Date.now() });
      this.changed.fire();
      if (err instanceof WavesRefusedError)
        return (await offerOneByOne(spec.name, err.message)) ? 'sequential' : undefined;
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`run all of ${spec.name} could not run: ${message}`);
      void vscode.window.showErrorMessage(`Tiller: the tasks of "${spec.name}" could not run: ${message}`);
      return undefined;
    }
    this.log.info(`run all of ${spec.name} (${parallelism} at once): ${result.status}: ${result.reason}`);
    void reportWaves(result, root, this.log);
    return result;
  }

  private rootOf(specDir: string): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(specDir));
    if (!folder) void vscode.window.showErrorMessage('Tiller: that spec is not inside an open workspace folder.');
    return folder?.uri.fsPath;
  }

  private async start(
    what: Pick<RunInfo, 'spec' | 'specDir' | 'task' | 'title' | 'trigger'>,
    root: string,
    launch: (common: CommonOptions) => Promise<RunResult>,
    retry: () => Promise<RunResult | undefined>,
  ): Promise<RunResult | undefined> {
    const ready = await this.prepare();
    if (!ready) return undefined;
    const runId = newRunId();
    const busy = this.all.some((l) => l.root === root && !l.info.ended);
    const live = this.track({ ...what, runId, state: busy ? 'queued' : 'running' }, root, new AbortController(), retry);
    const open = new Set(
      vscode.window.visibleTextEditors
        .map((e) => e.document.uri)
        .filter((u) => u.scheme === 'file')
        .map((u) => vscode.workspace.asRelativePath(u, false)),
    );
    let result: RunResult;
    try {
      result = await launch({
        ...this.sharedOptions(ready, root),
        runId,
        approver: createApprover(this.approvals, this.policy),
        workspaceFiles: editorFiles,
        storageDir: this.storageDir(root),
        openFiles: [...open],
        signal: live.controller.signal,
        guidance: live.guidance,
        trigger: what.trigger,
        onEvent: (event) => this.onEvent(live, event),
        onStream: (event) => this.streamed.fire({ runId, event }),
      });
    } catch (err) {
      live.info.state = 'failed';
      live.info.ended = Date.now();
      this.changed.fire();
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`run ${runId} could not start: ${message}`);
      void vscode.window.showErrorMessage(`Tiller: "${what.title}" could not run: ${message}`);
      return undefined;
    }
    live.info.state = result.status;
    live.info.ended = Date.now();
    this.changed.fire();
    void this.report(live, result);
    return result;
  }

  /** The settings and model every run needs, or undefined (and the person told why) when a run cannot start. */
  private async prepare(): Promise<Prepared | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window
        .showWarningMessage(
          'Tiller: this workspace is in Restricted Mode, so the agent does not run. Trust the workspace to run tasks.',
          'Manage Workspace Trust',
        )
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
        });
      return undefined;
    }
    const settings = readAgentSettings();
    try {
      return { settings, provider: await createModelProvider(settings, this.context.secrets) };
    } catch (err) {
      if (!(err instanceof SetupProblem)) throw err;
      void vscode.window.showWarningMessage(err.message, ...err.actions).then(runFix);
      return undefined;
    }
  }

  /** What every run of this window shares: model, policy, review, limits. */
  private sharedOptions({ settings, provider }: Prepared, root: string) {
    return {
      workspaceRoot: root,
      provider,
      rules: () => this.policy.rules(),
      mode: settings.mode,
      reviewEdit: (request: EditReviewRequest, signal: AbortSignal) => this.reviews.review(request, signal),
      maxTurns: settings.maxTurns,
      maxTokens: settings.maxTokens,
      keepRuns: settings.keepRuns,
      commands: {
        timeoutMs: this.policy.timeoutMs(),
        maxOutputBytes: this.policy.maxOutputBytes(),
        passEnv: this.policy.passEnv(),
      },
    };
  }

  /** Lists a run in this session (queued or running), for the status bar, pickers and the follow log. */
  private track(
    what: Pick<RunInfo, 'spec' | 'specDir' | 'task' | 'title' | 'trigger' | 'runId' | 'state' | 'wave'>,
    root: string,
    controller: AbortController,
    retry: () => Promise<RunResult | undefined>,
  ): Live {
    const live: Live = {
      info: { ...what, trace: null, started: Date.now() },
      controller,
      guidance: new RunGuidance(),
      root,
      retry,
    };
    this.all.push(live);
    this.forgetOldRuns();
    this.changed.fire();
    return live;
  }

  private onEvent(live: Live, event: TraceEvent): void {
    if (event.type === 'run-start') live.info.trace = traceFile(live.runRoot ?? live.root, live.info.runId);
    // A queued run has started once it takes its checkpoint or marks its task in progress.
    if (
      live.info.state === 'queued' &&
      (event.type === 'checkpoint' ||
        event.type === 'context' ||
        (event.type === 'task-status' && event.status === 'in-progress'))
    ) {
      live.info.state = 'running';
      this.changed.fire();
    }
    if (event.type === 'error' && event.kind) live.errorKind = event.kind;
    this.traced.fire(event);
  }

  private async report(live: Live, result: RunResult): Promise<void> {
    const { title } = live.info;
    this.log.info(`run ${result.runId} (${title}): ${result.status}: ${result.reason}`);
    if (result.status === 'completed') {
      const choice = await vscode.window.showInformationMessage(
        `Tiller: "${title}" completed${result.summary ? `: ${result.summary}` : '.'}`,
        FOLLOW_LOG,
        SHOW_TRACE,
      );
      return this.follow(choice, result);
    }
    if (result.status === 'cancelled') {
      void vscode.window.showInformationMessage(`Tiller: "${title}" was cancelled; its task is back to [ ].`);
      return;
    }
    const fixes = fixesFor(live.errorKind);
    // A model that did not answer in time may well answer now: offer the same run again.
    const retry = live.errorKind === 'timeout' ? [RETRY] : [];
    const choice = await vscode.window.showErrorMessage(
      `Tiller: "${title}" failed: ${result.reason}`,
      ...retry,
      ...fixes,
      FOLLOW_LOG,
      SHOW_TRACE,
    );
    if (choice === RETRY) return void (await live.retry());
    if (choice && fixes.includes(choice)) return runFix(choice);
    return this.follow(choice, result);
  }

  private async follow(choice: string | undefined, result: RunResult): Promise<void> {
    if (choice === SHOW_TRACE) await vscode.window.showTextDocument(vscode.Uri.file(result.trace));
    else if (choice === FOLLOW_LOG) await openFollowLog(result.trace);
  }
}

type CommonOptions = Omit<RunTaskOptions, 'spec' | 'task'>;

interface Prepared {
  settings: AgentSettings;
  provider: RunTaskOptions['provider'];
}

/** The follow log is another view; when it is missing, the trace file is the next best thing. */
export async function openFollowLog(trace: string): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('tiller.followLog.focus')) await vscode.commands.executeCommand('tiller.followLog.focus');
  else await vscode.window.showTextDocument(vscode.Uri.file(trace));
}
