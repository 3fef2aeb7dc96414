// The follow log in the Tiller sidebar: the same React app with the follow root. It shows the run
// asked for last (a command, a click in the run picker saves its own choice in the page), else
// follows the newest run. Hidden means gone (no retainContextWhenHidden): the page subscribes
// again when it is shown and takes fresh snapshots, so nothing is lost.
import * as vscode from 'vscode';
import { WebviewConnection, type WebviewShared } from './connection';
import { webviewHtml, webviewOptions } from './html';

export const FOLLOW_VIEW = 'tiller.followLog';

export class FollowView implements vscode.WebviewViewProvider, vscode.Disposable {
  private connection: WebviewConnection | undefined;
  private runId: string | null = null;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly shared: WebviewShared,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.connection?.dispose();
    view.webview.options = webviewOptions(this.extensionUri);
    const connection = new WebviewConnection(
      view.webview,
      this.shared,
      'follow',
      () => null,
      () => this.runId,
    );
    this.connection = connection;
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'follow', 'Follow');
    const visibility = view.onDidChangeVisibility(() => {
      if (!view.visible) connection.detach();
    });
    view.onDidDispose(() => {
      visibility.dispose();
      connection.dispose();
      if (this.connection === connection) this.connection = undefined;
    });
  }

  /** Reveals the view; with a run id, shows that run. */
  async show(runId?: string): Promise<void> {
    if (runId) {
      this.runId = runId;
      this.connection?.notify('follow.run', { runId });
    }
    await vscode.commands.executeCommand(`${FOLLOW_VIEW}.focus`);
  }

  dispose(): void {
    this.connection?.dispose();
  }
}
