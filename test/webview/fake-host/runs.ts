// The follow log's side of the fake host: the `runs:`, `run:<id>` and `pending:` streams, and the
// requests the follow log makes, recorded for the tests. Deltas go out numbered like the
// extension's; `drop` makes the webview see a gap.
import type {
  ApprovalCard,
  EditReviewCard,
  HostMessage,
  PendingDelta,
  PendingSnapshot,
  RunDelta,
  RunSnapshot,
  RunSummary,
  RunsDelta,
  StreamName,
  TraceEvent,
} from '../../../src/protocol';
import { RUN_SNAPSHOT_TAIL, parseStreamName } from '../../../src/protocol';

type Delta = RunDelta | RunsDelta | PendingDelta;

export class FakeRuns {
  runs: RunSummary[] = [];
  readonly traces = new Map<string, RunSnapshot>();
  pending: PendingSnapshot = { approvals: [], reviews: [] };
  /** Every delta sent on the follow log's streams (`dropped` ones were not delivered). */
  readonly sent: Array<{ stream: string; seq: number; dropped: boolean; size: number }> = [];
  private readonly subscriptions = new Map<string, number>();

  constructor(
    private readonly post: (message: HostMessage) => void,
    private readonly drop: () => boolean,
  ) {}

  setRun(summary: RunSummary, events: TraceEvent[], streaming = ''): void {
    this.runs = [...this.runs.filter((r) => r.runId !== summary.runId), summary];
    this.traces.set(summary.runId, {
      runId: summary.runId,
      state: summary.state,
      events: [...events],
      earlier: 0,
      streaming,
      skippedLines: 0,
      skippedAt: [],
      waitingSince: null,
    });
    this.emit('runs', null, { upsert: [summary] });
  }

  append(runId: string, events: TraceEvent[], text?: string): void {
    const trace = this.traces.get(runId);
    if (!trace) throw new Error(`no run ${runId}`);
    trace.events.push(...events);
    if (events.some((e) => e.type === 'model-turn')) trace.streaming = '';
    if (text) trace.streaming += text;
    this.emit('run', runId, { events, ...(text ? { text } : {}) });
  }

  /** The run ended (or changed state): the run stream and the runs list say so, as the extension does. */
  setState(runId: string, state: RunSummary['state'], events: TraceEvent[] = []): void {
    const trace = this.traces.get(runId);
    const summary = this.runs.find((r) => r.runId === runId);
    if (!trace || !summary) throw new Error(`no run ${runId}`);
    trace.events.push(...events);
    trace.state = state;
    this.emit('run', runId, { ...(events.length ? { events } : {}), state });
    const next = { ...summary, state };
    this.runs = this.runs.map((r) => (r.runId === runId ? next : r));
    this.emit('runs', null, { upsert: [next] });
  }

  addApproval(card: ApprovalCard): void {
    this.pending = { ...this.pending, approvals: [...this.pending.approvals, card] };
    this.emit('pending', null, { added: { approvals: [card] } });
  }

  addReview(card: EditReviewCard): void {
    this.pending = { ...this.pending, reviews: [...this.pending.reviews, card] };
    this.emit('pending', null, { added: { reviews: [card] } });
  }

  clear(): void {
    this.subscriptions.clear();
  }

  subscribe(stream: StreamName): { seq: number; snapshot: unknown } {
    const { kind, key } = parseStreamName(stream);
    this.subscriptions.set(stream, 0);
    if (kind === 'runs') return { seq: 0, snapshot: this.runs };
    if (kind === 'pending') return { seq: 0, snapshot: this.pending };
    const trace = this.traces.get(key);
    if (!trace) return { seq: 0, snapshot: null };
    // Tail first, as the extension sends it (src/extension/webview/run-source.ts).
    const earlier = Math.max(0, trace.events.length - RUN_SNAPSHOT_TAIL);
    return { seq: 0, snapshot: { ...trace, events: trace.events.slice(earlier), earlier } };
  }

  earlierEvents(runId: string, before: number): { events: TraceEvent[] } {
    return { events: (this.traces.get(runId)?.events ?? []).filter((e) => e.seq < before) };
  }

  unsubscribe(stream: StreamName): void {
    this.subscriptions.delete(stream);
  }

  /** Answers to approvals and reviews take the card away, as the services do. */
  answered(id: string): boolean {
    const had = [...this.pending.approvals, ...this.pending.reviews].some((x) => x.id === id);
    if (!had) return false;
    this.pending = {
      approvals: this.pending.approvals.filter((a) => a.id !== id),
      reviews: this.pending.reviews.filter((r) => r.id !== id),
    };
    queueMicrotask(() => this.emit('pending', null, { removed: [id] }));
    return true;
  }

  /** To every subscriber of the kind; for `run`, of that run only. */
  private emit(kind: 'run' | 'runs' | 'pending', key: string | null, delta: Delta): void {
    for (const [stream, seq] of this.subscriptions) {
      const name = parseStreamName(stream);
      if (name.kind !== kind || (key !== null && name.key !== key)) continue;
      const next = seq + 1;
      this.subscriptions.set(stream, next);
      const dropped = this.drop();
      this.sent.push({ stream, seq: next, dropped, size: JSON.stringify(delta).length });
      if (!dropped) this.post({ kind: 'event', stream: stream as StreamName, seq: next, delta });
    }
  }
}
