// Offsets, lines and line endings of a document's text. Everything here is UTF-16 based because
// that is what VS Code's TextDocument.positionAt and JavaScript strings both speak.
import { createHash } from 'node:crypto';

export type Eol = '\n' | '\r\n';

/** Offsets at which each line starts; index 0 is line 1. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of offset, by binary search over lineStarts. */
export function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line holding offset, before its `\r\n` or `\n`. */
export function lineContentEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Offset just past the line ending of the line holding offset (text.length on the last line). */
export function lineEndWithEol(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The file's own line ending, so inserted lines match it; LF when the text has no line break. */
export function detectEol(text: string): Eol {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

const QUOTE_MAX = 100;

/** Text as a diagnostic quotes it: on one line, cut at QUOTE_MAX characters. */
export function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > QUOTE_MAX ? line.slice(0, QUOTE_MAX - 1) + '…' : line}"`;
}
