// Writing tasks.md from the CLI (or for a document no editor has open): read the current bytes,
// compute edits on exactly those, and replace the file in one rename so no reader ever sees half
// a file. The temp file sits beside the target (same file system, so rename is atomic) and
// takes the target's mode, so an executable bit or a restrictive mode survives.
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { applyEdits, type EditResult, type TextEdit } from './edits';

export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const mode = await stat(path).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, mode === undefined ? undefined : { mode });
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Applies compute (e.g. `(text) => setTaskStatus(text, '2.1', 'done')`) to the file's current content. */
export async function editFileAtomically(
  path: string,
  compute: (text: string) => TextEdit[] | EditResult,
): Promise<EditResult> {
  const text = await readFile(path, 'utf8');
  const computed = compute(text);
  const result = Array.isArray(computed) ? { edits: computed, text: applyEdits(text, computed) } : computed;
  if (result.edits.length) await writeFileAtomically(path, result.text);
  return result;
}
