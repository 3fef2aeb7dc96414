// Checkpoints: the workspace as it was before and after a run, kept in a shadow git repository
// that lives in the host's storage folder, never in the user's repository. Every git call names
// the shadow's own --git-dir and --work-tree and runs with a scrubbed environment, so the user's
// branches, index, stash and hooks are never read or touched. The work tree's .gitignore files
// apply (git reads them itself); `.git` folders and Tiller's own records (.kiro/tiller) are left
// out. A nested repository (a folder with its own .git) is recorded as a link, not its content.
//
// Snapshots are commits under refs/tiller/<runId>/{before,after,before-revert}; nothing else
// points at them. A run start keeps the checkpoints of the runs whose traces are kept (runner.ts,
// keepRuns) and drops the rest; their objects go once unreachable and an hour old, so a snapshot
// another process is writing at that moment is never taken (a user can delete the storage
// folder at any time, too).
//
// Revert restores every path that differs between `before` and `after` (edits by tools and by
// commands alike). A path the user changed again after the run (its current content differs
// from `after`) is a conflict: it is left as it is and reported, unless `force` is given. Before
// writing anything, revert snapshots the current state as `before-revert`, so a revert can
// itself be undone with the same machinery.
import { execFile } from 'node:child_process';
import { access, mkdir, readdir, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TILLER_DIR } from '../trace';

export interface RevertReport {
  /** Workspace-relative paths put back to their pre-run content (or removed, if the run created them). */
  reverted: string[];
  /** Paths changed again after the run; left untouched (without `force`). */
  conflicts: string[];
  /** Commit holding the workspace as it was just before the revert. */
  backup: string;
}

export class CheckpointError extends Error {}

/**
 * Default storage for hosts without their own (the CLI): `.kiro/tiller/checkpoints` in the
 * workspace, which the shadow repository excludes and which carries a `*` .gitignore so that the
 * user's own git never sees it. The extension passes its workspace storage folder instead.
 */
export function defaultStorageDir(workspaceRoot: string): string {
  return join(workspaceRoot, ...TILLER_DIR.split('/'), 'checkpoints');
}

/** "Revert run": see the rules at the top of this file. */
export function revertRun(options: {
  workspaceRoot: string;
  runId: string;
  storageDir?: string;
  force?: boolean;
}): Promise<RevertReport> {
  return new Checkpoints(options.workspaceRoot, options.storageDir ?? defaultStorageDir(options.workspaceRoot)).revert(
    options.runId,
    { force: options.force },
  );
}

const IDENTITY = ['-c', 'user.name=Tiller', '-c', 'user.email=tiller@localhost', '-c', 'commit.gpgsign=false'];
const NEUTRAL = [
  '--literal-pathspecs',
  '-c',
  'core.autocrlf=false',
  '-c',
  'core.safecrlf=false',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.quotepath=false',
  '-c',
  'core.hooksPath=/dev/null',
];
const MAX_BUFFER = 256 * 1024 * 1024;

export class Checkpoints {
  readonly gitDir: string;
  private ready: Promise<void> | null = null;

  /** storageDir: a folder only Tiller writes (extension storage; CLI: `.kiro/tiller/checkpoints`). */
  constructor(
    readonly workspaceRoot: string,
    storageDir: string,
  ) {
    this.gitDir = join(storageDir, 'shadow.git');
  }

  /** Snapshots the workspace now and names the commit refs/tiller/<runId>/<label>. */
  async snapshot(runId: string, label: 'before' | 'after' | 'before-revert'): Promise<string> {
    await this.init();
    await this.git(['add', '--all', '--ignore-errors', '.']).catch((err: unknown) => {
      // --ignore-errors still exits 1 after skipping unreadable files; the rest is staged.
      if (!(err instanceof CheckpointError && /unable to index|permission denied|failed to insert/i.test(err.message)))
        throw err;
    });
    const tree = (await this.git(['write-tree'])).trim();
    const commit = (await this.git([...IDENTITY, 'commit-tree', tree, '-m', `${label} ${runId}`])).trim();
    await this.git(['update-ref', ref(runId, label), commit]);
    return commit;
  }

  async commitOf(runId: string, label: 'before' | 'after' | 'before-revert'): Promise<string | null> {
    await this.init();
    return this.git(['rev-parse', '--verify', '--quiet', `${ref(runId, label)}^{commit}`]).then(
      (out) => out.trim(),
      () => null,
    );
  }

  /** Run ids that have snapshots, oldest first. */
  async runs(): Promise<string[]> {
    return [...new Set((await this.refs()).map((r) => r.runId))].sort();
  }

