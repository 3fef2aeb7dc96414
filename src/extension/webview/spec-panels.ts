// The spec view as an editor panel: one panel per spec folder, revealed when opened again, and
// restored after a window reload from the state the page saved (its spec folder).
import * as vscode from 'vscode';
import { WebviewConnection, type WebviewShared } from './connection';
import { webviewHtml, webviewOptions } from './html';

export const SPEC_PANEL_TYPE = 'tiller.spec';

export class SpecPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<{ specDir?: unknown }> {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly shared: WebviewShared,
    private readonly onOpened: (specDir: string) => void,
  ) {}

  open(specDir: string): void {
    this.onOpened(specDir);
    const existing = this.panels.get(specDir);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(SPEC_PANEL_TYPE, this.title(specDir), vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      enableFindWidget: true,
    });
    this.attach(panel, specDir);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: { specDir?: unknown } | undefined): Promise<void> {
    const specDir = typeof state?.specDir === 'string' ? state.specDir : undefined;
    if (!specDir || this.panels.has(specDir)) {
      panel.dispose();
      return;
    }
    this.attach(panel, specDir);
  }

  dispose(): void {
    [...this.panels.values()].forEach((p) => p.dispose());
  }

  private attach(panel: vscode.WebviewPanel, specDir: string): void {
    this.panels.set(specDir, panel);
    panel.title = this.title(specDir);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'tiller.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    const connection = new WebviewConnection(panel.webview, this.shared, 'panel', () => specDir);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'panel', panel.title);
    const visibility = panel.onDidChangeViewState(() => {
      if (!panel.visible) connection.detach();
    });
    panel.onDidDispose(() => {
      visibility.dispose();
      connection.dispose();
      if (this.panels.get(specDir) === panel) this.panels.delete(specDir);
    });
  }

  private title(specDir: string): string {
    return `Spec: ${this.shared.model.specByDir(specDir)?.name ?? specDir.split(/[\\/]/).pop()}`;
  }
}
