// A double of VS Code for the webview tests: provides acquireVsCodeApi, answers the protocol's
// requests the way the extension does, and turns task edits into spec deltas with the
// extension's own diff. The webview bundle under test is the real one; it starts only when a
// test calls boot(), so the test decides the spec, the view kind and the theme first.
import type {
  HostMessage,
  PendingSnapshot,
  RequestName,
  RunSummary,
  SpecDelta,
  SpecSnapshot,
  TraceEvent,
  ViewKind,
  WebviewMessage,
  WorkflowView,
} from '../../../src/protocol';
import { diffSpec } from '../../../src/extension/webview/spec-delta';
import { editTasksText, withTasksText } from './task-edits';
import { FakeRuns } from './runs';

export interface BootOptions {
  view: ViewKind;
  specs: Array<{ snapshot: SpecSnapshot; tasksText: string }>;
  specDir: string | null;
  theme: { kind: 'light' | 'dark' | 'high-contrast'; variables: Record<string, string> };
  /** Script to load; the tests use dist/webview/main.js, the benchmark a production build. */
  script?: string;
  /** The follow log's runs, what is pending, and the run view.ready names. */
  follow?: {
    runs: Array<{ summary: RunSummary; events: TraceEvent[] }>;
    pending?: PendingSnapshot;
    runId?: string | null;
  };
}

type Subscription = { dir: string; seq: number };

const STATE_KEY = 'fake-host-state';

export class FakeHost {
  readonly requests: Array<{ method: RequestName; params: unknown }> = [];
  readonly violations: string[] = [];
  /** Every delta sent (or dropped), for tests that check what travels. */
  readonly events: Array<{ stream: string; seq: number; delta: SpecDelta; dropped: boolean }> = [];
  readonly fail: Partial<Record<RequestName, string>> = {};
  /** Deltas to swallow, to make the webview see a gap in the sequence numbers. */
  dropEvents = 0;
  bootedAt = 0;
  /** The follow log's streams and requests. */
  readonly runs = new FakeRuns(
    (message) => this.post(message),
    () => this.dropEvents > 0 && this.dropEvents-- > 0,
  );
  /** view.ready's answer for the follow log: the run to show first. */
  followRunId: string | null = null;
  /** Answers for requests the follow log makes, by method (default null). */
  readonly results: Partial<Record<RequestName, unknown>> = { 'spec.requirementRuns': {} };
  private specs = new Map<string, SpecSnapshot>();
  private readonly tasksTexts = new Map<string, string>();
  private readonly subscriptions = new Map<string, Subscription>();
  /** `workflow:<dir>` subscribers and their last seq; the state is results['spec.workflow']. */
  private readonly workflowSubs = new Map<string, number>();
  private view: ViewKind = 'panel';
  private specDir: string | null = null;

