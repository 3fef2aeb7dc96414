// Turns events into hook runs with flow control. File and commit events collect for a quiet
// window (a `git checkout` of 2,000 files fires each matching hook once, with every path); each
// hook runs one at a time, and whatever arrives while it runs waits in one coalesced batch for
// the next run instead of being dropped or run in parallel. Paths a hook's own run wrote do not
// fire that hook again. Nothing here blocks the caller: `fire` returns at once.
import { join } from 'node:path';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { agentPrompt, commandInput } from './describe';
import { isLive, matchEvent, relativePath } from './match';
import type { Hook, HookEvent, HookPayload, TaskInfo } from './model';
import type { AgentLauncher, CommandRunner } from './runners';

export type HookOutcome =
  | { kind: 'command'; exitCode: number | null; timedOut: boolean; output: string; blocked: boolean }
  | { kind: 'agent' }
  | { kind: 'refused'; reason: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; error: string };

export interface HookRun {
  hook: Hook;
  payload: HookPayload;
  startedAt: number;
  durationMs: number;
  outcome: HookOutcome;
}

export interface DispatcherOptions {
  workspaceRoot: string;
  commands: CommandRunner;
  /** Absent: agent actions are skipped with a reason saying a model must be configured. */
  agent?: AgentLauncher;
  /** False (an untrusted workspace): nothing fires at all. Default: trusted. */
  isTrusted?: () => boolean;
  /** Quiet time before collected file and commit events fire. Default 300 ms. */
  debounceMs?: number;
  /** A steady stream of events still fires after this long. Default 5000 ms. */
  maxWaitMs?: number;
  /** Whether a change on disk by another program counts as a save (see triggers.ts). Default false. */
  changedIsSave?: boolean;
  /** How long after a run ends the paths it wrote stay suppressed, for watcher latency. Default 2000 ms. */
  suppressGraceMs?: number;
  /** Called after every run (logs, the follow view, tests). */
  onRun?: (run: HookRun) => void;
  /** Default: the system clock. */
  clock?: Clock;
}

export interface PreTaskResult {
  blocked: boolean;
  reason?: string;
  runs: HookRun[];
}

interface Batch {
  payload: HookPayload;
  paths: Set<string>;
  waiters: Array<(run: HookRun) => void>;
}

interface HookState {
  collecting?: Batch;
  ready?: Batch;
  running: boolean;
  /** Path → time until which events on it are ignored for this hook; Infinity while the run lasts. */
  suppressed: Map<string, number>;
}

/** Event types that wait for the quiet window; the rest (tasks, prompts, manual) go straight to the queue. */
const DEBOUNCED = new Set<HookEvent['type']>(['saved', 'created', 'changed', 'deleted', 'commit']);

export class HookDispatcher {
  private hooks: Hook[] = [];
  private readonly states = new Map<string, HookState>();
  private timer: TimerHandle | undefined;
  private windowStart = 0;
  /** Paths created in the current window: writing a new file reports a change too, which is not a save. */
  private readonly createdInWindow = new Set<string>();
  private readonly idleWaiters: Array<() => void> = [];
  private disposed = false;
  /** Aborted on dispose: commands still running are ended rather than waited for. */
  private readonly stopping = new AbortController();
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly graceMs: number;

  constructor(private readonly options: DispatcherOptions) {
    this.debounceMs = options.debounceMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 5000;
    this.graceMs = options.suppressGraceMs ?? 2000;
    this.clock = options.clock ?? systemClock;
  }

  /** Replaces the hook set (after a reload). Queued work for a hook that still exists is kept. */
  setHooks(hooks: readonly Hook[]): void {
    this.hooks = [...hooks];
    const ids = new Set(hooks.map((h) => h.id));
    for (const [id, state] of this.states) {
      if (ids.has(id) || state.running) continue;
      this.settle(state.collecting, id, 'the hook was removed');
      this.settle(state.ready, id, 'the hook was removed');
      this.states.delete(id);
    }
  }

  getHooks(): readonly Hook[] {
    return this.hooks;
  }

  /** Feeds an event. Returns at once; matching hooks run later, in the background. */
  fire(event: HookEvent): void {
    void this.enqueue(event, false);
  }

  /** Feeds an event and resolves with the runs it caused once they have all finished. */
  fireAndWait(event: HookEvent): Promise<HookRun[]> {
    return this.enqueue(event, true);
  }

