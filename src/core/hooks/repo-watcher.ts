// Keeps a commit watcher on the workspace's repository for as long as it is watched, including a
// repository that appears after the start (`git init`, a clone into the folder) or goes away
// (`rm -rf .git`). The folder itself is watched (not below) for `.git`; while a `.git` exists
// that git cannot read yet (`git init` writes it over several steps), every change inside it is
// another try. `tiller watch` and the extension share it.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { gitLayout } from './git';
import { GitCommitWatcher, type GitWatcherOptions } from './git-watcher';

export interface RepositoryWatcherOptions extends GitWatcherOptions {
  /** The commit watcher started (on a repository that appeared) or stopped (the repository went). */
  onRepositoryChange?: (watching: boolean) => void;
}

export class RepositoryWatcher {
  private git: GitCommitWatcher | undefined;
  private rootWatcher: FSWatcher | undefined;
  private newRepoWatcher: FSWatcher | undefined;
  private change: Promise<void> = Promise.resolve();
  private pending = false;
  private closed = false;

  private constructor(private readonly options: RepositoryWatcherOptions) {}

  /** Resolves once the commit watcher runs, or once it is clear there is no repository yet. */
  static async start(options: RepositoryWatcherOptions): Promise<RepositoryWatcher> {
    const self = new RepositoryWatcher(options);
    try {
      self.rootWatcher = watch(options.workspaceRoot, (_type, name) => {
        if (name?.toString() === '.git') self.restart();
      });
      self.rootWatcher.on('error', (err) => self.error(err));
    } catch (err) {
      self.error(err);
    }
    self.restart();
    await self.change;
    return self;
  }

  /** True while commits in a repository are being watched. */
  watching(): boolean {
    return this.git !== undefined;
  }

  /** Resolves when the commit changes seen so far have been reported. */
  async settled(): Promise<void> {
    await this.change;
    await this.git?.settled();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.rootWatcher?.close();
    this.newRepoWatcher?.close();
    await this.change;
    await this.git?.close();
    this.git = undefined;
  }

  /** (Re)starts the commit watcher; events during a restart collapse into one more restart. */
  private restart(): void {
    if (this.pending) return;
    this.pending = true;
    this.change = this.change.then(async () => {
      this.pending = false;
      if (this.closed) return;
      const was = this.git !== undefined;
      await this.git?.close();
      this.git = await GitCommitWatcher.start(this.options).catch((err: unknown) => {
        this.error(err);
        return undefined;
      });
      if (this.closed) {
        await this.git?.close();
        this.git = undefined;
        return;
      }
      this.watchNewRepo();
      if (was !== (this.git !== undefined)) this.options.onRepositoryChange?.(this.git !== undefined);
      // `git init` may have finished between the failed look and the watch on `.git`: with the
      // watch in place, one more look sees it (and a later write fires the watch).
      if (!this.git && this.newRepoWatcher && (await gitLayout(this.options.workspaceRoot))) this.restart();
    });
  }

  private watchNewRepo(): void {
    this.newRepoWatcher?.close();
    this.newRepoWatcher = undefined;
    if (this.git) return;
    try {
      this.newRepoWatcher = watch(join(this.options.workspaceRoot, '.git'), () => this.restart());
      // A `.git` removed again ends this watcher; the root watcher reports the removal.
      this.newRepoWatcher.on('error', () => this.newRepoWatcher?.close());
    } catch {
      // No `.git` here: the folder is not (yet) a repository, and the root watcher will say when it is.
    }
  }

  private error(err: unknown): void {
    this.options.onError?.(err instanceof Error ? err : new Error(String(err)));
  }
}
