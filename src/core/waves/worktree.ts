// One git worktree per task of a wave, with the real git: created on branch
// `tiller/<spec>/<task>` from the workspace's current commit, under the repository's own git
// folder (`<git-common-dir>/tiller-worktrees/…`, never inside the working tree, so no watcher, search
// or build of the workspace sees it), committed when the task completes, and merged back.
//
// Merge strategy: the task's one commit is rebased onto the workspace's current HEAD (replayed in
// the object store, see mergeWorktree) and the workspace is fast-forwarded to it, so history stays
// linear and each task is one commit on top of the work merged before it. A conflict, or a file the branch changes that has uncommitted changes in
// the workspace, fails the merge: nothing in the workspace changes and the worktree and branch stay
// for inspection. Tiller's own records (`.kiro/tiller/`) are never committed.
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { TILLER_DIR } from '../trace';

export class GitError extends Error {}

export interface Worktree {
  /** Absolute path of the worktree's folder. */
  path: string;
  branch: string;
  /** The commit it was created from. */
  base: string;
  /** The message of the task's commit, once commitWorktree made one. */
  message?: string;
}

export interface MergeOutcome {
  merged: boolean;
  /** Workspace-relative files that conflicted (or have uncommitted changes in the workspace). */
  conflicts: string[];
  /** Why it did not merge; empty when it did. */
  reason: string;
  /** The workspace's HEAD after the merge. */
  head: string | null;
}

const EXCLUDE_OWN = `:(exclude)${TILLER_DIR}`;
// Used only when the person has no git identity (a fresh machine, CI): commits still need one.
const FALLBACK_IDENTITY = ['-c', 'user.name=Tiller', '-c', 'user.email=tiller@localhost'];

export async function git(
  cwd: string,
  args: string[],
  ok: number[] = [0],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        if (code === -1) return fail(new GitError(`git is not available: ${err?.message ?? ''}`));
        if (!ok.includes(code)) return fail(new GitError(`git ${args[0]} failed: ${(stderr || stdout).trim()}`));
        done({ code, stdout, stderr });
      },
    );
  });
}

async function out(cwd: string, args: string[]): Promise<string> {
  return (await git(cwd, args)).stdout.trim();
}

let identity: Promise<string[]> | undefined;
function identityArgs(cwd: string): Promise<string[]> {
  identity ??= git(cwd, ['var', 'GIT_COMMITTER_IDENT'], [0, 128]).then((r) => (r.code === 0 ? [] : FALLBACK_IDENTITY));
  return identity;
}

export interface Repository {
  /** The working tree's top folder. */
  top: string;
  /** The folder every worktree shares (`.git` of the main checkout). */
  commonDir: string;
  head: string;
}

/** The repository the workspace is in, or why waves cannot run there. */
export async function openRepository(workspaceRoot: string): Promise<Repository> {
  const probe = await git(workspaceRoot, ['rev-parse', '--show-toplevel', '--git-common-dir'], [0, 128]);
  if (probe.code !== 0) throw new GitError(`${workspaceRoot} is not in a git repository; run the tasks one at a time`);
  const [top, common] = probe.stdout.trim().split('\n');
  const head = await git(workspaceRoot, ['rev-parse', '--verify', '--quiet', 'HEAD'], [0, 1]);
  if (head.code !== 0)
    throw new GitError('the repository has no commit yet; commit once, or run the tasks one at a time');
  return { top, commonDir: isAbsolute(common) ? common : resolve(workspaceRoot, common), head: head.stdout.trim() };
}

/** `tiller/<spec>/<task>`, with anything git refuses in a branch name replaced. */
export function branchName(spec: string, task: string): string {
  const clean = (s: string) =>
    s
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[.-]+|[.]+$|\.lock$/g, '') || 'x';
  return `tiller/${clean(spec)}/${clean(task)}`;
}

export function worktreesDir(repo: Repository): string {
  return join(repo.commonDir, 'tiller-worktrees');
}

export async function createWorktree(repo: Repository, spec: string, task: string): Promise<Worktree> {
  const branch = branchName(spec, task);
  const path = join(worktreesDir(repo), ...branch.split('/').slice(1));
  await mkdir(dirname(path), { recursive: true });
  // One git process: git itself refuses a branch that is left from an earlier run.
  const add = await git(repo.top, ['worktree', 'add', '--quiet', '-b', branch, path, 'HEAD'], [0, 128, 255]);
  if (add.code !== 0) {
    if (/already exists/.test(add.stderr))
      throw new GitError(
        `branch ${branch} is left from an earlier run (${path}); look at it, then discard it (tiller waves --discard)`,
      );
    throw new GitError(`git worktree failed: ${add.stderr.trim()}`);
  }
  return { path, branch, base: await branchTip(repo, branch) };
}

/**
 * The commit a branch points at. Read from its ref file where git keeps one (a fresh branch always
 * has one): a git process costs more than the whole rest of a small task's merge.
 */
async function branchTip(repo: Repository, branch: string): Promise<string> {
  const text = await readFile(join(repo.commonDir, 'refs', 'heads', ...branch.split('/')), 'utf8').catch(() => '');
  const sha = text.trim();
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? sha : out(repo.top, ['rev-parse', `refs/heads/${branch}`]);
}

/** Commits whatever the task changed in its worktree; false when it changed nothing. */
export async function commitWorktree(wt: Worktree, message: string): Promise<boolean> {
  await git(wt.path, ['add', '-A', '--', '.', EXCLUDE_OWN]);
  // Tiller's own bookkeeping commit: the person's commit hooks are for the person's commits.
  const commit = await git(
    wt.path,
    [...(await identityArgs(wt.path)), 'commit', '--quiet', '--no-verify', '-m', message],
    [0, 1],
  );
  if (commit.code === 0) {
    wt.message = message;
    return true;
  }
  if (/nothing to commit|nothing added to commit/.test(commit.stdout + commit.stderr)) return false;
  throw new GitError(`git commit failed: ${(commit.stderr || commit.stdout).trim()}`);
}

