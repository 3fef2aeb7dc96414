// Paths as the CLI and other tools show them. Files inside the workspace are shown relative to it
// with `/` separators, so output is stable across machines and OSes; files outside it (global
// steering in ~/.kiro) keep their absolute path, since no relative form would be meaningful.
import { isAbsolute, relative, resolve, sep } from 'node:path';

export function workspacePath(workspaceRoot: string, file: string): string {
  const rel = relative(workspaceRoot, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** A path given on the command line: absolute, or relative to the workspace root. */
export function inWorkspace(workspaceRoot: string, path: string): string {
  return workspacePath(workspaceRoot, resolve(workspaceRoot, path));
}
