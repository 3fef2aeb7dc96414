// A spec a describe block runs in a git workspace: the e2e workspace made a repository (when it
// is not one yet), the spec committed and tiller.agent.parallelism set in the workspace settings,
// all before the workbench opens (so the window reads them at start, and no commit happens while
// the fixture's PostCommit hook is watching); everything undone after the block.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './e2e-env';

const GIT = ['-c', 'user.name=E2E', '-c', 'user.email=e2e@example.com', '-c', 'commit.gpgsign=false'];

export const git = (...args: string[]) =>
  execFileSync('git', [...GIT, ...args], { cwd: workspace(), encoding: 'utf8' }).trim();

/** How many worktrees the workspace's repository has (its own checkout counts as one). */
export const worktrees = () => git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length ?? 0;

export interface GitSpecOptions {
  parallelism: number;
  /** Workspace-relative files the block's runs leave behind. */
  leftovers?: string[];
  /** Text appended to tasks.md after the commit, left uncommitted. */
  uncommitted?: string;
}

/** Mocha hooks for `.kiro/specs/<name>/tasks.md` holding `tasks`; returns a reader of tasks.md on disk. */
export function useGitSpec(name: string, tasks: string, options: GitSpecOptions): () => string {
  const specDir = () => join(workspace(), '.kiro', 'specs', name);
  const settingsFile = () => join(workspace(), '.vscode', 'settings.json');
  let original = '';
  let madeGit = false;
  before(() => {
    original = readFileSync(settingsFile(), 'utf8');
    writeFileSync(settingsFile(), original.replace('{', `{\n  "tiller.agent.parallelism": ${options.parallelism},`));
    mkdirSync(specDir(), { recursive: true });
    writeFileSync(join(specDir(), 'tasks.md'), tasks);
    madeGit = !existsSync(join(workspace(), '.git'));
    if (madeGit) git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', `e2e: ${name}`);
    if (options.uncommitted) writeFileSync(join(specDir(), 'tasks.md'), tasks + options.uncommitted);
  });
  after(() => {
    writeFileSync(settingsFile(), original);
    rmSync(specDir(), { recursive: true, force: true });
    for (const file of options.leftovers ?? []) rmSync(join(workspace(), file), { force: true });
    if (madeGit) rmSync(join(workspace(), '.git'), { recursive: true, force: true });
  });
  return () => readFileSync(join(specDir(), 'tasks.md'), 'utf8');
}
