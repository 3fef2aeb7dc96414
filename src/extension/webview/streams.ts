// Named event streams for one webview. A subscription opens the stream's source, which hands back
// a snapshot and later pushes deltas; each delta is numbered so the webview can tell a gap.
import type * as vscode from 'vscode';
import { parseStreamName, type StreamDelta, type StreamKind, type StreamName, type StreamSnapshot } from '../../protocol';

export interface OpenStream<K extends StreamKind> {
  snapshot: StreamSnapshot<K>;
  dispose(): void;
}

/** Where a kind of stream comes from; `key` is the part of the name after `kind:`. */
export interface StreamSource<K extends StreamKind> {
  open(key: string, push: (delta: StreamDelta<K>) => void): OpenStream<K>;
}

export type StreamSources = { [K in StreamKind]: StreamSource<K> };

export type PostEvent = (stream: StreamName, seq: number, delta: StreamDelta<StreamKind>) => void;

export class Subscriptions implements vscode.Disposable {
  private readonly open = new Map<StreamName, OpenStream<StreamKind>>();

  constructor(
    private readonly sources: StreamSources,
    private readonly post: PostEvent,
  ) {}

  /** (Re)subscribes: a second subscribe to the same stream restarts it from a fresh snapshot. */
  subscribe(stream: StreamName): { seq: number; snapshot: StreamSnapshot<StreamKind> } {
    this.unsubscribe(stream);
    const { kind, key } = parseStreamName(stream);
    if (!isStreamKind(this.sources, kind)) throw new Error(`Unknown stream ${stream}.`);
    let seq = 0;
    const source = this.sources[kind] as StreamSource<StreamKind>;
    const opened = source.open(key, (delta) => this.post(stream, ++seq, delta));
    this.open.set(stream, opened);
    return { seq, snapshot: opened.snapshot };
  }

  unsubscribe(stream: StreamName): void {
    this.open.get(stream)?.dispose();
    this.open.delete(stream);
  }

  /** The webview went away (hidden or re-created): it will subscribe again when it is back. */
  clear(): void {
    this.open.forEach((s) => s.dispose());
    this.open.clear();
  }

  dispose(): void {
    this.clear();
  }
}

function isStreamKind(sources: StreamSources, kind: string): kind is StreamKind {
  return Object.prototype.hasOwnProperty.call(sources, kind);
}
