// Watches the workspace on disk (Node, no editor needed) and reports created, changed and deleted
// files as hook events. Everything git ignores, `.git/`, `node_modules/` and build output are
// skipped. Files that already exist when it starts are not reported.
//
// One `fs.watch` per folder, and only names kept per folder: chokidar (used for the few git paths)
// also opens a watcher per file and stats every file, which on a 100,000-file workspace measured
// 12.6 s to start and 658 MB (bench/hooks.ts); this costs a readdir per folder and a Set of names.
import { watch, statSync, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_IGNORED_DIRS, GitignoreFilter } from './gitignore';
import type { HookEvent } from './model';

export interface FileWatcherOptions {
  root: string;
  onEvent: (event: HookEvent) => void;
  onError?: (error: Error) => void;
  /** Folder names skipped at any depth; default DEFAULT_IGNORED_DIRS. */
  ignoredDirs?: readonly string[];
}

interface Folder {
  watcher: FSWatcher;
  /** Name → is a folder. */
  entries: Map<string, boolean>;
}

export class WorkspaceWatcher {
  private readonly folders = new Map<string, Folder>();
  private readonly filter: GitignoreFilter;
  private closed = false;

  private constructor(private readonly options: FileWatcherOptions) {
    this.filter = new GitignoreFilter(options.root, options.ignoredDirs ?? DEFAULT_IGNORED_DIRS);
  }

  /** Resolves once every folder is watched and events are live. */
  static async start(options: FileWatcherOptions): Promise<WorkspaceWatcher> {
    const self = new WorkspaceWatcher(options);
    await self.addFolder(options.root, false);
    return self;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const folder of this.folders.values()) folder.watcher.close();
    this.folders.clear();
  }

  /** Watches a folder and everything below it; `report`: its files are new (a folder created while watching). */
  private async addFolder(dir: string, report: boolean): Promise<void> {
    if (this.closed || this.folders.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: true }, (_type, name) => {
        if (name) this.onChange(dir, name.toString());
      });
    } catch (err) {
      this.error(err);
      return;
    }
    // A watched folder that is removed ends its watcher; the parent's event cleans up.
    watcher.on('error', () => this.dropFolder(dir, false));
    const folder: Folder = { watcher, entries: new Map() };
    this.folders.set(dir, folder);
    let list;
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const subfolders: string[] = [];
    for (const entry of list) {
      if (folder.entries.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (this.filter.ignores(path, isDir)) continue;
      folder.entries.set(entry.name, isDir);
      if (isDir) subfolders.push(path);
      else if (report) this.emit('created', path);
    }
    await Promise.all(subfolders.map((sub) => this.addFolder(sub, report)));
  }

  private onChange(dir: string, name: string): void {
    const folder = this.folders.get(dir);
    if (!folder || this.closed) return;
    const path = join(dir, name);
    if (name === '.gitignore') this.filter.invalidate(path);
    const known = folder.entries.get(name);
    // Synchronous on purpose: events for one path must be read in the order they came.
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) {
      if (known === undefined) return;
      folder.entries.delete(name);
      if (known) this.dropFolder(path, true);
      else this.emit('deleted', path);
      return;
    }
    const isDir = stats.isDirectory();
    if (known === undefined) {
      if (this.filter.ignores(path, isDir)) return;
      folder.entries.set(name, isDir);
      if (isDir) void this.addFolder(path, true);
      else this.emit('created', path);
    } else if (!isDir) {
      this.emit('changed', path);
    }
  }

  /** Stops watching a folder that went away; `report`: its files count as deleted. */
  private dropFolder(dir: string, report: boolean): void {
    const folder = this.folders.get(dir);
    if (!folder) return;
    folder.watcher.close();
    this.folders.delete(dir);
    for (const [name, isDir] of folder.entries) {
      if (isDir) this.dropFolder(join(dir, name), report);
      else if (report) this.emit('deleted', join(dir, name));
    }
  }

  private emit(type: 'created' | 'changed' | 'deleted', path: string): void {
    this.options.onEvent({ type, paths: [path] });
  }

  private error(err: unknown): void {
    this.options.onError?.(err instanceof Error ? err : new Error(String(err)));
  }
}
