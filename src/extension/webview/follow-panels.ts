// The follow log at editor size: the same React app and protocol as the sidebar's Follow view, in
// editor tabs. Several may be open, each started on a run or on "the newest run"; opening one
// that is already open reveals it. Restored after a window reload from the run the page saved.
import * as vscode from 'vscode';
import { WebviewConnection, type WebviewShared } from './connection';
import { webviewHtml, webviewOptions } from './html';

export const FOLLOW_PANEL_TYPE = 'tiller.followLogPanel';

/** The key of the panel started on "the newest run". */
const NEWEST = '';

export class FollowPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<{ runId?: unknown }> {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly shared: WebviewShared,
  ) {}

  /** Opens (or reveals) a follow log tab on a run, or following the newest run. */
  open(runId: string | undefined): void {
    const existing = this.panels.get(runId ?? NEWEST);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(FOLLOW_PANEL_TYPE, title(runId), vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      enableFindWidget: true,
    });
    this.attach(panel, runId ?? null);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: { runId?: unknown } | undefined): Promise<void> {
    const runId = typeof state?.runId === 'string' ? state.runId : null;
    if (this.panels.has(runId ?? NEWEST)) {
      panel.dispose();
      return;
    }
    this.attach(panel, runId);
  }

  dispose(): void {
    [...this.panels.values()].forEach((p) => p.dispose());
  }

  private attach(panel: vscode.WebviewPanel, runId: string | null): void {
    const key = runId ?? NEWEST;
    this.panels.set(key, panel);
    panel.title = title(runId ?? undefined);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'tiller.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    const connection = new WebviewConnection(
      panel.webview,
      this.shared,
      'follow-panel',
      () => null,
      () => runId,
    );
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'follow-panel', panel.title);
    const visibility = panel.onDidChangeViewState(() => {
      if (!panel.visible) connection.detach();
    });
    panel.onDidDispose(() => {
      visibility.dispose();
      connection.dispose();
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
  }
}

function title(runId: string | undefined): string {
  return runId ? `Follow: ${runId}` : 'Follow Log';
}
