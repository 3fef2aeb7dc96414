// The one Markdown parser of the engine: unified + remark-parse + remark-gfm, frozen once and
// reused (building a processor per document costs more than parsing a small file).
//
// Long documents are parsed in chunks. micromark's cost grows faster than linearly with the
// length of one document (on a busy 2-core machine a 5,000-task tasks.md took ~58 s in one
// piece and ~1-4 s in chunks, the same cost per KB as a small file), so the text is cut at
// lines where a new top-level block must start whatever came before: an ATX heading or a
// bullet at column 0, outside fenced code and HTML blocks. remark still does all the parsing; a list cut in two is two lists with the same items, which is all
// the spec parsers look at. Positions are shifted back to offsets and lines of the whole text.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Heading, Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** Below this many characters a chunk is not cut further. */
const CHUNK = 2000;

const FENCE = /^( *)(`{3,}|~{3,})/;
const BLOCK_START = /^(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]+\S)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HTML_START = /^ {0,3}<(?:!--|[a-zA-Z/?!])/;
const HTML_RAW = /^ {0,3}<(script|pre|style|textarea)\b/i;

/** Offsets (line starts) where the text may be cut into independently parsed chunks. */
function cutPoints(text: string): number[] {
  const cuts: number[] = [];
  let fence: { char: string; length: number; indent: number } | null = null;
  let html: 'comment' | 'raw' | 'block' | null = null;
  let lastCut = 0;
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl + 1;
    const line = text.slice(start, end).replace(/\r?\n$/, '');
    if (fence) {
      const close = FENCE.exec(line);
      if (
        close &&
        close[2][0] === fence.char &&
        close[2].length >= fence.length &&
        close[1].length <= fence.indent + 3 &&
        line.trim() === close[2]
      )
        fence = null;
    } else if (html) {
      if (html === 'comment' && line.includes('-->')) html = 'block';
      else if (html === 'raw' && /<\/(script|pre|style|textarea)>/i.test(line)) html = 'block';
      else if (html === 'block' && line.trim() === '') html = null;
    } else if (FENCE.test(line)) {
      const open = FENCE.exec(line)!;
      fence = { char: open[2][0], length: open[2].length, indent: open[1].length };
    } else if (HTML_START.test(line)) {
      html = line.includes('<!--')
        ? line.includes('-->')
          ? 'block'
          : 'comment'
        : HTML_RAW.test(line)
          ? 'raw'
          : 'block';
    } else if (start - lastCut >= CHUNK && BLOCK_START.test(line) && !THEMATIC_BREAK.test(line)) {
      cuts.push(start);
      lastCut = start;
    }
    start = end;
  }
  return cuts;
}

interface Positioned {
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
  children?: Positioned[];
}

function shift(node: Positioned, offset: number, lines: number): void {
  if (node.position) {
    for (const point of [node.position.start, node.position.end]) {
      point.line += lines;
      if (point.offset !== undefined) point.offset += offset;
    }
  }
  if (node.children) for (const child of node.children) shift(child, offset, lines);
}

export function parseMarkdown(text: string): Root {
  const cuts = cutPoints(text);
  if (cuts.length === 0) return processor.parse(text);
  const root: Root = { type: 'root', children: [] };
  let line = 0;
  for (const [i, start] of [0, ...cuts].entries()) {
    const end = cuts[i] ?? text.length;
    const chunk = text.slice(start, end);
    const part = processor.parse(chunk);
    if (start > 0) for (const child of part.children) shift(child as Positioned, start, line);
    root.children.push(...part.children);
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) line++;
  }
  return root;
}

/** Heading text as written (inline markup kept), without the `#` fence or setext underline. */
export function headingText(text: string, heading: Heading): string {
  const start = heading.position?.start.offset ?? 0;
  const end = heading.position?.end.offset ?? start;
  const firstLine = text.slice(start, end).split(/\r?\n/)[0];
  return firstLine
    .replace(/^\s*#{1,6}(?=\s|$)/, '')
    .replace(/\s#+\s*$/, '')
    .trim();
}
