// The hooks of every workspace folder inside VS Code: loads the hook files (and reloads them when
// they change, in the workspace or in ~/.kiro/hooks), turns editor saves into `saved` events, and
// keeps the disk and git watchers running only while the workspace is trusted (the disk watcher
// only while a hook needs it). Views, commands,
// the Problems panel and tests read hooks, diagnostics and runs from here.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import type { Diagnostic } from '../../core/diagnostics';
import { enabledEdits, relativePath, type CommandRunner, type Hook, type HookRun } from '../../core/hooks';
import type { RunService } from '../agent/runs';
import { applyToFile } from '../document-edits';
import { HookFolder } from './hook-folder';
import { RunBridge } from './run-bridge';

/** Runs kept for the log, the tree's tooltips and tests. */
const KEPT_RUNS = 100;

export interface HooksServiceOptions {
  commands: CommandRunner;
  /** Absent until an agent runner exists: agent actions are then skipped with a reason. */
  runs?: RunService;
  onError: (message: string) => void;
  /** Where ~/.kiro/hooks is read from; default the user's home. */
  home?: string | null;
}

export class HooksService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The hooks or their diagnostics changed (a reload, trust granted). */
  readonly onDidChange = this.changed.event;
  private readonly ran = new vscode.EventEmitter<HookRun>();
  readonly onDidRun = this.ran.event;
  private folders: HookFolder[] = [];
  private readonly recent: HookRun[] = [];
  private readonly bridge: RunBridge | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private hookFileWatchers: vscode.Disposable[] = [];
  private reloading: Promise<void> = Promise.resolve();
  private reloadPending = false;
  private building: Promise<void> = Promise.resolve();
  private readonly home: string | null;

  constructor(private readonly options: HooksServiceOptions) {
    this.home = options.home === undefined ? homedir() : options.home;
    this.bridge = options.runs ? new RunBridge(options.runs, () => this.folders) : undefined;
    this.disposables.push(
      this.changed,
      this.ran,
      vscode.workspace.onDidSaveTextDocument((document) => this.onSaved(document)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.startWatching().then(() => this.changed.fire())),
      vscode.workspace.onDidChangeWorkspaceFolders(
        () => void this.rebuild().catch((err: unknown) => options.onError(String(err))),
      ),
    );
    if (this.bridge) this.disposables.push(this.bridge);
  }

  /** Builds the folders, loads their hooks and, in a trusted workspace, starts watching. */
  start(): Promise<void> {
    return this.rebuild();
  }

  /** Resolves once the latest (re)build has loaded every hook and started the watchers. */
  ready(): Promise<void> {
    return this.building;
  }

  dispose(): void {
    this.hookFileWatchers.forEach((d) => d.dispose());
    this.disposables.forEach((d) => d.dispose());
    for (const folder of this.folders) void folder.dispose();
    this.folders = [];
  }

  hooks(): Hook[] {
    return this.folders.flatMap((f) => f.hooks());
  }

  diagnostics(): Diagnostic[] {
    return this.folders.flatMap((f) => f.diagnostics());
  }

  /** The latest runs, oldest first. */
  runs(): HookRun[] {
    return [...this.recent];
  }

  isTrusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** True when commits are being watched (in the folder at root, or in any folder). */
  watchingGit(root?: string): boolean {
    return this.folders.some((f) => (root === undefined || f.root === root) && f.watchingGit());
  }

  /** True while files on disk are watched (in the folder at root, or in any folder). */
  watchingFiles(root?: string): boolean {
    return this.folders.some((f) => (root === undefined || f.root === root) && f.watchingFiles());
  }

  /** Resolves when no hook is collecting, queued or running. */
  async idle(): Promise<void> {
    await Promise.all(this.folders.map((f) => f.dispatcher.idle()));
  }

  /** Reloads every hook file; calls during a reload collapse into one more reload. */
  reload(): Promise<void> {
    if (this.reloadPending) return this.reloading;
    this.reloadPending = true;
    this.reloading = this.reloading.then(async () => {
      this.reloadPending = false;
      await Promise.all(this.folders.map((f) => f.load()));
      this.changed.fire();
    });
    return this.reloading;
  }

  /** Runs a hook by hand; undefined when it cannot fire (disabled, broken, Restricted Mode). */
  async run(hook: Hook): Promise<HookRun | undefined> {
    const folder = this.folderOf(hook);
    if (!folder) return undefined;
    const active = vscode.window.activeTextEditor?.document.uri;
    const activeFile =
      active?.scheme === 'file' && active.fsPath.startsWith(folder.root + sep)
        ? relativePath(folder.root, active.fsPath)
        : undefined;
    return folder.runByHand(hook, activeFile);
  }

  /**
   * Writes `enabled` into the hook's file, changing nothing else; through the editor when the file
   * is open, so Undo works and unsaved typing survives.
   */
  async setEnabled(hook: Hook, enabled: boolean): Promise<void> {
    await applyToFile(vscode.Uri.file(hook.file), (text) =>
      enabledEdits(text, hook, enabled).map((e) => ({ offset: e.offset, length: e.length, newText: e.content })),
    );
    await this.reload();
  }

  findHook(id: string): Hook | undefined {
    return this.hooks().find((h) => h.id === id || h.name === id);
  }

  private folderOf(hook: Hook): HookFolder | undefined {
    return (
      this.folders.find((f) => f.hooks().includes(hook)) ??
      this.folders.find((f) => f.hooks().some((h) => h.id === hook.id && h.file === hook.file))
    );
  }

  private onSaved(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file') return;
    const path = document.uri.fsPath;
    for (const folder of this.folders)
      if (path.startsWith(folder.root + sep)) folder.dispatcher.fire({ type: 'saved', paths: [path] });
  }

  private onRun(run: HookRun): void {
    this.recent.push(run);
    if (this.recent.length > KEPT_RUNS) this.recent.shift();
    this.ran.fire(run);
  }

  private rebuild(): Promise<void> {
    this.building = this.building.catch(() => undefined).then(() => this.build());
    return this.building;
  }

  private async build(): Promise<void> {
    const old = this.folders;
    const roots = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath);
    this.folders = roots.map(
      (root) =>
        new HookFolder({
          root,
          home: this.home,
          commands: this.options.commands,
          agent: this.bridge && ((target) => this.bridge!.launcher(target)),
          isTrusted: () => vscode.workspace.isTrusted,
          onRun: (run) => this.onRun(run),
          onError: this.options.onError,
        }),
    );
    await Promise.all(old.map((f) => f.dispose()));
    this.watchHookFiles(roots);
    await this.reload();
    await this.startWatching();
  }

  private async startWatching(): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    await Promise.all(this.folders.map((f) => f.startWatching()));
  }

  private watchHookFiles(roots: string[]): void {
    this.hookFileWatchers.forEach((d) => d.dispose());
    const bases = [...roots, ...(this.home ? [this.home] : [])];
    this.hookFileWatchers = bases.flatMap((base) => {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(join(base, '.kiro', 'hooks')), '*'),
      );
      const reload = () => void this.reload();
      return [watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload)];
    });
  }
}
