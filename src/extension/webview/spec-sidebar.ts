// The compact spec view in the Tiller sidebar. It shows the spec of the active requirements,
// design or tasks editor, else the spec last opened, else the first one; the choice survives a
// reload in workspace state.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { WebviewConnection, type WebviewShared } from './connection';
import { webviewHtml, webviewOptions } from './html';

export const SPEC_SIDEBAR_VIEW = 'tiller.specView';
const LAST_SPEC_KEY = 'tiller.specView.lastSpec';
const SPEC_DOCUMENTS = new Set(['requirements.md', 'bugfix.md', 'design.md', 'tasks.md']);

export class SpecSidebar implements vscode.WebviewViewProvider, vscode.Disposable {
  private current: string | null;
  private view: vscode.WebviewView | undefined;
  private connection: WebviewConnection | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * The "new spec" form is open in this view until the page says it closed, so a page made or
   * re-created meanwhile (hidden and shown, reloaded by a focus) opens it again.
   */
  private formWanted = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly shared: WebviewShared,
    private readonly memento: vscode.Memento,
  ) {
    this.current = memento.get<string>(LAST_SPEC_KEY) ?? null;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
      shared.model.onDidChange(() => this.onModelChange()),
    );
    this.followEditor(vscode.window.activeTextEditor);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.connection?.dispose();
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    const connection = new WebviewConnection(
      view.webview,
      this.shared,
      'sidebar',
      () => this.current,
      () => null,
      () => this.formWanted,
      () => (this.formWanted = false),
    );
    this.connection = connection;
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'sidebar', 'Spec');
    this.describe();
    const visibility = view.onDidChangeVisibility(() => {
      if (!view.visible) connection.detach();
    });
    view.onDidDispose(() => {
      visibility.dispose();
      connection.dispose();
      if (this.connection === connection) this.connection = this.view = undefined;
    });
  }

  /** Shows a spec (the last one opened anywhere counts as the one to show). */
  show(specDir: string): void {
    if (specDir === this.current) return;
    this.current = specDir;
    void this.memento.update(LAST_SPEC_KEY, specDir);
    this.describe();
    this.connection?.notify('view.focus', { specDir });
  }

  /** "New spec with the agent" from the palette: the form in this view, revealed. */
  async openNewSpecForm(): Promise<void> {
    // A page on screen takes the notification; one that is hidden or not made yet asks on view.ready.
    this.formWanted = true;
    await vscode.commands.executeCommand(`${SPEC_SIDEBAR_VIEW}.focus`);
    if (this.view?.visible) this.connection?.notify('view.newSpec', {});
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.connection?.dispose();
  }

  private followEditor(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.uri;
    if (uri?.scheme !== 'file' || !SPEC_DOCUMENTS.has(basename(uri.fsPath))) return;
    const spec = this.shared.model.specForDocument(uri.fsPath);
    if (spec) this.show(spec.dir);
  }

  private onModelChange(): void {
    if (this.current && this.shared.model.specByDir(this.current)) return this.describe();
    // The spec shown is gone (or none was known before the first load): fall back.
    this.followEditor(vscode.window.activeTextEditor);
    if (!this.current || !this.shared.model.specByDir(this.current)) {
      const first = this.shared.model.specs()[0];
      if (first) this.show(first.dir);
    }
  }

  private describe(): void {
    if (this.view)
      this.view.description = (this.current && this.shared.model.specByDir(this.current)?.name) || undefined;
  }
}
