// The block structure of a Markdown document as one line per block (`  listItem 3-5`), from the
// engine's structural parser and from remark-parse + remark-gfm, so tests can hold the two equal.
// remark's link reference and footnote definitions are the paragraphs the scanner reads them as.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { parseBlocks, type Block } from '../../src/core/specs/blocks';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();
const LEAF = new Set(['paragraph', 'heading', 'code', 'html', 'thematicBreak', 'table']);
const AS_PARAGRAPH = new Set(['definition', 'footnoteDefinition']);

interface MdNode {
  type: string;
  position?: { start: { line: number }; end: { line: number } };
  children?: MdNode[];
}

/**
 * `ends: false` leaves out end lines and merges adjacent indented code blocks: micromark differs
 * from CommonMark there (blank lines after a block quote, lines of spaces), and neither holds a
 * task or a heading.
 */
export interface OutlineOptions {
  ends?: boolean;
}

function outline(
  nodes: MdNode[] | Block[],
  read: (n: never) => [string, number, number, (MdNode | Block)[]],
  options: OutlineOptions,
): string[] {
  const out: string[] = [];
  const walk = (node: MdNode | Block, depth: number) => {
    const [type, line, endLine, children] = read(node as never);
    out.push(`${'  '.repeat(depth)}${type} ${line}${options.ends === false ? '' : `-${endLine}`}`);
    if (!LEAF.has(type)) for (const child of children) walk(child, depth + 1);
  };
  for (const node of nodes) walk(node, 0);
  if (options.ends !== false) return out;
  const isCode = (line: string | undefined) => line !== undefined && /^ *code /.test(line);
  return out.filter(
    (line, i) => !(isCode(line) && isCode(out[i - 1]) && out[i - 1].search(/\S/) === line.search(/\S/)),
  );
}

export function remarkOutline(text: string, options: OutlineOptions = {}): string[] {
  return outline(
    processor.parse(text).children as MdNode[],
    (n: MdNode) => [
      AS_PARAGRAPH.has(n.type) ? 'paragraph' : n.type,
      n.position!.start.line,
      n.position!.end.line,
      n.children ?? [],
    ],
    options,
  );
}

export function blockOutline(text: string, options: OutlineOptions = {}): string[] {
  return outline(parseBlocks(text).children, (n: Block) => [n.type, n.line, n.endLine, n.children], options);
}
