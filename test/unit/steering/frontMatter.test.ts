import assert from 'node:assert/strict';
import { splitFrontMatter } from '../../../src/core/steering/frontMatter';

describe('steering front matter', () => {
  it('treats a file without front matter as all body', () => {
    const split = splitFrontMatter('# Title\n\ntext\n', '/w/a.md');
    assert.equal(split.entries.size, 0);
    assert.equal(split.body, '# Title\n\ntext\n');
    assert.equal(split.bodyLine, 1);
    assert.deepEqual(split.diagnostics, []);
  });

  it('reads keys with their file positions and starts the body right after the closing fence', () => {
    const split = splitFrontMatter('---\ninclusion: fileMatch\nfileMatchPattern: "src/**"\n---\n# Body\n', '/w/a.md');
    assert.deepEqual(split.entries.get('inclusion'), { value: 'fileMatch', line: 2, column: 1 });
    assert.deepEqual(split.entries.get('fileMatchPattern'), { value: 'src/**', line: 3, column: 1 });
    assert.equal(split.body, '# Body\n');
    assert.equal(split.bodyLine, 5);
  });

  it('handles CRLF line endings and a byte order mark', () => {
    const split = splitFrontMatter('\uFEFF---\r\ninclusion: manual\r\n---\r\n\r\nBody\r\n', '/w/a.md');
    assert.equal(split.entries.get('inclusion')?.value, 'manual');
    assert.equal(split.body, '\r\nBody\r\n');
    assert.equal(split.bodyLine, 4);
  });

  it('accepts an empty front matter block', () => {
    const split = splitFrontMatter('---\n---\nBody', '/w/a.md');
    assert.equal(split.entries.size, 0);
    assert.equal(split.readable, true);
    assert.equal(split.body, 'Body');
  });

  it('reports invalid YAML as an error at its line in the file', () => {
    const split = splitFrontMatter('---\ninclusion: fileMatch\nfileMatchPattern: "src/**\n---\nBody\n', '/w/a.md');
    assert.equal(split.readable, false);
    assert.equal(split.entries.size, 0);
    assert.equal(split.body, 'Body\n');
    assert.equal(split.diagnostics.length, 1);
    const [d] = split.diagnostics;
    assert.equal(d.severity, 'error');
    assert.equal(d.code, 'steering-frontmatter-invalid');
    assert.ok(d.line >= 3, `line ${d.line} should be within the front matter`);
    assert.equal(d.file, '/w/a.md');
  });

  it('reports a duplicate key at the second occurrence', () => {
    const [d] = splitFrontMatter('---\ninclusion: always\ninclusion: manual\n---\n', '/w/a.md').diagnostics;
    assert.equal(d.code, 'steering-frontmatter-invalid');
    assert.equal(d.line, 3);
  });

  it('reports front matter that is not a mapping', () => {
    const split = splitFrontMatter('---\n- always\n---\nBody', '/w/a.md');
    assert.equal(split.diagnostics[0].code, 'steering-frontmatter-not-map');
    assert.equal(split.diagnostics[0].line, 2);
  });

  it('reports an opening fence that is never closed and keeps the whole text as body', () => {
    const text = '---\ninclusion: always\n# Body\n';
    const split = splitFrontMatter(text, '/w/a.md');
    assert.equal(split.diagnostics[0].code, 'steering-frontmatter-unclosed');
    assert.equal(split.body, text);
  });
});
