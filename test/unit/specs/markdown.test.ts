import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { parseMarkdown } from '../../../src/core/specs/markdown';

/** Start offsets and lines of every heading, list item and code block. */
function landmarks(root: Root): string[] {
  const out: string[] = [];
  const walk = (node: {
    type: string;
    position?: { start: { offset?: number; line: number } };
    children?: unknown[];
  }) => {
    if (['heading', 'listItem', 'code', 'html'].includes(node.type))
      out.push(`${node.type}@${node.position?.start.offset}:${node.position?.start.line}`);
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
  };
  walk(root);
  return out;
}

describe('parseMarkdown (chunked)', () => {
  it('finds the same blocks at the same offsets as one whole parse', function () {
    this.timeout(60_000);
    let text = '# Plan\r\n\r\n';
    for (let i = 1; i <= 400; i++) {
      text += `- [ ] ${i}. Task ${i}\r\n  - [x] ${i}.1 Sub\r\n    - _Requirements: 1.1_\r\n`;
      if (i % 20 === 0)
        text +=
          '```md\r\n- [ ] 99. fenced, at column 0\r\n# fenced heading\r\n    ```\r\n- [ ] 98. still fenced: an indented fence does not close it\r\n```\r\n';
      if (i % 30 === 0) text += '<!--\r\n- [ ] 97. commented\r\n-->\r\n\r\n## Phase\r\n\r\n';
      if (i % 45 === 0) text += '<div>\r\n- [ ] 96. inside an HTML block\r\n</div>\r\n\r\n';
    }
    const whole = unified().use(remarkParse).use(remarkGfm).parse(text);
    assert.ok(text.length > 20_000, 'long enough to be cut');
    assert.deepEqual(landmarks(parseMarkdown(text)), landmarks(whole));
  });
});
