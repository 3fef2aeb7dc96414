// The webview's end of src/protocol.ts: requests answered by id, notifications, and stream
// subscriptions that check each delta's sequence number. A gap means a delta was lost, so the
// stream is subscribed again and starts over from a fresh snapshot.
import type {
  HostMessage,
  NotificationName,
  Notifications,
  RequestName,
  RequestParams,
  RequestResult,
  StreamDelta,
  StreamKind,
  StreamName,
  StreamSnapshot,
} from '../../../src/protocol';
import type { VsCodeApi } from './vscode-api';

export interface StreamListener<K extends StreamKind> {
  snapshot(snapshot: StreamSnapshot<K>): void;
  delta(delta: StreamDelta<K>): void;
  error?(message: string): void;
}

interface Subscription {
  listener: StreamListener<StreamKind>;
  /** Sequence number of the last delta applied; null while a snapshot is on its way. */
  seq: number | null;
  /** Deltas that arrived before the snapshot they follow. */
  early: Array<{ seq: number; delta: StreamDelta<StreamKind> }>;
  generation: number;
}

export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly streams = new Map<StreamName, Subscription>();
  private readonly listeners = new Map<NotificationName, Set<(params: never) => void>>();
  private readonly onWindowMessage = (event: MessageEvent) => this.receive(event.data as HostMessage);

  constructor(
    private readonly api: VsCodeApi,
    private readonly target: Window = window,
  ) {
    target.addEventListener('message', this.onWindowMessage);
  }

  dispose(): void {
    this.target.removeEventListener('message', this.onWindowMessage);
  }

  request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.api.postMessage({ kind: 'request', id, method, params });
    });
  }

  onNotify<N extends NotificationName>(name: N, fn: (params: Notifications[N]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const entry = fn as (params: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  subscribe<K extends StreamKind>(name: StreamName<K>, listener: StreamListener<K>): () => void {
    const stream = name as StreamName;
    const subscription: Subscription = {
      listener: listener as StreamListener<StreamKind>,
      seq: null,
      early: [],
      generation: 0,
    };
    this.streams.set(stream, subscription);
    this.resubscribe(stream, subscription);
    return () => {
      if (this.streams.get(stream) !== subscription) return;
      this.streams.delete(stream);
      void this.request('stream.unsubscribe', { stream }).catch(() => undefined);
    };
  }

  private resubscribe(stream: StreamName, subscription: Subscription): void {
    const generation = ++subscription.generation;
    subscription.seq = null;
    subscription.early = [];
    this.request('stream.subscribe', { stream }).then(
      ({ seq, snapshot }) => {
        if (this.streams.get(stream) !== subscription || subscription.generation !== generation) return;
        subscription.seq = seq;
        subscription.listener.snapshot(snapshot);
        const early = subscription.early.filter((e) => e.seq > seq).sort((a, b) => a.seq - b.seq);
        subscription.early = [];
        for (const e of early) this.applyDelta(stream, subscription, e.seq, e.delta);
      },
      (error: Error) => subscription.listener.error?.(error.message),
    );
  }

  private receive(message: HostMessage): void {
    if (!message || typeof message !== 'object') return;
    if (message.kind === 'response') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.result);
      else waiting?.reject(new Error(message.error));
    } else if (message.kind === 'event') {
      const subscription = this.streams.get(message.stream);
      if (!subscription) return;
      if (subscription.seq === null) subscription.early.push({ seq: message.seq, delta: message.delta });
      else this.applyDelta(message.stream, subscription, message.seq, message.delta);
    } else if (message.kind === 'notify') {
      this.listeners.get(message.name)?.forEach((fn) => fn(message.params as never));
    }
  }

  private applyDelta(
    stream: StreamName,
    subscription: Subscription,
    seq: number,
    delta: StreamDelta<StreamKind>,
  ): void {
    if (subscription.seq === null || seq <= subscription.seq) return;
    if (seq !== subscription.seq + 1) {
      this.resubscribe(stream, subscription);
      return;
    }
    subscription.seq = seq;
    subscription.listener.delta(delta);
  }
}