/** Files with uncommitted changes (untracked included) in a checkout, relative to its top. */
export async function dirtyFiles(cwd: string): Promise<string[]> {
  const text = (await git(cwd, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.', EXCLUDE_OWN]))
    .stdout;
  const files: string[] = [];
  const parts = text.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i];
    if (entry.length < 4) continue;
    files.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++; // the rename's source follows
  }
  return files;
}

/**
 * Brings the task's commit onto the workspace's HEAD and fast-forwards the workspace to it. Callers
 * merge one task at a time (the coordinator serializes this). When HEAD moved since the worktree
 * was made, the task's commit is replayed on it in git's object store (`merge-tree`, then
 * `commit-tree` with HEAD as the only parent: what a rebase of its one commit gives, without
 * checking anything out); git older than 2.38 rebases in the worktree instead.
 */
export async function mergeWorktree(repo: Repository, wt: Worktree): Promise<MergeOutcome> {
  const tip = await branchTip(repo, wt.branch);
  const head = await out(repo.top, ['rev-parse', 'HEAD']);
  if (tip === wt.base) return { merged: true, conflicts: [], reason: '', head };
  let target = tip;
  if (wt.base !== head) {
    const replayed = await replay(repo, wt, head, tip);
    if (typeof replayed !== 'string') return replayed;
    target = replayed;
  }
  // git refuses to fast-forward over uncommitted changes to a file the task changed, and changes
  // nothing then; only that failure needs the list of those files.
  const ff = await git(repo.top, ['merge', '--quiet', '--ff-only', target], [0, 1, 128]);
  if (ff.code === 0) return { merged: true, conflicts: [], reason: '', head: target };
  const changed = (await out(repo.top, ['diff', '--name-only', head, target])).split('\n').filter(Boolean);
  const dirty = new Set(await dirtyFiles(repo.top));
  const touched = changed.filter((f) => dirty.has(f));
  if (touched.length)
    return {
      merged: false,
      conflicts: touched,
      reason: `the workspace has uncommitted changes in ${touched.join(', ')}, which the task also changed`,
      head,
    };
  return {
    merged: false,
    conflicts: [],
    reason: 'the workspace could not be fast-forwarded to the task (it moved, or a file is in the way)',
    head,
  };
}

/** The task's commit on top of `head`: its id, or why it does not apply. */
async function replay(repo: Repository, wt: Worktree, head: string, tip: string): Promise<string | MergeOutcome> {
  const conflict = (conflicts: string[]): MergeOutcome => ({
    merged: false,
    conflicts,
    reason: `its changes conflict with work merged before it${conflicts.length ? ` in ${conflicts.join(', ')}` : ''}`,
    head,
  });
  const merge = await git(repo.top, ['merge-tree', '--write-tree', '--name-only', '-z', head, tip], [0, 1, 129]);
  if (merge.code === 129) return rebaseInWorktree(repo, wt, head, conflict);
  const [tree, ...files] = merge.stdout.split('\0\0')[0].split('\0');
  if (merge.code === 1) return conflict([...new Set(files.filter(Boolean))]);
  const message = wt.message ?? (await out(repo.top, ['log', '-1', '--format=%B', tip]));
  const ident = await identityArgs(repo.top);
  return out(repo.top, [...ident, 'commit-tree', tree, '-p', head, '-m', message]);
}

async function rebaseInWorktree(
  repo: Repository,
  wt: Worktree,
  head: string,
  conflict: (files: string[]) => MergeOutcome,
): Promise<string | MergeOutcome> {
  const ident = await identityArgs(repo.top);
  const rebase = await git(wt.path, [...ident, 'rebase', '--quiet', head], [0, 1, 128]);
  if (rebase.code === 0) return out(wt.path, ['rev-parse', 'HEAD']);
  const conflicts = (await out(wt.path, ['diff', '--name-only', '--diff-filter=U'])).split('\n').filter(Boolean);
  await git(wt.path, ['rebase', '--abort'], [0, 128]);
  return conflict(conflicts);
}

/** True when the worktree holds nothing the base commit lacks (no commit, no uncommitted change). */
export async function isClean(wt: Worktree): Promise<boolean> {
  if ((await dirtyFiles(wt.path)).length) return false;
  return (await out(wt.path, ['rev-parse', 'HEAD'])) === wt.base;
}

/** Removes the worktree folder and its branch. */
export async function removeWorktree(repo: Repository, wt: Pick<Worktree, 'path' | 'branch'>): Promise<void> {
  const present = await stat(wt.path).then(
    () => true,
    () => false,
  );
  if (present) await git(repo.top, ['worktree', 'remove', '--force', '--force', wt.path]);
  else await git(repo.top, ['worktree', 'prune']);
  await git(repo.top, ['branch', '-D', '--quiet', wt.branch], [0, 1]);
}

/** Worktrees kept from earlier waves (conflicts, failures, an interrupted run), for cleanup. */
export async function keptWorktrees(repo: Repository): Promise<{ path: string; branch: string }[]> {
  const text = await out(repo.top, ['worktree', 'list', '--porcelain']);
  const kept: { path: string; branch: string }[] = [];
  let path = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('worktree ')) path = line.slice('worktree '.length);
    else if (line.startsWith('branch refs/heads/tiller/'))
      kept.push({ path, branch: line.slice('branch refs/heads/'.length) });
  }
  return kept;
}
