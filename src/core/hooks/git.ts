// The few git questions the commit watcher asks, through the git CLI (the repository's own
// configuration, worktrees and packed refs are git's business, not ours).
import { execFile } from 'node:child_process';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CommitInfo } from './model';

const exec = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await exec('git', args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
  return stdout;
}

export interface GitLayout {
  /** The working tree's top folder. */
  topLevel: string;
  /** This worktree's git folder (`.git`, or `.git/worktrees/<name>` when `.git` is a `gitdir:` file). */
  gitDir: string;
  /** Where refs and objects live; equals gitDir except in a linked worktree. */
  commonDir: string;
}

/** The repository holding `cwd`, or undefined when there is none (or no git). */
export async function gitLayout(cwd: string): Promise<GitLayout | undefined> {
  try {
    const [topLevel, gitDir, commonDir] = (
      await git(cwd, ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'])
    )
      .trim()
      .split('\n');
    return { topLevel, gitDir, commonDir: isAbsolute(commonDir) ? commonDir : resolve(cwd, commonDir) };
  } catch {
    return undefined;
  }
}

export async function headSha(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--verify', '-q', 'HEAD'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Message, parents and changed files (against the first parent) of a commit; files absolute. */
export async function readCommit(layout: GitLayout, sha: string): Promise<CommitInfo & { parents: string[] }> {
  const [hash, parentList, message] = (
    await git(layout.topLevel, ['show', '-s', '-z', '--format=%H%x00%P%x00%B', sha])
  ).split('\0');
  const parents = parentList ? parentList.split(' ') : [];
  const diff = parents.length
    ? ['diff-tree', '-r', '--name-only', '-z', parents[0], hash]
    : ['diff-tree', '--no-commit-id', '--root', '-r', '--name-only', '-z', hash];
  const files = (await git(layout.topLevel, diff)).split('\0').filter(Boolean);
  return {
    sha: hash,
    message: message.replace(/\n+$/, ''),
    files: files.map((f) => join(layout.topLevel, f)),
    parents,
  };
}
