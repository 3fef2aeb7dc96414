// What the CLI commands share: loading a workspace's specs, finding a spec or task by the name a
// person typed (failing with a message that lists what exists), and showing paths.
//
// Paths: files inside the workspace are shown relative to it with `/` separators, so output is
// stable across machines and OSes; files outside it (global steering in ~/.kiro) keep their
// absolute path, since no relative form would be meaningful.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SpecIndex, findTask } from './specs';
import type { Spec, Task } from './specs/model';

export async function loadSpecIndex(workspaceRoot: string): Promise<SpecIndex> {
  const index = new SpecIndex(workspaceRoot);
  await index.load();
  return index;
}

/** A spec name that more than one spec folder carries (a monorepo with `a/.kiro/specs/auth` and `b/…`). */
export class AmbiguousSpecError extends Error {
  constructor(
    readonly given: string,
    /** Workspace-relative folders of the specs that carry the name. */
    readonly candidates: string[],
  ) {
    super(`spec name '${given}' matches ${candidates.length} specs; give its folder instead: ${candidates.join(', ')}`);
  }
}

/**
 * The spec a person or a caller means: a spec folder (absolute, or relative to the workspace, e.g.
 * `b/.kiro/specs/auth`) or a spec name that exactly one folder carries. A task is identified by
 * its spec's folder, never its name, because names repeat across sub-projects.
 */
export function requireSpec(index: SpecIndex, given: string): Spec {
  const byDir = index.specAt(resolve(index.workspace, given));
  if (byDir) return byDir;
  const named = index.specs().filter((s) => s.name === given);
  if (named.length === 1) return named[0];
  if (named.length > 1)
    throw new AmbiguousSpecError(
      given,
      named.map((s) => workspacePath(index.workspace, s.dir)),
    );
  const known = index.specs().map((s) => specLabel(index, s));
  throw new Error(
    `unknown spec '${given}'; ${known.length ? `specs here: ${known.join(', ')}` : 'this workspace has no specs in .kiro/specs'}`,
  );
}

/** The spec's name, with its folder when another spec shares the name. */
function specLabel(index: SpecIndex, spec: Spec): string {
  const twins = index.specs().filter((s) => s.name === spec.name).length;
  return twins > 1 ? `${spec.name} (${workspacePath(index.workspace, spec.dir)})` : spec.name;
}

export function requireTask(spec: Spec, id: string): Task {
  const task = findTask(spec, id);
  if (task) return task;
  throw new Error(
    spec.documents.tasks ? `spec '${spec.name}' has no task '${id}'` : `spec '${spec.name}' has no tasks.md`,
  );
}

export function workspacePath(workspaceRoot: string, file: string): string {
  if (file === '') return file;
  const rel = relative(workspaceRoot, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** A path given on the command line: absolute, or relative to the workspace root. */
export function inWorkspace(workspaceRoot: string, path: string): string {
  return workspacePath(workspaceRoot, resolve(workspaceRoot, path));
}
