// The one structural parser of the spec engine: a line scanner that finds the block structure of
// a Markdown document the way CommonMark/GFM does (it follows the reference algorithm of
// commonmark.js: open containers matched line by line, block starts, lazy paragraph lines), but
// builds only the blocks and their source positions, never inline content. Counts, task trees,
// requirements, design sections, lint, edits, CodeLens and the CLI all read this tree, so no two
// views can disagree; unified/remark stays only where the full Markdown tree is rendered (the
// webview). Agreement with remark-parse + remark-gfm on block structure is held by
// test/unit/specs/blocks.test.ts. GFM tables, link reference definitions and footnote
// definitions are read as the paragraphs they start out as: they never contain tasks or headings.

export type BlockType =
  'root' | 'blockquote' | 'list' | 'listItem' | 'paragraph' | 'heading' | 'code' | 'html' | 'thematicBreak' | 'table';

export interface Block {
  type: BlockType;
  /** 0-based UTF-16 offset of the block's first character (after container prefixes). */
  start: number;
  /** Offset just past the block's last content line (before its line ending). */
  end: number;
  /** 1-based lines of start and end. */
  line: number;
  endLine: number;
  children: Block[];
  /** Heading level (1-6). */
  depth?: number;
  /** Lists and list items: numbered (`1.`) rather than bulleted. */
  ordered?: boolean;
  /** List items: offset of the first content character on the marker line (line end when none). */
  contentStart?: number;
}

interface Open extends Block {
  parent: Open | null;
  open: boolean;
  children: Open[];
  fence?: { char: string; length: number; offset: number };
  htmlType?: number;
  /** Lists and list items: the marker (held inline, not as an object: one per item adds up). */
  bullet: string | null;
  delimiter: string | null;
  markerOffset: number;
  padding: number;
  touched: boolean;
  /** Fences and comments: the last lines so far are blank. */
  trailingBlank?: boolean;
  /** Paragraphs: where the last line starts and where the line before it ended, for a table header. */
  lastLineStart: number;
  previousEnd: number;
  previousEndLine: number;
}

/** Leaves never get children; sharing one empty array spares an allocation per paragraph. */
const NO_CHILDREN: Open[] = [];
const LEAVES = new Set<BlockType>(['paragraph', 'heading', 'code', 'html', 'thematicBreak', 'table']);

