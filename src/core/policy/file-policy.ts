// Which files the agent may write (create, edit, delete) without a person. The path is resolved
// the way the operating system would open it: component by component, following every symlink,
// including for files that do not exist yet (the deepest existing parent decides where they would
// land). Only then is it compared with the workspace, so `link-to-home/.bashrc` or
// `docs/../../etc` cannot escape. Inside the workspace, files that configure the editor, git, the
// hooks or the policy itself need approval: writing them is how an agent grants itself power.
import { lstat, readlink, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Verdict } from './checker';

export interface FileDecision {
  verdict: Verdict;
  /** The path the write would reach, symlinks resolved. */
  path: string;
  reason: string;
}

export interface FilePolicyOptions {
  /** Further workspace-relative files or folders that configure the policy and need approval. */
  policyFiles?: readonly string[];
}

/** Workspace-relative prefixes whose writes need approval; compared ASCII-case-insensitively (macOS, Windows). */
const PROTECTED = ['.vscode', '.kiro/hooks', '.kiro/settings', '.tiller'];
const MAX_LINKS = 40;

export async function checkFileWrite(
  workspaceRoot: string,
  requested: string,
  options: FilePolicyOptions = {},
): Promise<FileDecision> {
  let root: string;
  try {
    root = await realpath(workspaceRoot);
  } catch {
    return { verdict: 'deny', path: requested, reason: `workspace folder ${workspaceRoot} does not exist` };
  }
  if (requested.includes('\0'))
    return { verdict: 'deny', path: requested, reason: 'the path contains a NUL character' };
  let target: string;
  try {
    target = await resolvePhysical(isAbsolute(requested) ? requested : `${root}/${requested}`);
  } catch (err) {
    return { verdict: 'deny', path: requested, reason: err instanceof Error ? err.message : String(err) };
  }
  const rel = relative(root, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return {
      verdict: 'deny',
      path: target,
      reason: rel === '' ? 'the workspace folder itself is not a file' : `${target} is outside the workspace`,
    };
  }
  const segments = rel.split(sep);
  const lower = segments.map((s) => s.toLowerCase());
  if (lower.includes('.git'))
    return { verdict: 'ask', path: target, reason: `${rel} is inside a .git folder (hooks and config run code)` };
  for (const prefix of [...PROTECTED, ...(options.policyFiles ?? [])]) {
    const parts = prefix.toLowerCase().split('/').filter(Boolean);
    if (parts.every((p, i) => lower[i] === p))
      return { verdict: 'ask', path: target, reason: `${rel} configures the editor, hooks or command policy` };
  }
  return { verdict: 'allow', path: target, reason: `${rel} is inside the workspace` };
}

/** Resolves like the kernel: `..` after a symlink goes to the link target's parent, not back. */
async function resolvePhysical(path: string): Promise<string> {
  const pending = path.split('/').filter((c) => c !== '' && c !== '.');
  let current = '/';
  let links = 0;
  let exists = true;
  while (pending.length) {
    const component = pending.shift()!;
    if (component === '..') {
      current = join(current, '..');
      continue;
    }
    const next = join(current, component);
    if (!exists) {
      current = next;
      continue;
    }
    try {
      const stat = await lstat(next);
      if (stat.isSymbolicLink()) {
        if (++links > MAX_LINKS) throw new Error(`too many symbolic links resolving ${path}`);
        const link = await readlink(next);
        if (link.startsWith('/')) current = '/';
        pending.unshift(...link.split('/').filter((c) => c !== '' && c !== '.'));
        continue;
      }
      current = next;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      exists = false;
      current = next;
    }
  }
  return current;
}
