// JSON reading with positions: hook files are small, but a diagnostic on the right line is what
// makes a broken one quick to fix, so values are read from jsonc-parser's tree, not JSON.parse.
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';

export interface JsonDocument {
  text: string;
  root?: Node;
  /** The first syntax error, if any; the tree is then partial and not trusted. */
  syntaxError?: { offset: number; message: string };
}

export function readJson(text: string): JsonDocument {
  const errors: ParseError[] = [];
  // Kiro writes strict JSON; comments and trailing commas are errors there, so they are here too.
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length)
    return { text, root, syntaxError: { offset: errors[0].offset, message: printParseErrorCode(errors[0].error) } };
  return { text, root };
}

export type JsonPath = Array<string | number>;

export function nodeAt(doc: JsonDocument, path: JsonPath): Node | undefined {
  return doc.root && findNodeAtLocation(doc.root, path);
}

export function valueAt(doc: JsonDocument, path: JsonPath): unknown {
  const node = nodeAt(doc, path);
  return node && getNodeValue(node);
}

/** 1-based line and column of an offset. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Where a value (or, failing that, its nearest existing parent) sits in the file. */
export function positionOf(doc: JsonDocument, path: JsonPath): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(doc, path.slice(0, n));
    if (node) return position(doc.text, node.offset);
  }
  return { line: 1, column: 1 };
}
