// The structural parser agrees with remark-parse + remark-gfm on block structure: exactly (start
// and end lines) on every fixture, and on the nesting and start lines of generated documents
// mixing the constructs real spec files use (lists, fences open and closed, indented code, HTML
// blocks, block quotes, tables, tabs, lazy lines).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { parseBlocks } from '../../../src/core/specs/blocks';
import { blockOutline, remarkOutline } from '../../support/block-outline';
import { fixtureWorkspace } from './helpers';

const PIECES = [
  '- [ ] 1. Task',
  '  - [x] 1.1 Sub',
  '    - detail',
  '- - [ ] 3.2 doubled',
  '* [ ] star',
  '+ plus',
  '1. one',
  '2) two',
  '   3. three',
  '```',
  '```md',
  '~~~',
  '    ```',
  '  ```',
  '    indented code',
  '\tTabbed',
  '- \tTab item',
  '> quote',
  '> - [ ] quoted',
  '>',
  '# H',
  '## Task 2: x',
  'Setext',
  '===',
  '---',
  '***',
  '- - -',
  '<details>',
  '</details>',
  '<summary>S</summary>',
  '<!--',
  '-->',
  '<!-- c -->',
  '<div>',
  '</div>',
  '<span>x</span>',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  'plain text',
  '_Requirements: 1.1_',
  '',
  '',
  '',
  '  ',
  '-',
  '1.',
  '      - deep',
  '        - deeper',
  '<script>',
  '</script>',
  '- [ ]\\* 2.3 escaped',
];

/** A small deterministic generator (an LCG), so a failure names a reproducible document. */
function generate(seed: number, count: number): string[] {
  let state = seed;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const docs: string[] = [];
  for (let n = 0; n < count; n++) {
    const lines: string[] = [];
    const length = 1 + Math.floor(rand() * 12);
    for (let i = 0; i < length; i++) {
      let piece = PIECES[Math.floor(rand() * PIECES.length)];
      if (rand() < 0.25) piece = '  '.repeat(1 + Math.floor(rand() * 2)) + piece;
      lines.push(piece);
    }
    docs.push(lines.join('\n') + (rand() < 0.7 ? '\n' : ''));
  }
  return docs;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('structural parser (blocks.ts) against remark', () => {
  it('finds the same blocks with the same lines in every fixture', () => {
    const files = markdownFiles(join(fixtureWorkspace, '.kiro'));
    assert.ok(files.length >= 20, String(files.length));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(blockOutline(text), remarkOutline(text), file);
    }
  });

  it('finds the same structure in 2,000 generated documents', function () {
    this.timeout(60_000);
    for (const text of generate(1, 2000))
      assert.deepEqual(blockOutline(text, { ends: false }), remarkOutline(text, { ends: false }), JSON.stringify(text));
  });

  it('reads the shapes the two old parsers disagreed on', () => {
    const text = [
      '# Plan',
      '',
      '    - [ ] indented code, not a task',
      '',
      '- [ ] 1. Task',
      '- - [ ] 3.2 doubled marker',
      '',
      '<details>',
      '- [ ] inside an HTML block',
      '</details>',
      '',
      '~~~',
      '- [ ] inside an unclosed fence',
      '',
    ].join('\n');
    const root = parseBlocks(text);
    assert.deepEqual(
      root.children.map((b) => `${b.type}@${b.line}`),
      ['heading@1', 'code@3', 'list@5', 'html@8', 'code@12'],
    );
    const doubled = root.children[2].children[1];
    assert.equal(doubled.children[0].type, 'list');
    assert.equal(text.slice(doubled.children[0].children[0].contentStart), text.slice(text.indexOf('[ ] 3.2')));
    assert.deepEqual(blockOutline(text), remarkOutline(text));
  });

  it('keeps CRLF line ends out of block text', () => {
    const text = '# Title\r\n\r\n- [ ] 1. Task\r\n  - [x] 1.1 Sub\r\n';
    const root = parseBlocks(text);
    const item = root.children[1].children[0];
    assert.equal(text.slice(item.start, item.end), '- [ ] 1. Task\r\n  - [x] 1.1 Sub');
    assert.deepEqual(blockOutline(text), remarkOutline(text));
  });
});
