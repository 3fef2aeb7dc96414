// A rendered spec document. The hast tree becomes React elements (never innerHTML); links go to
// the extension, which decides what may open; images are not loaded, their text is shown.
import { memo, useMemo, type MouseEvent, type ReactNode } from 'react';
import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { markdownToHast } from './pipeline';

export interface MarkdownProps {
  text: string;
  /** Called for links that leave the document; `#fragment` links scroll within it. */
  onOpenLink(href: string): void;
}

const SAFE_HREF = /^(https?:|#|[^:]*$)/i;

export const Markdown = memo(function Markdown({ text, onOpenLink }: MarkdownProps) {
  const tree = useMemo(() => markdownToHast(text), [text]);
  const content = useMemo(
    () =>
      toJsxRuntime(tree, {
        Fragment,
        jsx,
        jsxs,
        components: {
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
    [tree, onOpenLink],
  );
  return <div className="markdown">{content}</div>;
});

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