  /** Drops the snapshots of every run `keep` refuses; returns their run ids, oldest first. */
  async prune(keep: (runId: string) => boolean): Promise<string[]> {
    const drop = (await this.refs()).filter((r) => !keep(r.runId));
    if (!drop.length) return [];
    await this.git(['update-ref', '--stdin'], true, drop.map((r) => `delete ${r.name}\n`).join(''));
    await this.git(['prune', '--expire=1.hour.ago']);
    return [...new Set(drop.map((r) => r.runId))].sort();
  }

  private async refs(): Promise<{ name: string; runId: string }[]> {
    if (!(await this.exists())) return [];
    const out = await this.git(['for-each-ref', '--format=%(refname)', 'refs/tiller/']);
    return out.split('\n').flatMap((name) => {
      const runId = /^refs\/tiller\/(.+)\/[^/]+$/.exec(name)?.[1];
      return runId ? [{ name, runId }] : [];
    });
  }

  /** Workspace-relative paths that differ between two snapshots. */
  async changedBetween(from: string, to: string): Promise<string[]> {
    const out = await this.git(['diff', '--name-only', '--no-renames', '-z', from, to]);
    return out.split('\0').filter(Boolean);
  }

  async revert(runId: string, options: { force?: boolean } = {}): Promise<RevertReport> {
    const before = await this.commitOf(runId, 'before');
    if (!before) throw new CheckpointError(`there is no checkpoint for run ${runId}`);
    // A run that crashed before its `after` snapshot: everything changed since `before` is its.
    const after = (await this.commitOf(runId, 'after')) ?? null;
    const backup = await this.snapshot(runId, 'before-revert');
    const changed = await this.changedBetween(before, after ?? backup);
    const touchedSince = new Set(after ? await this.changedBetween(after, backup) : []);
    const conflicts = changed.filter((p) => touchedSince.has(p) && !options.force);
    const restore = changed.filter((p) => !conflicts.includes(p));
    const existedBefore = new Set<string>();
    for (const part of chunks(restore))
      for (const p of (await this.git(['ls-tree', '-r', '-z', '--name-only', before, '--', ...part])).split('\0'))
        if (p) existedBefore.add(p);
    const toCheckout = restore.filter((p) => existedBefore.has(p));
    const toDelete = restore.filter((p) => !existedBefore.has(p));
    for (const rel of toDelete) {
      await unlink(join(this.workspaceRoot, rel)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      await this.removeEmptyParents(rel);
    }
    for (const part of chunks(toCheckout)) await this.git(['checkout', before, '--', ...part]);
    return { reverted: restore, conflicts, backup };
  }

  private async removeEmptyParents(rel: string): Promise<void> {
    for (let dir = dirname(rel); dir !== '.' && dir !== ''; dir = dirname(dir)) {
      const abs = join(this.workspaceRoot, dir);
      const left = await readdir(abs).catch(() => null);
      if (left === null || left.length) return;
      await rmdir(abs).catch(() => undefined);
    }
  }

  private exists(): Promise<boolean> {
    return access(join(this.gitDir, 'HEAD')).then(
      () => true,
      () => false,
    );
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.gitDir, { recursive: true });
      await writeFile(join(this.gitDir, '..', '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
      // Created bare so that git never guesses a work tree from where the folder sits; every
      // later call names the workspace explicitly.
      await this.git(['init', '--quiet', '--bare', this.gitDir], false);
      await this.git(['config', 'core.bare', 'false']);
      await mkdir(join(this.gitDir, 'info'), { recursive: true });
      await writeFile(join(this.gitDir, 'info', 'exclude'), `/${TILLER_DIR}/\n.git\n`);
    })().catch((err: unknown) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  private git(args: string[], shadow = true, stdin?: string): Promise<string> {
    const where = shadow ? [`--git-dir=${this.gitDir}`, `--work-tree=${this.workspaceRoot}`] : [];
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        [...NEUTRAL, ...where, ...args],
        { cwd: this.workspaceRoot, env: gitEnvironment(), maxBuffer: MAX_BUFFER, encoding: 'utf8' },
        (err, stdout, stderr) => {
          if (err)
            reject(
              new CheckpointError(
                `git ${args
                  .filter((a) => !a.startsWith('-c'))
                  .slice(0, 2)
                  .join(' ')} failed: ${(stderr || err.message).trim()}`,
              ),
            );
          else resolve(stdout);
        },
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
  }
}

/** Keeps each command line well under the OS argument limit. */
function chunks(paths: string[], size = 200): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < paths.length; i += size) out.push(paths.slice(i, i + size));
  return out;
}

function ref(runId: string, label: string): string {
  return `refs/tiller/${runId}/${label}`;
}

/** The user's GIT_* variables would point git at their repository or index; none may leak in. */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}