const CODE_INDENT = 4;
const MAYBE_SPECIAL = /^[#`~*+_=<>|:0-9-]/;
const ATX = /^#{1,6}(?:[ \t]+|$)/;
const FENCE_OPEN = /^`{3,}(?!.*`)|^~{3,}/;
const FENCE_CLOSE = /^(?:`{3,}|~{3,})(?=[ \t]*$)/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const THEMATIC = /^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$|^(?:-[ \t]*){3,}$/;
const BULLET = /^[*+-]/;
const ORDERED = /^(\d{1,9})([.)])/;
const TAG = '[A-Za-z][A-Za-z0-9-]*';
const ATTRIBUTE = String.raw`(?:\s+[a-zA-Z_:][a-zA-Z0-9_.:-]*(?:\s*=\s*(?:[^"'=<>\x60\x00-\x20]+|'[^']*'|"[^"]*"))?)`;
const HTML_OPEN: RegExp[] = [
  /./,
  /^<(?:script|pre|textarea|style)(?:\s|>|$)/i,
  /^<!--/,
  /^<[?]/,
  /^<![A-Za-z]/,
  /^<!\[CDATA\[/,
  /^<[/]?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[123456]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|[/]?[>]|$)/i,
  new RegExp(String.raw`^(?:<${TAG}${ATTRIBUTE}*\s*/?>|</${TAG}\s*>)\s*$`),
];
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const HTML_CLOSE: RegExp[] = [/./, /<\/(?:script|pre|textarea|style)>/i, /-->/, /\?>/, />/, /\]\]>/];

const ACCEPTS_LINES = new Set<BlockType>(['paragraph', 'table', 'code', 'html']);

function canContain(parent: BlockType, child: BlockType): boolean {
  if (parent === 'list') return child === 'listItem';
  if (parent === 'root' || parent === 'blockquote' || parent === 'listItem') return child !== 'listItem';
  return false;
}

/** Cells of a table row: `|`-separated, outer pipes optional, `\\|` and code spans aside. */
function cellCount(row: string): number {
  let text = row.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  let cells = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|') cells++;
  }
  return cells;
}

function isSpaceOrTab(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

class Scanner {
  private readonly root: Open;
  private tip: Open;
  private oldTip: Open;
  private lastMatched: Open;
  private allClosed = true;
  private line = '';
  private lineStart = 0;
  private lineEnd = 0;
  private lineNumber = 0;
  private offset = 0;
  private column = 0;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private indented = false;
  private blank = false;
  private previousBlank = false;
  /** The document ended inside a fence or an HTML block that only its closing line ends. */
  openAtEnd = false;

  constructor(private readonly text: string) {
    this.root = this.node('root', null, 0);
    this.root.line = 1;
    this.tip = this.oldTip = this.lastMatched = this.root;
  }

  parse(): Open {
    const text = this.text;
    let start = 0;
    while (start <= text.length) {
      const nl = text.indexOf('\n', start);
      const next = nl === -1 ? text.length : nl;
      const contentEnd = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
      if (nl === -1 && start === text.length && start > 0) break;
      this.lineStart = start;
      this.lineEnd = contentEnd;
      this.incorporate(text.slice(start, contentEnd));
      if (nl === -1) break;
      start = nl + 1;
    }
    this.openAtEnd = unclosedAtEnd(this.tip);
    // An unclosed fence (or comment, script…) ends where the next line would start.
    if (unclosedAtEnd(this.tip) && text.endsWith('\n')) {
      this.lineNumber++;
      this.lineStart = text.length;
      this.touchLineStart(this.tip);
    } else if (unclosedAtEnd(this.tip) && this.tip.trailingBlank) this.touch(this.tip);
    while (this.tip !== this.root) this.finalize(this.tip);
    this.root.open = false;
    if (this.root.children.length) {
      const last = this.root.children[this.root.children.length - 1];
      this.root.end = last.end;
      this.root.endLine = last.endLine;
    }
    return this.root;
  }

  private node(type: BlockType, parent: Open | null, column: number): Open {
    const start = this.lineStart + column;
    return open(type, start, this.lineNumber, parent);
  }

  /**
   * remark ends a fence or comment that the document closes before its own closing line, or
   * that a new block quote or list item closes, at the start of that next line (its containers
   * with it): its last line ending is its content.
   */
  private touchLineStart(block: Open): void {
    const end = this.lineEnd;
    this.lineEnd = this.lineStart;
    this.touch(block);
    this.lineEnd = end;
  }

  /** The block reaches the end of the current line: it and its containers end there. */
  private touch(block: Open): void {
    for (let b: Open | null = block; b && b !== this.root; b = b.parent) {
      b.end = this.lineEnd;
      b.endLine = this.lineNumber;
    }
    block.touched = true;
  }

  private findNextNonspace(): void {
    const line = this.line;
    let i = this.offset;
    let cols = this.column;
    let c: string;
    while ((c = line[i]) === ' ' || c === '\t') {
      if (c === ' ') cols++;
      else cols += 4 - (cols % 4);
      i++;
    }
    this.blank = i >= line.length;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = cols - this.column;
    this.indented = this.indent >= CODE_INDENT;
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
  }

  private advanceOffset(count: number, columns: boolean): void {
    const line = this.line;
    let c: string | undefined;
    while (count > 0 && (c = line[this.offset]) !== undefined) {
      if (c === '\t') {
        const toTab = 4 - (this.column % 4);
        if (columns) {
          const partial = toTab > count;
          const advance = partial ? count : toTab;
          this.column += advance;
          if (!partial) this.offset++;
          count -= advance;
        } else {
          this.column += toTab;
          this.offset++;
          count--;
        }
      } else {
        this.offset++;
        this.column++;
        count--;
      }
    }
  }

  private incorporate(line: string): void {
    this.previousBlank = this.lineNumber > 0 && !/[^ \t]/.test(this.line);
    this.line = line;
    this.lineNumber++;
    this.offset = 0;
    this.column = 0;
    this.blank = false;
    this.oldTip = this.tip;
    let container = this.root;
    for (let last = lastChild(container); last && last.open; last = lastChild(container)) {
      container = last;
      this.findNextNonspace();
      const result = this.continues(container);
      if (result === 2) return;
      if (result === 1) {
        container = container.parent as Open;
        break;
      }
    }
    this.allClosed = container === this.oldTip;
    this.lastMatched = container;

    let matchedLeaf = container.type !== 'paragraph' && container.type !== 'table' && ACCEPTS_LINES.has(container.type);
    while (!matchedLeaf) {
      this.findNextNonspace();
      if (!this.indented && !MAYBE_SPECIAL.test(line.slice(this.nextNonspace, this.nextNonspace + 1))) {
        this.advanceNextNonspace();
        break;
      }
      const started = this.blockStart(container);
      if (started === 0) {
        this.advanceNextNonspace();
        break;
      }
      container = this.tip;
      if (started === 2) matchedLeaf = true;
    }

    if (!this.allClosed && !this.blank && this.tip.type === 'paragraph') {
      this.paragraphLine(this.tip);
      return;
    }
    this.closeUnmatched();
    if (ACCEPTS_LINES.has(container.type)) {
      this.addLine(container);
      const type = container.htmlType;
      if (type !== undefined && type <= 5 && HTML_CLOSE[type].test(line.slice(this.offset))) this.finalize(container);
    } else if (this.offset < line.length && !this.blank) {
      const paragraph = this.addChild('paragraph', this.nextNonspace);
      this.advanceNextNonspace();
      this.paragraphLine(paragraph);
    }
  }

  private paragraphLine(paragraph: Open): void {
    paragraph.previousEnd = paragraph.end;
    paragraph.previousEndLine = paragraph.endLine;
    paragraph.lastLineStart = this.lineStart + this.nextNonspace;
    this.touch(paragraph);
  }

  private addLine(block: Open): void {
    if (block.type === 'paragraph') this.paragraphLine(block);
    else if (!this.blank) {
      this.touch(block);
      block.trailingBlank = false;
    } else if (unclosedAtEnd(block)) block.trailingBlank = true;
  }

  /** 0 matched, 1 not matched, 2 the line is consumed (a closing fence). */
  private continues(block: Open): 0 | 1 | 2 {
    const line = this.line;
    switch (block.type) {
      case 'blockquote':
        if (!this.indented && line[this.nextNonspace] === '>') {
          this.advanceNextNonspace();
          this.advanceOffset(1, false);
          if (isSpaceOrTab(line[this.offset])) this.advanceOffset(1, true);
          // The `>` is the quote's own text, so even a bare `>` line belongs to it.
          this.touch(block);
          return 0;
        }
        return 1;
      case 'listItem': {
        if (this.blank) {
          if (block.children.length === 0) return 1;
          this.advanceNextNonspace();
        } else if (this.indent >= block.markerOffset + block.padding) {
          this.advanceOffset(block.markerOffset + block.padding, true);
        } else return 1;
        return 0;
      }
      case 'heading':
      case 'thematicBreak':
        return 1;
      case 'code': {
        const fence = block.fence;
        if (fence) {
          const match =
            this.indent <= 3 && line[this.nextNonspace] === fence.char
              ? FENCE_CLOSE.exec(line.slice(this.nextNonspace))
              : null;
          if (match && match[0].length >= fence.length) {
            this.touch(block);
            this.finalize(block);
            return 2;
          }
          for (let i = fence.offset; i > 0 && isSpaceOrTab(line[this.offset]); i--) this.advanceOffset(1, true);
          return 0;
        }
        if (this.indent >= CODE_INDENT) this.advanceOffset(CODE_INDENT, true);
        else if (this.blank) this.advanceNextNonspace();
        else return 1;
        return 0;
      }
      case 'html':
        return this.blank && (block.htmlType === 6 || block.htmlType === 7) ? 1 : 0;
      case 'paragraph':
      case 'table':
        return this.blank ? 1 : 0;
      default:
        return 0;
    }
  }

  /** Tries each block start in CommonMark's order: 0 none, 1 a container, 2 a leaf. */
  private blockStart(container: Open): 0 | 1 | 2 {
    const line = this.line;
    const rest = line.slice(this.nextNonspace);
    const first = rest[0];
    if (!this.indented) {
      if (first === '>') {
        this.advanceNextNonspace();
        this.advanceOffset(1, false);
        if (isSpaceOrTab(line[this.offset])) this.advanceOffset(1, true);
        this.closeUnmatched(true);
        this.touch(this.addChild('blockquote', this.nextNonspace));
        return 1;
      }
      let match: RegExpExecArray | null;
      if (first === '#' && (match = ATX.exec(rest))) {
        this.closeUnmatched();
        const heading = this.addChild('heading', this.nextNonspace);
        heading.depth = match[0].trim().length;
        this.touch(heading);
        this.offset = line.length;
        return 2;
      }
      if ((first === '`' || first === '~') && (match = FENCE_OPEN.exec(rest))) {
        this.closeUnmatched();
        const code = this.addChild('code', this.nextNonspace);
        code.fence = { char: match[0][0], length: match[0].length, offset: this.indent };
        this.touch(code);
        this.advanceNextNonspace();
        this.advanceOffset(match[0].length, false);
        return 2;
      }
      if (first === '<') {
        const lazyParagraph = !this.allClosed && !this.blank && this.tip.type === 'paragraph';
        for (let type = 1; type <= 7; type++) {
          if (type === 7 && lazyParagraph && HTML_OPEN[7].test(rest)) {
            // micromark takes a lone tag on a lazy line as HTML inside the paragraph's container.
            this.lastMatched = this.tip.parent as Open;
            this.closeUnmatched();
            this.addChild('html', this.nextNonspace).htmlType = 7;
            return 2;
          }
          if (HTML_OPEN[type].test(rest) && (type < 7 || (container.type !== 'paragraph' && !lazyParagraph))) {
            this.closeUnmatched();
            const html = this.addChild('html', this.nextNonspace);
            html.htmlType = type;
            return 2;
          }
        }
      }
      if (container.type === 'paragraph' && (first === '=' || first === '-') && SETEXT.test(rest)) {
        this.closeUnmatched();
        container.type = 'heading';
        container.depth = first === '=' ? 1 : 2;
        this.touch(container);
        this.offset = line.length;
        return 2;
      }
      if (
        container.type === 'paragraph' &&
        (first === '|' || first === ':' || first === '-') &&
        this.tableStart(container, rest)
      )
        return 2;
      if ((first === '*' || first === '_' || first === '-') && THEMATIC.test(rest)) {
        this.closeUnmatched();
        this.touch(this.addChild('thematicBreak', this.nextNonspace));
        this.offset = line.length;
        return 2;
      }
    }
    if (!this.indented || container.type === 'list') {
      const marker = this.listMarker(container, rest);
      if (marker) {
        this.closeUnmatched(true);
        if (this.tip.type !== 'list' || this.tip.bullet !== marker.bullet || this.tip.delimiter !== marker.delimiter)
          setMarker(this.addChild('list', this.markerStart), marker);
        setMarker(this.addChild('listItem', this.markerStart), marker);
        const item = this.tip;
        item.contentStart = this.lineStart + Math.min(this.offset, line.length);
        this.touch(item);
        return 1;
      }
    }
    if (this.indented && this.tip.type !== 'paragraph' && !this.blank) {
      this.advanceOffset(CODE_INDENT, true);
      this.closeUnmatched();
      this.touch(this.addChild('code', this.offset));
      return 2;
    }
    return 0;
  }

  private markerStart = 0;

  /**
   * GFM: a delimiter row under a paragraph line with as many cells makes that line a table
   * header; the paragraph's earlier lines stay a paragraph.
   */
  private tableStart(paragraph: Open, rest: string): boolean {
    const headerStart = paragraph.lastLineStart;
    const header = this.text.slice(headerStart, paragraph.end);
    if (!TABLE_DELIMITER.test(rest) || !(rest.includes('|') || header.includes('|'))) return false;
    if (cellCount(header) !== cellCount(rest)) return false;
    this.closeUnmatched();
    if (paragraph.line === this.lineNumber - 1) paragraph.type = 'table';
    else {
      const parent = paragraph.parent as Open;
      paragraph.open = false;
      paragraph.parent = null;
      paragraph.end = paragraph.previousEnd;
      paragraph.endLine = paragraph.previousEndLine;
      const table = open('table', headerStart, this.lineNumber - 1, parent);
      parent.children.push(table);
      this.tip = table;
      paragraph = table;
    }
    this.touch(paragraph);
    this.offset = this.line.length;
    return true;
  }

  /** The scanner's one marker record, overwritten by each list item start. */
  private readonly marker = {
    bullet: null as string | null,
    delimiter: null as string | null,
    markerOffset: 0,
    padding: 0,
  };

  private listMarker(container: Open, rest: string): Scanner['marker'] | null {
    if (this.indent >= 4) return null;
    // micromark (remark) also treats an open indented code block as something a new list would
    // interrupt, so the paragraph rules (start at 1, no empty item) apply after one too; a
    // sibling item of a list still open is never an interruption.
    const interrupts =
      container.type === 'paragraph' ||
      (container.type !== 'list' && this.tip.type === 'code' && !this.tip.fence && !this.previousBlank);
    let match: RegExpExecArray | null;
    let bullet: string | null = null;
    let delimiter: string | null = null;
    if ((match = BULLET.exec(rest))) bullet = match[0];
    else if ((match = ORDERED.exec(rest)) && (!interrupts || Number(match[1]) === 1)) delimiter = match[2];
    else return null;
    const line = this.line;
    const after = line[this.nextNonspace + match[0].length];
    if (!(after === undefined || after === ' ' || after === '\t')) return null;
    if (interrupts && !/[^ \t]/.test(line.slice(this.nextNonspace + match[0].length))) return null;
    const markerOffset = this.indent;
    this.markerStart = this.nextNonspace;
    this.advanceNextNonspace();
    this.advanceOffset(match[0].length, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    do this.advanceOffset(1, true);
    while (this.column - spacesStartColumn < 5 && isSpaceOrTab(line[this.offset]));
    const blankItem = line[this.offset] === undefined;
    const spaces = this.column - spacesStartColumn;
    let padding: number;
    if (spaces >= 5 || spaces < 1 || blankItem) {
      padding = match[0].length + 1;
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      if (isSpaceOrTab(line[this.offset])) this.advanceOffset(1, true);
    } else padding = match[0].length + spaces;
    const marker = this.marker;
    marker.bullet = bullet;
    marker.delimiter = delimiter;
    marker.markerOffset = markerOffset;
    marker.padding = padding;
    return marker;
  }

  private addChild(type: BlockType, offset: number): Open {
    while (!canContain(this.tip.type, type)) this.finalize(this.tip);
    const block = this.node(type, this.tip, offset);
    this.tip.children.push(block);
    this.tip = block;
    return block;
  }

  /** `byContainer`: a block quote or list item starts on this line. */
  private closeUnmatched(byContainer = false): void {
    if (this.allClosed) return;
    while (this.oldTip !== this.lastMatched) {
      const parent = this.oldTip.parent as Open;
      if (byContainer && unclosedAtEnd(this.oldTip)) this.touchLineStart(this.oldTip);
      this.finalize(this.oldTip);
      this.oldTip = parent;
    }
    this.allClosed = true;
  }

  /** A closed block never needs its parent again: dropping it leaves plain data (no cycles). */
  private finalize(block: Open): void {
    block.open = false;
    this.tip = block.parent ?? this.root;
    block.parent = null;
  }
}

