// The one Markdown parser of the engine. A frozen processor is reused because building one per
// document costs more than parsing a small file.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Heading, Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** Heading text as written (inline markup kept), without the `#` fence or setext underline. */
export function headingText(text: string, heading: Heading): string {
  const start = heading.position?.start.offset ?? 0;
  const end = heading.position?.end.offset ?? start;
  const firstLine = text.slice(start, end).split(/\r?\n/)[0];
  return firstLine.replace(/^\s*#{1,6}(?=\s|$)/, '').replace(/\s#+\s*$/, '').trim();
}
