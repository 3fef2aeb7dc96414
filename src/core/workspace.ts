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

export function requireSpec(index: SpecIndex, name: string): Spec {
  const spec = index.get(name);
  if (spec) return spec;
  const known = index.specs().map((s) => s.name);
  throw new Error(
    `unknown spec '${name}'; ${known.length ? `specs here: ${known.join(', ')}` : 'this workspace has no specs in .kiro/specs'}`,
  );
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
