// Named event streams for one webview. A subscription opens the stream's source, which hands back
// a snapshot and later pushes deltas; each delta is numbered so the webview can tell a gap.
import type * as vscode from 'vscode';
import {
  parseStreamName,
  type StreamDelta,
  type StreamKind,
  type StreamName,
  type StreamSnapshot,
} from '../../protocol';

export interface OpenStream<K extends StreamKind> {
  snapshot: StreamSnapshot<K>;
  dispose(): void;
}

/**
 * Where a kind of stream comes from; `key` is the part of the name after `kind:`. A source that
 * needs time to open (reading a trace file) must not push before its snapshot is handed back:
 * whatever happens meanwhile belongs in the snapshot.
 */
export interface StreamSource<K extends StreamKind> {
  open(key: string, push: (delta: StreamDelta<K>) => void): OpenStream<K> | Promise<OpenStream<K>>;
}

export type StreamSources = { [K in StreamKind]: StreamSource<K> };

export type PostEvent = (stream: StreamName, seq: number, delta: StreamDelta<StreamKind>) => void;

export class Subscriptions implements vscode.Disposable {
  private readonly open = new Map<StreamName, OpenStream<StreamKind>>();
  /** The latest subscribe per stream while its source opens: an older one that finishes late is dropped. */
  private readonly opening = new Map<StreamName, object>();

  constructor(
    private readonly sources: StreamSources,
    private readonly post: PostEvent,
  ) {}

  /** (Re)subscribes: a second subscribe to the same stream restarts it from a fresh snapshot. */
  async subscribe(stream: StreamName): Promise<{ seq: number; snapshot: StreamSnapshot<StreamKind> }> {
    this.unsubscribe(stream);
    const { kind, key } = parseStreamName(stream);
    if (!isStreamKind(this.sources, kind)) throw new Error(`Unknown stream ${stream}.`);
    const token = {};
    this.opening.set(stream, token);
    let seq = 0;
    const source = this.sources[kind] as StreamSource<StreamKind>;
    const opened = await source.open(key, (delta) => this.post(stream, ++seq, delta));
    if (this.opening.get(stream) !== token) {
      opened.dispose();
      throw new Error(`The subscription to ${stream} was replaced.`);
    }
    this.opening.delete(stream);
    this.open.set(stream, opened);
    return { seq, snapshot: opened.snapshot };
  }

  unsubscribe(stream: StreamName): void {
    this.opening.delete(stream);
    this.open.get(stream)?.dispose();
    this.open.delete(stream);
  }

  /** The webview went away (hidden or re-created): it will subscribe again when it is back. */
  clear(): void {
    this.opening.clear();
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