function unclosedAtEnd(block: Open): boolean {
  return (
    block.open &&
    (block.type === 'code' ? block.fence !== undefined : block.type === 'html' && (block.htmlType ?? 7) <= 5)
  );
}

function lastChild(block: Open): Open | undefined {
  return block.children[block.children.length - 1];
}

function setMarker(block: Open, marker: Scanner['marker']): void {
  block.bullet = marker.bullet;
  block.delimiter = marker.delimiter;
  block.markerOffset = marker.markerOffset;
  block.padding = marker.padding;
  block.ordered = marker.delimiter !== null;
}

/** Every field set at once, so that all blocks share one shape (the scanner's hot path). */
function open(type: BlockType, start: number, line: number, parent: Open | null): Open {
  return {
    type,
    start,
    end: start,
    line,
    endLine: line,
    children: LEAVES.has(type) ? NO_CHILDREN : [],
    depth: undefined,
    ordered: undefined,
    contentStart: undefined,
    parent,
    open: true,
    fence: undefined,
    htmlType: undefined,
    bullet: null,
    delimiter: null,
    markerOffset: 0,
    padding: 0,
    touched: false,
    trailingBlank: undefined,
    lastLineStart: 0,
    previousEnd: 0,
    previousEndLine: 0,
  };
}

/** The block tree of a Markdown document. Never throws; every input has a structure. */
export function parseBlocks(text: string): Block {
  return new Scanner(text).parse();
}

/**
 * parseBlocks, and whether the text ended inside a fence or an HTML block that only its own
 * closing line ends (which would swallow whatever followed the text in a larger document).
 */
export function parseBlocksOpenEnd(text: string): { root: Block; openAtEnd: boolean } {
  const scanner = new Scanner(text);
  const root = scanner.parse();
  return { root, openAtEnd: scanner.openAtEnd };
}

/** Heading text as written (inline markup kept), without the `#` fence or setext underline. */
export function headingText(text: string, heading: Block): string {
  const nl = text.indexOf('\n', heading.start);
  const firstLine = text.slice(heading.start, nl === -1 || nl > heading.end ? heading.end : nl).replace(/\r$/, '');
  return firstLine
    .replace(/^\s*#{1,6}(?=\s|$)/, '')
    .replace(/\s#+\s*$/, '')
    .replace(/^\s*#+\s*$/, '')
    .trim();
}