  /**
   * Runs the pre-task hooks for a task and says whether one blocked it: a command hook that exits
   * with code 2 blocks the task, and its output is the reason.
   */
  async firePreTask(task: TaskInfo): Promise<PreTaskResult> {
    const runs = await this.fireAndWait({ type: 'task-start', ...task });
    const blocking = runs.filter((r) => r.outcome.kind === 'command' && r.outcome.blocked);
    if (!blocking.length) return { blocked: false, runs };
    const reason = blocking
      .map((r) => {
        const output = r.outcome.kind === 'command' ? r.outcome.output.trim().slice(-2000) : '';
        return `hook "${r.hook.name}" blocked the task${output ? `: ${output}` : ''}`;
      })
      .join('\n');
    return { blocked: true, reason, runs };
  }

  /**
   * Tells the dispatcher that a hook's run wrote these paths, so that the events they cause do not
   * fire the same hook again. Suppression lasts while the hook runs and for a grace period after.
   */
  suppress(hookId: string, paths: readonly string[]): void {
    const state = this.state(hookId);
    const until = state.running ? Infinity : this.clock.now() + this.graceMs;
    for (const p of paths) state.suppressed.set(relativePath(this.options.workspaceRoot, p), until);
  }

  /** Resolves when nothing is collecting, queued or running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops the timer, drops collected and queued work and aborts the commands still running, so
   * that idle() resolves as soon as they have ended.
   */
  dispose(): void {
    this.disposed = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.createdInWindow.clear();
    this.stopping.abort();
    for (const [id, state] of this.states) {
      this.settle(state.collecting, id, 'the dispatcher was disposed');
      this.settle(state.ready, id, 'the dispatcher was disposed');
      state.collecting = state.ready = undefined;
    }
    this.checkIdle();
  }

  private enqueue(event: HookEvent, wait: boolean): Promise<HookRun[]> {
    if (this.disposed || !(this.options.isTrusted?.() ?? true)) return Promise.resolve([]);
    const normalized = this.normalize(event);
    if (normalized.type === 'created') for (const p of normalized.paths) this.createdInWindow.add(p);
    if (normalized.type === 'changed') normalized.paths = normalized.paths.filter((p) => !this.createdInWindow.has(p));
    const now = this.clock.now();
    const debounced = DEBOUNCED.has(event.type);
    const runs: Array<Promise<HookRun>> = [];
    for (const hook of this.hooks) {
      if (!isLive(hook)) continue;
      const payload = matchEvent(hook, normalized, this.options.changedIsSave ?? false);
      if (!payload) continue;
      const state = this.state(hook.id);
      if (!this.unsuppressed(state, payload, now)) continue;
      const batch = debounced ? (state.collecting ??= emptyBatch(payload)) : (state.ready ??= emptyBatch(payload));
      merge(batch, payload);
      if (wait) runs.push(new Promise((resolve) => batch.waiters.push(resolve)));
      if (!debounced) this.pump(hook.id);
    }
    if (debounced) this.schedule(now);
    return Promise.all(runs);
  }

  private normalize(event: HookEvent): HookEvent {
    const rel = (p: string) => relativePath(this.options.workspaceRoot, p);
    if ('paths' in event) return { ...event, paths: event.paths.map(rel) };
    if (event.type === 'commit') return { ...event, files: event.files.map(rel) };
    return event;
  }

  /** Drops suppressed paths from the payload; false when nothing is left of a path event. */
  private unsuppressed(state: HookState, payload: HookPayload, now: number): boolean {
    if (!state.suppressed.size || !payload.paths.length) return true;
    payload.paths = payload.paths.filter((p) => {
      const until = state.suppressed.get(p);
      if (until === undefined) return true;
      if (until > now) return false;
      state.suppressed.delete(p);
      return true;
    });
    return payload.paths.length > 0 || payload.trigger === 'commit';
  }

