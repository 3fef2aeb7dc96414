// Markdown to a hast tree, with nothing from the document ever reaching the page as HTML: raw
// HTML in a spec becomes visible text, and requirement headings get anchors the chips jump to.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import type { Root as MdRoot, Parent as MdParent, RootContent } from 'mdast';
import type { Root as HastRoot, Element, ElementContent } from 'hast';

const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** `<b>x</b>` in a spec shows as those characters, in its own paragraph when it stands alone. */
function rawHtmlAsText() {
  return (tree: MdRoot) => {
    const walk = (parent: MdParent) => {
      parent.children = parent.children.map((child): RootContent => {
        if (child.type === 'html') {
          const text = { type: 'text' as const, value: child.value, position: child.position };
          if (!FLOW_PARENTS.has(parent.type)) return text;
          return { type: 'paragraph', children: [text], data: { hProperties: { className: ['raw-html'] } } };
        }
        if ('children' in child) walk(child as MdParent);
        return child;
      });
    };
    walk(tree);
  };
}

/** `### Requirement 2: Title` gets id `req-2`, so `2` and `2.3` can jump to it. */
function requirementAnchors() {
  return (tree: HastRoot) => {
    for (const node of tree.children) {
      if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName)) continue;
      const match = /^\s*Requirement\s+(\d+)\b/i.exec(textOf(node));
      if (match) node.properties = { ...node.properties, id: `req-${match[1]}`, tabIndex: -1 };
    }
  };
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(rawHtmlAsText)
  .use(remarkRehype)
  .use(requirementAnchors);

export function markdownToHast(text: string): HastRoot {
  return processor.runSync(processor.parse(text)) as HastRoot;
}
