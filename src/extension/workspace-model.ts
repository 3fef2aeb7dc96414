// The extension's view of the workspace: the spec index and steering documents of every workspace
// folder, kept current from three sources: the editor's unsaved text (which wins), chokidar for
// changes made on disk by anything else, and explicit refreshes. Consumers read it synchronously
// and listen to one coalesced change event.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { basename, dirname, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Diagnostic } from '../core/diagnostics';
import type { Spec, Task, TaskCounts } from '../core/specs/model';
import type { SteeringDoc } from '../core/steering/model';
import { SpecIndex, findTask } from '../core/specs';
import { loadSteering } from '../core/steering';

/** Coalesces bursts (a checkout touching many files) into one refresh of the views. */
const CHANGE_DELAY_MS = 40;
/**
 * chokidar drops a change event that follows another for the same file within 50 ms, so a second
 * quick write (a tool, then a save) would go unseen; each changed file is read again after this.
 */
const RECHECK_MS = 120;

interface Folder {
  root: string;
  index: SpecIndex;
  steering: SteeringDoc[];
  steeringDiagnostics: Diagnostic[];
}

export class WorkspaceModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private folders: Folder[] = [];
  private watcher: FSWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private changeTimer: NodeJS.Timeout | undefined;
  private readonly rechecks = new Map<string, NodeJS.Timeout>();
  private steeringReload: Promise<void> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => this.onEditorText(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onEditorClosed(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
    const agents = vscode.workspace.createFileSystemWatcher('**/AGENTS.md');
    this.disposables.push(
      agents,
      agents.onDidCreate(() => this.reloadSteering()),
      agents.onDidChange(() => this.reloadSteering()),
      agents.onDidDelete(() => this.reloadSteering()),
    );
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.rechecks.forEach((timer) => clearTimeout(timer));
    void this.watcher?.close();
    this.disposables.forEach((d) => d.dispose());
  }

  /** (Re)loads every workspace folder from disk, then overlays the editors' unsaved text. */
  async reload(): Promise<void> {
    const roots = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath);
    this.folders = await Promise.all(
      roots.map(async (root) => {
        const index = new SpecIndex(root);
        await index.load();
        return { root, index, steering: [], steeringDiagnostics: [] };
      }),
    );
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty) this.onEditorText(document);
    }
    await this.loadAllSteering();
    await this.watchDisk();
    this.fireSoon();
  }

  specs(): Spec[] {
    return this.folders.flatMap((f) => f.index.specs());
  }

  steering(): SteeringDoc[] {
    return this.folders.flatMap((f) => f.steering);
  }

  counts(spec: Spec): TaskCounts {
    return this.folderOf(spec.dir)?.index.counts(spec) ?? { total: 0, done: 0, inProgress: 0, queued: 0, optional: 0 };
  }

  steeringDiagnostics(): Diagnostic[] {
    return this.folders.flatMap((f) => f.steeringDiagnostics);
  }

  specByDir(dir: string): Spec | undefined {
    return this.specs().find((s) => s.dir === dir);
  }

  /**
   * The sub-project folder holding the spec (`api` for `api/.kiro/specs/auth`), when another spec
   * carries the same name: specs are identified by folder, and the views show it where names collide.
   */
  projectOf(spec: Spec): string | undefined {
    if (!this.specs().some((other) => other.name === spec.name && other.dir !== spec.dir)) return undefined;
    const project = dirname(dirname(dirname(spec.dir)));
    const relative = vscode.workspace.asRelativePath(project, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    return relative && relative !== project ? relative : basename(project);
  }

  specForDocument(path: string): Spec | undefined {
    return this.specs().find((s) => path.startsWith(s.dir + sep));
  }

  task(specDir: string, taskId: string): { spec: Spec; task: Task } | undefined {
    const spec = this.specByDir(specDir);
    const task = spec && findTask(spec, taskId);
    return spec && task ? { spec, task } : undefined;
  }

  private folderOf(path: string): Folder | undefined {
    return this.folders.find((f) => path === f.root || path.startsWith(f.root + sep));
  }

  private onEditorText(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !document.uri.fsPath.endsWith('.md')) return;
    const path = document.uri.fsPath;
    const folder = this.folderOf(path);
    if (!folder) return;
    if (folder.index.update(path, document.getText())) this.fireSoon();
    if (isSteeringPath(path)) this.reloadSteering();
  }

  /** Closing an editor with unsaved text discards that text: disk is the truth again. */
  private onEditorClosed(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file') return;
    const folder = this.folderOf(document.uri.fsPath);
    if (folder?.index.update(document.uri.fsPath)) this.fireSoon();
  }

  private onDiskChange(path: string, recheck = true): void {
    const folder = this.folderOf(path);
    if (!folder) return;
    if (recheck) {
      clearTimeout(this.rechecks.get(path));
      this.rechecks.set(
        path,
        setTimeout(() => {
          this.rechecks.delete(path);
          this.onDiskChange(path, false);
        }, RECHECK_MS),
      );
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path);
    // The editor's unsaved text is what the user sees; a save of it arrives here too and is a no-op.
    if (!open?.isDirty && folder.index.update(path)) this.fireSoon();
    if (isSteeringPath(path)) this.reloadSteering();
  }

  private async watchDisk(): Promise<void> {
    await this.watcher?.close();
    const paths = this.folders.map((f) => `${f.root}${sep}.kiro`);
    paths.push(`${homedir()}${sep}.kiro${sep}steering`);
    for (const folder of this.folders) paths.push(...folder.index.roots().map((r) => `${r}${sep}.kiro`));
    // .kiro/tiller holds run traces and the CLI's checkpoint repository: busy, and never a spec.
    const ignored = (path: string) =>
      path.includes(`${sep}.kiro${sep}tiller${sep}`) || path.endsWith(`${sep}.kiro${sep}tiller`);
    this.watcher = watch([...new Set(paths)], { ignoreInitial: true, depth: 4, ignored });
    this.watcher.on('all', (_event, path) => this.onDiskChange(path));
    this.watcher.on('error', (err) => this.log.warn(`watcher: ${err instanceof Error ? err.message : String(err)}`));
  }

  private reloadSteering(): void {
    this.steeringReload ??= this.loadAllSteering().finally(() => {
      this.steeringReload = undefined;
      this.fireSoon();
    });
  }

  private async loadAllSteering(): Promise<void> {
    for (const folder of this.folders) {
      const result = await loadSteering({ workspaceRoot: folder.root, homeDir: homedir() });
      folder.steering = result.docs;
      folder.steeringDiagnostics = result.diagnostics;
    }
  }

  private fireSoon(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.changed.fire(), CHANGE_DELAY_MS);
  }
}

function isSteeringPath(path: string): boolean {
  return path.includes(`${sep}.kiro${sep}steering${sep}`) || path.endsWith(`${sep}AGENTS.md`);
}
