// `#[[file:path]]` references inside steering bodies. Kiro resolves them from the workspace root,
// whichever steering folder the document came from, and so do we.
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import type { FileReference } from './model';

const REFERENCE = /#\[\[file:([^\]\r\n]*)\]\]/g;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;

/**
 * References in `body`, skipping fenced code and inline code spans: those are where docs show
 * the syntax itself, and resolving an example would report a bogus missing file.
 */
export function findFileReferences(
  body: string,
  bodyLine: number,
  workspaceRoot: string,
  exists: (absolutePath: string) => boolean,
): FileReference[] {
  const found: FileReference[] = [];
  let fence: string | null = null;
  body.split(/\r?\n/).forEach((text, index) => {
    if (fence) {
      const t = text.trim();
      if (t.length >= fence.length && t === fence[0].repeat(t.length)) fence = null;
      return;
    }
    const open = FENCE_OPEN.exec(text);
    if (open) {
      fence = open[1];
      return;
    }
    // Blank out inline code with spaces so that columns stay true.
    const visible = text.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
    for (const m of visible.matchAll(REFERENCE)) {
      const target = m[1].trim();
      const resolved = resolve(workspaceRoot, target);
      found.push({
        target,
        resolved,
        exists: target !== '' && exists(resolved),
        line: bodyLine + index,
        column: (m.index ?? 0) + 1,
      });
    }
  });
  return found;
}

export function missingReferenceDiagnostics(file: string, references: readonly FileReference[]): Diagnostic[] {
  return references
    .filter((ref) => !ref.exists)
    .map((ref) => ({
      file,
      line: ref.line,
      column: ref.column,
      severity: 'warning',
      code: 'steering-reference-missing',
      message: `Referenced file '${ref.target}' does not exist (resolved from the workspace root).`,
    }));
}