  constructor() {
    document.addEventListener('securitypolicyviolation', (e) =>
      this.violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  }

  boot(options: BootOptions): void {
    this.view = options.view;
    this.specDir = options.specDir;
    for (const { snapshot, tasksText } of options.specs) {
      this.specs.set(snapshot.dir, snapshot);
      this.tasksTexts.set(snapshot.dir, tasksText);
    }
    for (const { summary, events } of options.follow?.runs ?? []) this.runs.setRun(summary, events);
    if (options.follow?.pending) this.runs.pending = options.follow.pending;
    this.followRunId = options.follow?.runId ?? null;
    const html = document.documentElement;
    for (const [name, value] of Object.entries(options.theme.variables)) html.style.setProperty(name, value);
    // VS Code marks the body with the theme kind the same way.
    document.body.classList.add(`vscode-${options.theme.kind}`);
    const src = options.script ?? '/webview/main.js';
    const root = document.getElementById('root');
    root?.setAttribute('data-view', options.view);
    // As the extension's HTML shell does: the diagram bundle beside the main one.
    root?.setAttribute('data-diagram-script', src.replace(/[^/]*$/, 'mermaid.js'));
    const script = document.createElement('script');
    script.nonce = 'fakehost';
    script.src = src;
    this.bootedAt = performance.now();
    document.body.appendChild(script);
  }

  /** The spec changed (as if its files changed): every subscriber gets a delta. */
  setSpec(next: SpecSnapshot): void {
    const previous = this.specs.get(next.dir) ?? null;
    this.specs.set(next.dir, next);
    const delta = diffSpec(previous, next);
    if (delta) this.emit(next.dir, delta);
  }

  /** tasks.md changed (typed in an editor, written by the agent): the rows are read again. */
  setTasksText(dir: string, text: string): void {
    const spec = this.specs.get(dir);
    if (!spec) throw new Error(`no spec ${dir}`);
    this.tasksTexts.set(dir, text);
    this.setSpec(withTasksText(spec, text));
  }

  tasksText(dir: string): string | undefined {
    return this.tasksTexts.get(dir);
  }

  spec(dir: string): SpecSnapshot | undefined {
    return this.specs.get(dir);
  }

  /** The sidebar switches spec. */
  focus(specDir: string | null): void {
    this.specDir = specDir;
    this.post({ kind: 'notify', name: 'view.focus', params: { specDir } });
  }

  /** The spec's workflow changed: each workflow subscriber gets the changed fields, as the extension sends them. */
  pushWorkflow(delta: Partial<WorkflowView>): void {
    this.results['spec.workflow'] = { ...(this.results['spec.workflow'] as WorkflowView), ...delta };
    for (const [stream, seq] of this.workflowSubs) {
      this.workflowSubs.set(stream, seq + 1);
      this.post({ kind: 'event', stream: stream as `workflow:${string}`, seq: seq + 1, delta });
    }
  }

  subscribed(): string[] {
    return [...this.subscriptions.keys()];
  }

  private emit(dir: string, delta: SpecDelta): void {
    for (const [stream, sub] of this.subscriptions) {
      if (sub.dir !== dir) continue;
      sub.seq++;
      const dropped = this.dropEvents > 0;
      this.events.push({ stream, seq: sub.seq, delta, dropped });
      if (dropped) {
        this.dropEvents--;
        continue;
      }
      this.post({ kind: 'event', stream: stream as `spec:${string}`, seq: sub.seq, delta });
    }
  }

  private post(message: HostMessage): void {
    window.postMessage(message, '*');
  }

  receive(message: WebviewMessage): void {
    if (message?.kind !== 'request') return;
    this.requests.push({ method: message.method, params: message.params });
    const respond = (result: unknown) => this.post({ kind: 'response', id: message.id, ok: true, result });
    const failure = this.fail[message.method];
    if (failure) return this.post({ kind: 'response', id: message.id, ok: false, error: failure });
    try {
      respond(this.handle(message));
    } catch (err) {
      this.post({
        kind: 'response',
        id: message.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private handle(message: WebviewMessage): unknown {
    switch (message.method) {
      case 'view.ready':
        this.subscriptions.clear();
        this.workflowSubs.clear();
        this.runs.clear();
        return { view: this.view, specDir: this.specDir, runId: this.followRunId };
      case 'stream.subscribe': {
        if (message.params.stream.startsWith('workflow:')) {
          this.workflowSubs.set(message.params.stream, 0);
          return { seq: 0, snapshot: this.results['spec.workflow'] ?? null };
        }
        if (!message.params.stream.startsWith('spec:')) return this.runs.subscribe(message.params.stream);
        const dir = message.params.stream.slice('spec:'.length);
        this.subscriptions.set(message.params.stream, { dir, seq: 0 });
        return { seq: 0, snapshot: this.specs.get(dir) ?? null };
      }
      case 'stream.unsubscribe':
        this.subscriptions.delete(message.params.stream);
        this.workflowSubs.delete(message.params.stream);
        this.runs.unsubscribe(message.params.stream);
        return null;
      case 'run.earlier':
        return this.runs.earlierEvents(message.params.runId, message.params.before);
      case 'approval.answer':
      case 'review.answer':
        return { answered: this.runs.answered(message.params.id) };
      default: {
        if (!message.method.startsWith('task.')) return this.results[message.method] ?? null;
        if (message.method === 'task.run') return null;
        const dir = (message.params as { specDir: string }).specDir;
        const text = this.tasksTexts.get(dir);
        if (text === undefined) throw new Error('This spec has no tasks.md.');
        const edited = editTasksText(text, message);
        // The answer goes out before the delta, as with the extension (the model's change event comes later).
        queueMicrotask(() => this.setTasksText(dir, edited.text));
        return edited.result;
      }
    }
  }
}

const host = new FakeHost();
window.fakeHost = host;
(window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
  postMessage: (message: WebviewMessage) => host.receive(structuredClone(message)),
  // VS Code keeps this state while the webview is hidden and re-created; sessionStorage survives a reload.
  getState: () => JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null'),
  setState: (state: unknown) => sessionStorage.setItem(STATE_KEY, JSON.stringify(state)),
});

export type FakeHostApi = FakeHost;
