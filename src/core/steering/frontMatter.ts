// Splits a steering file into its YAML front matter and its body. Positions are kept so that every
// diagnostic about a front matter key points at the line of the file a person has to fix.
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics';

export interface FrontMatterEntry {
  value: unknown;
  /** 1-based position of the key in the whole file. */
  line: number;
  column: number;
}

export interface SplitFile {
  /** Top-level front matter keys; empty when there is no front matter or it could not be read. */
  entries: Map<string, FrontMatterEntry>;
  /** False when a front matter block exists but is not a readable YAML mapping. */
  readable: boolean;
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

const FENCE = /^---[ \t]*$/;

/** Lines of text with the offset just past each line's terminator (CRLF or LF). */
function lines(text: string): { text: string; end: number }[] {
  const out: { text: string; end: number }[] = [];
  const re = /\r?\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), end: text.length });
  return out;
}

export function splitFrontMatter(raw: string, file: string): SplitFile {
  // A BOM would hide the opening fence; editors on Windows still write one now and then.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const none: SplitFile = { entries: new Map(), readable: true, body: text, bodyLine: 1, diagnostics: [] };
  const all = lines(text);
  if (all.length < 2 || !FENCE.test(all[0].text)) return none;
  const close = all.findIndex((l, i) => i > 0 && FENCE.test(l.text));
  if (close < 0) {
    return {
      ...none,
      readable: false,
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          severity: 'error',
          code: 'steering-frontmatter-unclosed',
          message: "Front matter opened with '---' is never closed; add a '---' line after the last key.",
        },
      ],
    };
  }
  const yamlStart = all[0].end;
  const yamlText = text.slice(yamlStart, all[close - 1]?.end ?? yamlStart);
  const split: SplitFile = {
    entries: new Map(),
    readable: true,
    body: text.slice(all[close].end),
    bodyLine: close + 2,
    diagnostics: [],
  };
  readYaml(yamlText, file, split);
  return split;
}

/** Fills `split.entries` from the YAML between the fences, whose first line is line 2 of the file. */
function readYaml(yamlText: string, file: string, split: SplitFile): void {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = counter.linePos(offset);
    return { line: pos.line + 1, column: pos.col };
  };
  const fail = (offset: number, code: string, message: string) => {
    split.readable = false;
    split.diagnostics.push({ file, ...at(offset), severity: 'error', code, message });
  };
  const [first] = doc.errors;
  if (first) {
    // yaml reports follow-on errors for one mistake; the first is the one worth fixing.
    fail(first.pos[0], 'steering-frontmatter-invalid', `Front matter is not valid YAML: ${first.message}.`);
    return;
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
  if (!isMap(doc.contents)) {
    fail(doc.contents.range?.[0] ?? 0, 'steering-frontmatter-not-map', 'Front matter must be `key: value` lines.');
    return;
  }
  const values = doc.toJS() as Record<string, unknown>;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    split.entries.set(key, { value: values[key] ?? null, ...at(pair.key.range?.[0] ?? 0) });
  }
}
