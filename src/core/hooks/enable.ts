// Turning a hook on or off in its file: a minimal text edit that changes only the `enabled` value
// (or inserts it, in the file's own indentation), so the diff a person reviews is one line.
import { readFile } from 'node:fs/promises';
import { applyEdits, modify, type Edit } from 'jsonc-parser';
import { writeFileAtomically } from '../specs/atomic-write';
import type { Hook } from './model';

/** The edits to set `enabled` in the text of the hook's file (for an editor buffer, or for applyEdits). */
export function enabledEdits(text: string, hook: Pick<Hook, 'id' | 'format'>, enabled: boolean): Edit[] {
  const path = hook.format === 'legacy' ? ['enabled'] : ['hooks', v1Index(hook.id), 'enabled'];
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return modify(text, path, enabled, {
    formattingOptions: {
      insertSpaces: !indent.startsWith('\t'),
      tabSize: indent.startsWith('\t') ? 1 : indent.length,
      eol,
    },
    // Kiro writes `enabled` first; a new key goes where a person would look for it.
    getInsertionIndex: () => 0,
  });
}

export function setEnabledInText(text: string, hook: Pick<Hook, 'id' | 'format'>, enabled: boolean): string {
  return applyEdits(text, enabledEdits(text, hook, enabled));
}

/** Rewrites the hook's file on disk (atomically) with `enabled` set. */
export async function setHookEnabled(hook: Pick<Hook, 'id' | 'format' | 'file'>, enabled: boolean): Promise<void> {
  const text = await readFile(hook.file, 'utf8');
  const next = setEnabledInText(text, hook, enabled);
  if (next !== text) await writeFileAtomically(hook.file, next);
}

function v1Index(id: string): number {
  const index = Number(id.slice(id.lastIndexOf('#') + 1));
  if (!Number.isInteger(index) || index < 0) throw new Error(`hook id '${id}' does not name a v1 entry`);
  return index;
}
