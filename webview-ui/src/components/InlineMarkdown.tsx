// A task title's inline Markdown: `code`, **bold** / __bold__, *emphasis* / _emphasis_ and
// [links](url), as the rendered tasks.md shows them. Titles are one line, so this small reader
// is enough; anything else stays text. A link shows its text (its target in the tooltip): a click
// on the row belongs to the row.
import { Fragment, memo, type ReactNode } from 'react';

const TOKEN =
  /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\[([^\]]+)\]\(([^)\s]+)[^)]*\)|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)/g;

function render(text: string, depth = 0): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const key = `${depth}-${at}`;
    if (m[1] !== undefined) out.push(<code key={key}>{m[1]}</code>);
    else if (m[2] !== undefined || m[3] !== undefined)
      out.push(<strong key={key}>{render(m[2] ?? m[3], depth + 1)}</strong>);
    else if (m[4] !== undefined)
      out.push(
        <span key={key} className="title-link" title={m[5]}>
          {render(m[4], depth + 1)}
        </span>,
      );
    else out.push(<em key={key}>{render(m[6] ?? m[7], depth + 1)}</em>);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export const InlineMarkdown = memo(function InlineMarkdown({ text }: { text: string }) {
  return <Fragment>{render(text)}</Fragment>;
});
