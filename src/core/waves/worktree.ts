// One git worktree per task of a wave, with the real git: created on branch
// `tiller/<spec>/<task>` from the workspace's current commit, under the repository's own git
// folder (`<git-common-dir>/tiller-worktrees/…`, never inside the working tree, so no watcher, search
// or build of the workspace sees it), committed when the task completes, and merged back.
//
// Merge strategy: the task's branch is rebased onto the workspace's current HEAD and the workspace
// is fast-forwarded to it, so history stays linear and each task is one commit on top of the work
// merged before it. A rebase conflict, or a file the branch changes that has uncommitted changes in
// the workspace, fails the merge: nothing in the workspace changes and the worktree and branch stay
// for inspection. Tiller's own records (`.kiro/tiller/`) are never committed.
import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { TILLER_DIR } from '../trace';

export class GitError extends Error {}

export interface Worktree {
  /** Absolute path of the worktree's folder. */
  path: string;
  branch: string;
  /** The commit it was created from. */
  base: string;
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

export async function git(cwd: string, args: string[], ok: number[] = [0]): Promise<{ code: number; stdout: string }> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        if (code === -1) return fail(new GitError(`git is not available: ${err?.message ?? ''}`));
        if (!ok.includes(code)) return fail(new GitError(`git ${args[0]} failed: ${(stderr || stdout).trim()}`));
        done({ code, stdout });
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
  const exists = await git(repo.top, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], [0, 1]);
  if (exists.code === 0)
    throw new GitError(
      `branch ${branch} is left from an earlier run (${path}); look at it, then discard it (tiller waves --discard)`,
    );
  const base = await out(repo.top, ['rev-parse', 'HEAD']);
  await mkdir(dirname(path), { recursive: true });
  await git(repo.top, ['worktree', 'add', '--quiet', '-b', branch, path, base]);
  return { path, branch, base };
}

/** Commits whatever the task changed in its worktree; false when it changed nothing. */
export async function commitWorktree(wt: Worktree, message: string): Promise<boolean> {
  await git(wt.path, ['add', '-A', '--', '.', EXCLUDE_OWN]);
  const staged = await git(wt.path, ['diff', '--cached', '--quiet'], [0, 1]);
  if (staged.code === 0) return false;
  // Tiller's own bookkeeping commit: the person's commit hooks are for the person's commits.
  await git(wt.path, [...(await identityArgs(wt.path)), 'commit', '--quiet', '--no-verify', '-m', message]);
  return true;
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
 * Rebases the task's branch onto the workspace's HEAD and fast-forwards the workspace to it.
 * Callers merge one task at a time (the coordinator serializes this).
 */
export async function mergeWorktree(repo: Repository, wt: Worktree): Promise<MergeOutcome> {
  const head = await out(repo.top, ['rev-parse', 'HEAD']);
  const ident = await identityArgs(repo.top);
  // Nothing merged since the worktree was made: the branch already sits on HEAD.
  const rebase =
    wt.base === head ? { code: 0 } : await git(wt.path, [...ident, 'rebase', '--quiet', head], [0, 1, 128]);
  if (rebase.code !== 0) {
    const conflicts = (await out(wt.path, ['diff', '--name-only', '--diff-filter=U'])).split('\n').filter(Boolean);
    await git(wt.path, ['rebase', '--abort'], [0, 128]);
    return {
      merged: false,
      conflicts,
      reason: `its changes conflict with work merged before it${conflicts.length ? ` in ${conflicts.join(', ')}` : ''}`,
      head,
    };
  }
  const tip = await out(wt.path, ['rev-parse', 'HEAD']);
  if (tip === head) return { merged: true, conflicts: [], reason: '', head };
  const changed = (await out(repo.top, ['diff', '--name-only', head, tip])).split('\n').filter(Boolean);
  const dirty = new Set(await dirtyFiles(repo.top));
  const touched = changed.filter((f) => dirty.has(f));
  if (touched.length)
    return {
      merged: false,
      conflicts: touched,
      reason: `the workspace has uncommitted changes in ${touched.join(', ')}, which the task also changed`,
      head,
    };
  const ff = await git(repo.top, ['merge', '--quiet', '--ff-only', wt.branch], [0, 1, 128]);
  if (ff.code !== 0)
    return {
      merged: false,
      conflicts: [],
      reason: 'the workspace could not be fast-forwarded to the task (it moved, or a file is in the way)',
      head,
    };
  return { merged: true, conflicts: [], reason: '', head: tip };
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
