// design.md → its sections, one per heading (headings inside code fences are not headings).
import type { DesignSection } from './model';
import { headingText, parseBlocks } from './blocks';

export function parseDesign(text: string): DesignSection[] {
  const headings = parseBlocks(text).children.filter((node) => node.type === 'heading');
  return headings.map((heading, i) => {
    const depth = heading.depth ?? 1;
    const start = heading.start;
    const next = headings.slice(i + 1).find((h) => (h.depth ?? 1) <= depth);
    const end = next ? Math.max(start, trimEol(text, next.start)) : text.length;
    return { depth, title: headingText(text, heading), line: heading.line, span: { start, end, line: heading.line } };
  });
}

/** End of the line before `offset` (the next heading), without that line's ending. */
function trimEol(text: string, offset: number): number {
  let end = offset;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return end;
}
