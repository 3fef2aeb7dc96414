// One webview's end of the protocol: routes its requests to the handler map, answers by id, and
// carries its stream subscriptions. Subscriptions end when the webview is hidden, because without
// retainContextWhenHidden the page is gone; it subscribes again when it comes back.
import * as vscode from 'vscode';
import type {
  HostMessage,
  Notifications,
  NotificationName,
  RequestName,
  StreamDelta,
  StreamKind,
  StreamName,
  ViewKind,
  WebviewMessage,
} from '../../protocol';
import type { AuthoringRuns } from '../authoring/authoring-runs';
import type { WorkspaceModel } from '../workspace-model';
import type { BeforeContent } from './before-content';
import type { Handler, HandlerContext } from './handler-types';
import { handlers } from './handlers';
import type { ServicesLookup } from './services';
import { Subscriptions, type StreamSources } from './streams';

/** What every webview of the extension shares. */
export interface WebviewShared {
  model: WorkspaceModel;
  sources: StreamSources;
  services: ServicesLookup;
  before: BeforeContent;
  authoring: AuthoringRuns;
}

export class WebviewConnection implements vscode.Disposable {
  private readonly subscriptions: Subscriptions;
  private readonly context: HandlerContext;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    shared: WebviewShared,
    view: ViewKind,
    specDir: () => string | null,
    runId: () => string | null = () => null,
    newSpec: () => boolean = () => false,
    newSpecClosed: () => void = () => undefined,
  ) {
    this.subscriptions = new Subscriptions(shared.sources, (stream, seq, delta) => this.postEvent(stream, seq, delta));
    const { model, services, before, authoring } = shared;
    const subscriptions = this.subscriptions;
    this.context = { model, services, before, authoring, subscriptions, view, specDir, runId, newSpec, newSpecClosed };
    this.listener = webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message));
  }

  notify<N extends NotificationName>(name: N, params: Notifications[N]): void {
    this.post({ kind: 'notify', name, params } as HostMessage);
  }

  /** The webview went away (hidden); it re-subscribes from scratch when it is shown again. */
  detach(): void {
    this.subscriptions.clear();
  }

  dispose(): void {
    this.listener.dispose();
    this.subscriptions.dispose();
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isRequest(message)) return;
    const handler = handlers[message.method] as Handler<RequestName> | undefined;
    try {
      if (!handler) throw new Error(`Unknown request ${message.method}.`);
      const result = await handler(message.params as never, this.context);
      this.post({ kind: 'response', id: message.id, ok: true, result });
    } catch (err) {
      this.post({
        kind: 'response',
        id: message.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private postEvent(stream: StreamName, seq: number, delta: StreamDelta<StreamKind>): void {
    this.post({ kind: 'event', stream, seq, delta });
  }

  private post(message: HostMessage): void {
    // A message to a disposed or hidden webview is dropped; the webview notices the gap in the
    // sequence numbers, or starts over with a snapshot.
    void Promise.resolve(this.webview.postMessage(message)).catch(() => undefined);
  }
}

function isRequest(message: unknown): message is WebviewMessage {
  if (!message || typeof message !== 'object') return false;
  const m = message as Partial<WebviewMessage>;
  return m.kind === 'request' && typeof m.id === 'number' && typeof m.method === 'string';
}
