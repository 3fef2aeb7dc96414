// Paths the model gives are workspace-relative (`/` separators). Reads may go anywhere inside the
// workspace, symlinks resolved, never outside it; writes go through the command policy's file
// policy as well (tools.ts). Tiller's own records (.kiro/tiller: traces, checkpoints) are off
// limits to the model: a run must not be able to rewrite its own history.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { TILLER_DIR } from '../trace';

export class ToolError extends Error {}

export interface ResolvedPath {
  /** Absolute, as the model's path reaches it (symlinks not resolved). */
  abs: string;
  /** Workspace-relative with `/`, as shown to the model and written to the trace. */
  rel: string;
}

function outside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith('../') || isAbsolute(rel);
}

export function resolveInWorkspace(root: string, given: unknown, what = 'path'): ResolvedPath {
  if (typeof given !== 'string' || given.trim() === '')
    throw new ToolError(`${what} must be a non-empty workspace-relative path`);
  if (given.includes('\0')) throw new ToolError(`${what} contains a NUL character`);
  const abs = resolve(root, given);
  const rel = relative(root, abs);
  if (outside(rel)) throw new ToolError(`${given} is outside the workspace; paths are relative to the workspace root`);
  return { abs, rel: rel.split(sep).join('/') };
}

/** `physical` (symlinks resolved) relative to the workspace's real path, with `/`. */
export async function workspaceRelative(root: string, physical: string): Promise<string> {
  return relative(await realpath(root), physical)
    .split(sep)
    .join('/');
}

/** For reads: also refuses a symlink that leads out of the workspace; `real` is where it leads. */
export async function resolveForRead(
  root: string,
  given: unknown,
  what = 'path',
): Promise<ResolvedPath & { real: string }> {
  const path = resolveInWorkspace(root, given, what);
  const [realRoot, real] = await Promise.all([realpath(root), realpath(path.abs).catch(() => null)]);
  if (real === null) throw new ToolError(`${path.rel || '.'} does not exist`);
  if (outside(relative(realRoot, real))) throw new ToolError(`${path.rel} leads outside the workspace (symbolic link)`);
  return { ...path, real };
}

export function isTillerRecord(rel: string): boolean {
  const lower = rel.toLowerCase();
  return lower === TILLER_DIR || lower.startsWith(`${TILLER_DIR}/`);
}

/**
 * A spec's spec.json (approvals) or .config.kiro (workflow order), in any `.kiro/specs` folder:
 * a model able to write them could approve its own drafts or reorder the gates.
 */
export function isApprovalRecord(rel: string): boolean {
  return /(^|\/)\.kiro\/specs\/[^/]+\/(spec\.json|\.config\.kiro)$/i.test(rel);
}
