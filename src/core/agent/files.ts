// The workspace's files as the person sees them. The runner and its tools read, write and edit
// through this host, injected like the approver: in VS Code an open editor's buffer (unsaved typing
// included) is the file, and writes go through WorkspaceEdit so Undo works and nothing is
// clobbered; in the CLI and tests it is the disk. Paths are absolute and physical: the tools resolve
// symbolic links first, so a write to a link lands in the file it points to and the link stays.
import { readFile, stat } from 'node:fs/promises';
import { applyEdits, writeFileAtomically, type EditResult, type TextEdit } from '../specs';

export interface FileStat {
  kind: 'file' | 'dir';
  /** Bytes of the file's current content (an open buffer's, when there is one). */
  size: number;
}

export interface WorkspaceFiles {
  stat(path: string): Promise<FileStat | null>;
  /** The current text; null when there is no such file. */
  read(path: string): Promise<string | null>;
  /** Replaces (or creates) the file's whole text; the folder exists. */
  write(path: string, text: string): Promise<void>;
  /** `compute` runs on the CURRENT text, so a person typing at the same time loses nothing. */
  edit(path: string, compute: (text: string) => TextEdit[] | EditResult): Promise<EditResult>;
}

export const diskFiles: WorkspaceFiles = {
  stat: async (path) => {
    const info = await stat(path).catch(notFound);
    return info && { kind: info.isDirectory() ? 'dir' : 'file', size: info.size };
  },
  read: (path) => readFile(path, 'utf8').catch(notFound),
  write: (path, text) => writeFileAtomically(path, text),
  edit: async (path, compute) => {
    const text = await readFile(path, 'utf8');
    const result = asResult(text, compute(text));
    if (result.edits.length) await writeFileAtomically(path, result.text);
    return result;
  },
};

export function asResult(text: string, computed: TextEdit[] | EditResult): EditResult {
  return Array.isArray(computed) ? { edits: computed, text: applyEdits(text, computed) } : computed;
}

function notFound(err: unknown): null {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
  throw err;
}
