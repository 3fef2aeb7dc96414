// A rendered spec document. The hast tree becomes React elements (never innerHTML); links go to
// the extension, which decides what may open; images are not loaded, their text is shown;
// ```mermaid blocks become diagrams when asked (Diagram.tsx loads the renderer on first need).
import { memo, useMemo, type MouseEvent, type ReactNode } from 'react';
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import type { Element } from 'hast';
import { Diagram } from './Diagram';
import { markdownToHast } from './pipeline';

export interface MarkdownProps {
  text: string;
  /** Called for links that leave the document; `#fragment` links scroll within it. */
  onOpenLink(href: string): void;
  /** Draw ```mermaid blocks as diagrams (the spec documents); otherwise they stay code. */
  diagrams?: boolean;
}

const SAFE_HREF = /^(https?:|#|[^:]*$)/i;

export const Markdown = memo(function Markdown({ text, onOpenLink, diagrams = false }: MarkdownProps) {
  const tree = useMemo(() => markdownToHast(text), [text]);
  const content = useMemo(
    () =>
      toJsxRuntime(tree, {
        Fragment,
        jsx,
        jsxs,
        passNode: true,
        components: {
          pre: ({ node, children }: { node?: Element; children?: ReactNode }) => {
            const source = diagrams && node ? mermaidSource(node) : null;
            const block = <pre>{children}</pre>;
            return source === null ? block : <Diagram source={source}>{block}</Diagram>;
          },
          a: ({ href, children }: { href?: string; children?: ReactNode }) => (
            <Link href={href} onOpenLink={onOpenLink}>
              {children}
            </Link>
          ),
          img: ({ alt, src }: { alt?: string; src?: string }) => (
            <span className="image-text" title={src}>
              <span className="codicon codicon-file-media" aria-hidden="true" /> {alt || src}
            </span>
          ),
        },
      }),
    [tree, onOpenLink, diagrams],
  );
  return <div className="markdown">{content}</div>;
});

/** The text of a ```mermaid fence (remark-rehype: pre > code.language-mermaid), else null. */
function mermaidSource(pre: Element): string | null {
  const code = pre.children.find((c): c is Element => c.type === 'element');
  if (code?.tagName !== 'code') return null;
  const classes = code.properties.className;
  if (!Array.isArray(classes) || !classes.some((c) => String(c).toLowerCase() === 'language-mermaid')) return null;
  return code.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
}

function Link({ href, children, onOpenLink }: { href?: string; children?: ReactNode; onOpenLink(href: string): void }) {
  if (!href || !SAFE_HREF.test(href.trim())) return <span className="link-dropped">{children}</span>;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (href.startsWith('#')) {
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      target?.scrollIntoView({ block: 'start' });
      return;
    }
    onOpenLink(href);
  };
  return (
    <a href={href} onClick={onClick} title={href}>
      {children}
    </a>
  );
}
