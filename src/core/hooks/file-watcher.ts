// Watches the workspace on disk (Node, no editor needed) and reports created, changed and deleted
// files as hook events. Everything git ignores, `.git/`, `node_modules/` and build output are
// skipped, so a large repository costs watchers only for the files that matter. Files that
// already exist when it starts are not reported.
import { watch, type FSWatcher } from 'chokidar';
import { basename } from 'node:path';
import { DEFAULT_IGNORED_DIRS, GitignoreFilter } from './gitignore';
import type { HookEvent } from './model';

export interface FileWatcherOptions {
  root: string;
  onEvent: (event: HookEvent) => void;
  onError?: (error: Error) => void;
  /** Folder names skipped at any depth; default DEFAULT_IGNORED_DIRS. */
  ignoredDirs?: readonly string[];
}

const TYPES = { add: 'created', change: 'changed', unlink: 'deleted' } as const;

export class WorkspaceWatcher {
  private constructor(private readonly watcher: FSWatcher) {}

  /** Resolves once the initial scan is done and events are live. */
  static async start(options: FileWatcherOptions): Promise<WorkspaceWatcher> {
    const filter = new GitignoreFilter(options.root, options.ignoredDirs ?? DEFAULT_IGNORED_DIRS);
    const watcher = watch(options.root, {
      ignoreInitial: true,
      followSymlinks: false,
      ignored: (path, stats) => filter.ignores(path, stats?.isDirectory()),
    });
    watcher.on('all', (name, path) => {
      if (basename(path) === '.gitignore') filter.invalidate(path);
      const type = name in TYPES ? TYPES[name as keyof typeof TYPES] : undefined;
      if (type) options.onEvent({ type, paths: [path] });
    });
    watcher.on('error', (err) => options.onError?.(err instanceof Error ? err : new Error(String(err))));
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    return new WorkspaceWatcher(watcher);
  }

  close(): Promise<void> {
    return this.watcher.close();
  }
}
