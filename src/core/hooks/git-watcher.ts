// Reports every new commit in the workspace's repository, whoever made it (a terminal, the editor,
// the agent). It watches HEAD, the branch refs and HEAD's reflog, and reads the reflog lines
// appended since it last looked: an entry that records a new commit object (commit, amend, merge
// commit, cherry-pick, revert, each rebase pick) is a commit; moving HEAD to a commit that already
// existed (checkout, reset, fast-forward) is not. Without a reflog it falls back to HEAD moving
// onto a child of the previous HEAD.
import { watch, type FSWatcher } from 'chokidar';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gitLayout, headSha, readCommit, type GitLayout } from './git';
import type { CommitInfo } from './model';

export interface GitWatcherOptions {
  workspaceRoot: string;
  onCommit: (event: { type: 'commit' } & CommitInfo) => void;
  onError?: (error: Error) => void;
  /** Git writes a ref, its reflog and HEAD in quick succession; look once they settle. Default 50 ms. */
  settleMs?: number;
}

/** Reflog messages of entries that made a new commit object. */
const NEW_COMMIT =
  /^(commit(?: \([^)]*\))?|cherry-pick(?: \([^)]*\))?|revert|am|rebase(?: -i| -m)? \((?:pick|reword|edit|squash|fixup|continue)\)):|: Merge made by /;

export function isNewCommitEntry(message: string): boolean {
  return NEW_COMMIT.test(message);
}

export class GitCommitWatcher {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();
  private closed = false;
  private watchers: FSWatcher[] = [];

  private constructor(
    private readonly layout: GitLayout,
    private readonly options: GitWatcherOptions,
    private offset: number,
    private head: string | undefined,
  ) {}

  /** Undefined when the workspace is not inside a git repository. */
  static async start(options: GitWatcherOptions): Promise<GitCommitWatcher | undefined> {
    const layout = await gitLayout(options.workspaceRoot);
    if (!layout) return undefined;
    const reflog = join(layout.gitDir, 'logs', 'HEAD');
    const offset = await stat(reflog).then(
      (s) => s.size,
      () => 0,
    );
    const self = new GitCommitWatcher(layout, options, offset, await headSha(layout.topLevel));
    // The `logs` folder and `refs/heads` are watched rather than the files in them: git replaces
    // refs by renaming a lock file, and a new repository has no reflog until its first commit.
    // One watcher per path, because chokidar says `ready` once the first of several paths is.
    const paths = [
      join(layout.gitDir, 'HEAD'),
      join(layout.gitDir, 'logs'),
      join(layout.commonDir, 'refs', 'heads'),
      join(layout.commonDir, 'packed-refs'),
    ];
    self.watchers = await Promise.all(
      paths.map(async (path) => {
        const watcher = watch(path, { ignoreInitial: true, ignored: (p) => p.endsWith('.lock') });
        watcher.on('all', () => self.schedule());
        watcher.on('error', (err) => options.onError?.(err instanceof Error ? err : new Error(String(err))));
        await new Promise<void>((resolve) => watcher.once('ready', resolve));
        return watcher;
      }),
    );
    return self;
  }

  /** Resolves when the changes seen so far have been read and reported. */
  settled(): Promise<void> {
    return this.checking;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.all(this.watchers.map((w) => w.close()));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.checking = this.checking
        .then(() => this.check())
        .catch((err: unknown) => this.options.onError?.(err instanceof Error ? err : new Error(String(err))));
    }, this.options.settleMs ?? 50);
  }

  private async check(): Promise<void> {
    if (this.closed) return;
    const shas = await this.newCommitsFromReflog();
    const head = await headSha(this.layout.topLevel);
    const previous = this.head;
    this.head = head;
    if (shas === undefined && head && head !== previous) {
      const commit = await readCommit(this.layout, head);
      if (!previous || commit.parents.includes(previous)) this.report(commit);
      return;
    }
    for (const sha of shas ?? []) this.report(await readCommit(this.layout, sha));
  }

  private report(commit: CommitInfo): void {
    if (!this.closed)
      this.options.onCommit({ type: 'commit', sha: commit.sha, message: commit.message, files: commit.files });
  }

  /** New-commit shas from the reflog lines appended since the last look; undefined when there is no reflog. */
  private async newCommitsFromReflog(): Promise<string[] | undefined> {
    let file;
    try {
      file = await open(join(this.layout.gitDir, 'logs', 'HEAD'), 'r');
    } catch {
      return undefined;
    }
    try {
      const { size } = await file.stat();
      // A shorter reflog was expired or rewritten: nothing in it is new.
      if (size <= this.offset) {
        this.offset = size;
        return [];
      }
      const buffer = Buffer.alloc(size - this.offset);
      await file.read(buffer, 0, buffer.length, this.offset);
      const text = buffer.toString('utf8');
      const complete = text.lastIndexOf('\n') + 1;
      this.offset += Buffer.byteLength(text.slice(0, complete));
      const shas: string[] = [];
      for (const line of text.slice(0, complete).split('\n')) {
        const tab = line.indexOf('\t');
        if (tab < 0) continue;
        const sha = line.split(' ')[1];
        if (sha && !/^0+$/.test(sha) && isNewCommitEntry(line.slice(tab + 1))) shas.push(sha);
      }
      return shas;
    } finally {
      await file.close();
    }
  }
}
