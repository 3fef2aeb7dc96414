// design.md → its sections, one per heading (headings inside code fences are not headings).
import type { Heading } from 'mdast';
import type { DesignSection } from './model';
import { headingText, parseMarkdown } from './markdown';

export function parseDesign(text: string): DesignSection[] {
  let headings: Heading[];
  try {
    headings = parseMarkdown(text).children.filter((node): node is Heading => node.type === 'heading');
  } catch {
    return [];
  }
  return headings.map((heading, i) => {
    const start = heading.position?.start.offset ?? 0;
    const next = headings.slice(i + 1).find((h) => h.depth <= heading.depth);
    const nextStart = next?.position?.start.offset ?? text.length;
    const end = next ? Math.max(start, trimEol(text, nextStart)) : text.length;
    return {
      depth: heading.depth,
      title: headingText(text, heading),
      line: heading.position?.start.line ?? 1,
      span: { start, end, line: heading.position?.start.line ?? 1 },
    };
  });
}

/** End of the line before `offset` (the next heading), without that line's ending. */
function trimEol(text: string, offset: number): number {
  let end = offset;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return end;
}
