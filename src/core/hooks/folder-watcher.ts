// Watches one folder's entries (not below), also when the folder does not exist yet or goes away:
// meanwhile it watches the nearest parent that exists, down to a limit, and moves to the folder
// once it appears. One fs.watch at a time. `tiller watch` uses it for `.kiro/hooks`, so that hook
// files are reloaded without watching the whole workspace.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname, relative, sep } from 'node:path';

export interface FolderWatcherOptions {
  folder: string;
  /** The outermost parent to watch while the folder is missing (the workspace root, the home). */
  within: string;
  /** Something in the folder changed, or the folder appeared or went away. */
  onChange: () => void;
  onError?: (error: Error) => void;
}

export class FolderWatcher {
  private watcher: FSWatcher | undefined;
  private closed = false;

  constructor(private readonly options: FolderWatcherOptions) {
    this.arm();
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = undefined;
  }

  private arm(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.closed) return;
    const { folder, within } = this.options;
    let at = folder;
    while (!existsSync(at) && at !== within && dirname(at) !== at) at = dirname(at);
    if (!existsSync(at)) return;
    const onFolder = at === folder;
    // The name, inside `at`, of the next folder on the way down to the one wanted.
    const next = onFolder ? undefined : relative(at, folder).split(sep)[0];
    try {
      this.watcher = watch(at, (_type, name) => {
        if (onFolder) {
          if (!existsSync(folder)) this.arm();
          this.options.onChange();
        } else if (name?.toString() === next && existsSync(`${at}${sep}${next}`)) {
          this.arm();
          if (existsSync(folder)) this.options.onChange();
        }
      });
      // A watched folder that is removed ends its watcher: fall back to its parent.
      this.watcher.on('error', () => {
        this.arm();
        if (onFolder) this.options.onChange();
      });
    } catch (err) {
      this.options.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