  private schedule(now: number): void {
    if (this.timer === undefined) this.windowStart = now;
    this.clock.clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.debounceMs, this.windowStart + this.maxWaitMs - now));
    this.timer = this.clock.setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    this.timer = undefined;
    this.createdInWindow.clear();
    for (const [id, state] of this.states) {
      if (!state.collecting) continue;
      const batch = state.collecting;
      state.collecting = undefined;
      if (state.ready) {
        merge(state.ready, batch.payload);
        state.ready.waiters.push(...batch.waiters);
      } else {
        state.ready = batch;
      }
      this.pump(id);
    }
    this.checkIdle();
  }

  /** Starts the hook's run loop unless it is already running; the loop drains `ready` batch by batch. */
  private pump(hookId: string): void {
    const state = this.state(hookId);
    if (state.running || !state.ready) return;
    state.running = true;
    // The loop starts on the next turn, so that the caller (a save, a watcher callback) only ever
    // pays for bookkeeping.
    setImmediate(async () => {
      while (state.ready && !this.disposed) {
        const batch = state.ready;
        state.ready = undefined;
        const run = await this.runOnce(hookId, batch.payload);
        for (const [path, until] of state.suppressed)
          if (until === Infinity) state.suppressed.set(path, this.clock.now() + this.graceMs);
        this.options.onRun?.(run);
        for (const resolve of batch.waiters) resolve(run);
      }
      state.running = false;
      this.checkIdle();
    });
  }

  private async runOnce(hookId: string, payload: HookPayload): Promise<HookRun> {
    const startedAt = this.clock.now();
    const hook = this.hooks.find((h) => h.id === hookId);
    const done = (outcome: HookOutcome, h: Hook = hook!): HookRun => ({
      hook: h,
      payload,
      startedAt,
      durationMs: this.clock.now() - startedAt,
      outcome,
    });
    if (!hook || !isLive(hook))
      return done({ kind: 'skipped', reason: 'the hook was disabled or removed' }, hook ?? placeholder(hookId));
    if (!(this.options.isTrusted?.() ?? true)) return done({ kind: 'skipped', reason: 'the workspace is not trusted' });
    try {
      return done(await this.act(hook, payload));
    } catch (err) {
      return done({ kind: 'failed', error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async act(hook: Hook, payload: HookPayload): Promise<HookOutcome> {
    const action = hook.action!;
    if (action.type === 'agent') {
      if (!this.options.agent) return { kind: 'skipped', reason: 'agent actions need a configured model' };
      const result = await this.options.agent.ask({
        prompt: agentPrompt(action.prompt, payload),
        event: payload,
        hook,
      });
      if (result?.writtenPaths?.length) this.suppress(hook.id, result.writtenPaths);
      return { kind: 'agent' };
    }
    // A command cannot say what it wrote; a change on disk to a path it was given, during its run,
    // is taken as its own (a formatter on save), so it does not fire the hook again.
    if (this.options.changedIsSave && payload.trigger === 'fileSaved') this.suppress(hook.id, payload.paths);
    const result = await this.options.commands.run({
      command: action.command,
      cwd: hook.root === undefined ? this.options.workspaceRoot : join(this.options.workspaceRoot, hook.root),
      timeoutMs: action.timeoutMs,
      stdin: commandInput(hook, payload, this.options.workspaceRoot),
      hook,
      signal: this.stopping.signal,
    });
    if (result.status === 'refused') return { kind: 'refused', reason: result.reason };
    if (result.writtenPaths?.length) this.suppress(hook.id, result.writtenPaths);
    return {
      kind: 'command',
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      output: result.output,
      blocked: payload.trigger === 'preTask' && result.exitCode === 2,
    };
  }

  private state(hookId: string): HookState {
    let state = this.states.get(hookId);
    if (!state) {
      state = { running: false, suppressed: new Map() };
      this.states.set(hookId, state);
    }
    return state;
  }

  private settle(batch: Batch | undefined, hookId: string, reason: string): void {
    if (!batch?.waiters.length) return;
    const hook = this.hooks.find((h) => h.id === hookId) ?? placeholder(hookId);
    const run: HookRun = {
      hook,
      payload: batch.payload,
      startedAt: this.clock.now(),
      durationMs: 0,
      outcome: { kind: 'skipped', reason },
    };
    for (const resolve of batch.waiters) resolve(run);
  }

  private isIdle(): boolean {
    if (this.timer !== undefined) return false;
    for (const state of this.states.values()) if (state.running || state.ready || state.collecting) return false;
    return true;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

function emptyBatch(like: HookPayload): Batch {
  return { payload: { trigger: like.trigger, paths: [] }, paths: new Set(), waiters: [] };
}

/** Adds a payload into a batch: paths are a union in arrival order, commits accumulate, the latest task or prompt wins. */
function merge(batch: Batch, payload: HookPayload): void {
  for (const p of payload.paths) {
    if (batch.paths.has(p)) continue;
    batch.paths.add(p);
    batch.payload.paths.push(p);
  }
  if (payload.commits) batch.payload.commits = [...(batch.payload.commits ?? []), ...payload.commits];
  if (payload.task) batch.payload.task = payload.task;
  if (payload.prompt !== undefined) batch.payload.prompt = payload.prompt;
  if (payload.tool !== undefined) batch.payload.tool = payload.tool;
}

function placeholder(id: string): Hook {
  return { id, file: '', line: 1, name: id, format: 'legacy', enabled: false, scope: 'workspace', errors: [] };
}
