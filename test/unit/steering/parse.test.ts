import assert from 'node:assert/strict';
import { parseSteeringFile } from '../../../src/core/steering/parse';

const file = '/ws/.kiro/steering/style.md';
const parse = (text: string, existing: string[] = []) =>
  parseSteeringFile(text, { file, scope: 'workspace', workspaceRoot: '/ws', exists: (p) => existing.includes(p) });
const codes = (text: string) => parse(text).diagnostics.map((d) => d.code);

describe('steering file parsing', () => {
  it('defaults to always, named after the file, with no front matter', () => {
    const doc = parse('# Style\n');
    assert.equal(doc.inclusion, 'always');
    assert.equal(doc.name, 'style');
    assert.equal(doc.description, null);
    assert.deepEqual(doc.patterns, []);
    assert.equal(doc.folder, null);
    assert.equal(doc.scope, 'workspace');
    assert.deepEqual(doc.diagnostics, []);
  });

  it('reads fileMatch with a single glob, a flow list and a block list', () => {
    assert.deepEqual(parse('---\ninclusion: fileMatch\nfileMatchPattern: src/**/*.ts\n---\n').patterns, [
      'src/**/*.ts',
    ]);
    assert.deepEqual(parse('---\ninclusion: fileMatch\nfileMatchPattern: ["a/**", "b/**"]\n---\n').patterns, [
      'a/**',
      'b/**',
    ]);
    assert.deepEqual(parse('---\ninclusion: fileMatch\nfileMatchPattern:\n  - "a/**"\n  - ./b/*.md\n---\n').patterns, [
      'a/**',
      'b/*.md',
    ]);
  });

  it('splits a comma-separated pattern string and warns about it', () => {
    const doc = parse('---\ninclusion: fileMatch\nfileMatchPattern: "src/**/*.ts, test/**/*.ts"\n---\n');
    assert.deepEqual(doc.patterns, ['src/**/*.ts', 'test/**/*.ts']);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.severity, d.line]),
      [['steering-pattern-comma-separated', 'warning', 3]],
    );
  });

  it('reads a glob with a leading / as workspace-relative, with a warning', () => {
    const doc = parse('---\ninclusion: fileMatch\nfileMatchPattern: ["/src/**", "lib/**"]\n---\n');
    assert.deepEqual(doc.patterns, ['src/**', 'lib/**']);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.line]),
      [['steering-pattern-absolute', 3]],
    );
  });

  it('warns when fileMatch has no pattern, and notes a pattern on another mode', () => {
    assert.deepEqual(codes('---\ninclusion: fileMatch\n---\n'), ['steering-filematch-no-pattern']);
    const doc = parse('---\ninclusion: always\nfileMatchPattern: src/**\n---\n');
    assert.deepEqual(doc.patterns, []);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.severity]),
      [['steering-pattern-ignored', 'info']],
    );
  });

  it('reads manual and auto with name and description', () => {
    assert.equal(parse('---\ninclusion: manual\n---\n').inclusion, 'manual');
    const doc = parse('---\ninclusion: auto\nname: api-rules\ndescription: When editing the API.\n---\n');
    assert.equal(doc.inclusion, 'auto');
    assert.equal(doc.name, 'api-rules');
    assert.equal(doc.description, 'When editing the API.');
    assert.deepEqual(doc.diagnostics, []);
  });

  it('warns about auto without a name or description', () => {
    const doc = parse('---\ninclusion: auto\n---\n');
    assert.equal(doc.inclusion, 'auto');
    assert.equal(doc.name, 'style');
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.line]),
      [['steering-auto-incomplete', 2]],
    );
  });

  it('treats an unknown inclusion as always with a warning, and fixes the case of a known one', () => {
    const unknown = parse('---\ninclusion: sometimes\n---\n');
    assert.equal(unknown.inclusion, 'always');
    assert.deepEqual(
      unknown.diagnostics.map((d) => [d.code, d.severity, d.line, d.column]),
      [['steering-inclusion-unknown', 'warning', 2, 1]],
    );
    const cased = parse('---\ninclusion: FileMatch\nfileMatchPattern: a/**\n---\n');
    assert.equal(cased.inclusion, 'fileMatch');
    assert.deepEqual(
      cased.diagnostics.map((d) => d.code),
      ['steering-inclusion-case'],
    );
  });

  it('treats a file with unreadable front matter as always and reports an error', () => {
    const doc = parse('---\ninclusion: fileMatch\nfileMatchPattern: [src/**\n---\n# Body\n');
    assert.equal(doc.inclusion, 'always');
    assert.equal(doc.body, '# Body\n');
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.severity]),
      [['steering-frontmatter-invalid', 'error']],
    );
  });

  it('suggests the key meant by a typo and notes other unknown keys', () => {
    const doc = parse('---\ninclude: manual\ntags: [x]\n---\n');
    assert.equal(doc.inclusion, 'always');
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.severity, d.line]),
      [
        ['steering-key-unknown', 'warning', 2],
        ['steering-key-unknown', 'info', 3],
      ],
    );
    assert.match(doc.diagnostics[0].message, /did you mean 'inclusion'/);
  });

  it('resolves #[[file:]] references from the workspace root with their line and column', () => {
    const doc = parse('---\ninclusion: always\n---\n\nSee #[[file:docs/a.md]] and\n  #[[file:docs/missing.md]].\n', [
      '/ws/docs/a.md',
    ]);
    assert.deepEqual(
      doc.references.map((r) => [r.target, r.resolved, r.exists, r.line, r.column]),
      [
        ['docs/a.md', '/ws/docs/a.md', true, 5, 5],
        ['docs/missing.md', '/ws/docs/missing.md', false, 6, 3],
      ],
    );
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.code, d.severity, d.line, d.column]),
      [['steering-reference-missing', 'warning', 6, 3]],
    );
  });

  it('ignores references shown as examples in code', () => {
    const doc = parse('Write `#[[file:x.md]]` to include a file:\n\n```md\n#[[file:y.md]]\n```\n\n#[[file:z.md]]\n');
    assert.deepEqual(
      doc.references.map((r) => [r.target, r.line, r.column]),
      [['z.md', 7, 1]],
    );
  });
});
