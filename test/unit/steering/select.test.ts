import assert from 'node:assert/strict';
import type { SteeringDoc } from '../../../src/core/steering/model';
import { selectSteering } from '../../../src/core/steering/select';

function doc(fields: Partial<SteeringDoc> & Pick<SteeringDoc, 'name'>): SteeringDoc {
  return {
    file: `/ws/.kiro/steering/${fields.name}.md`,
    scope: 'workspace',
    inclusion: 'always',
    patterns: [],
    description: null,
    folder: null,
    body: '',
    references: [],
    diagnostics: [],
    ...fields,
  };
}

const docs = [
  doc({ name: 'tech' }),
  doc({ name: 'api-style', inclusion: 'fileMatch', patterns: ['src/api/**/*.ts', 'lib/**'] }),
  doc({ name: 'dotfiles', inclusion: 'fileMatch', patterns: ['**/*.yml'] }),
  doc({ name: 'release', inclusion: 'manual' }),
  doc({ name: 'security', inclusion: 'auto', description: 'When touching auth.' }),
  doc({ name: 'AGENTS.md', scope: 'agents', folder: '', file: '/ws/AGENTS.md' }),
  doc({ name: 'src/api/AGENTS.md', scope: 'agents', folder: 'src/api', file: '/ws/src/api/AGENTS.md' }),
];

const reasons = (files: string[], extra: { manual?: string[]; auto?: string[] } = {}) =>
  Object.fromEntries(selectSteering(docs, { files, ...extra }).map((s) => [s.doc.name, [s.included, s.reason]]));

describe('steering selection', () => {
  it('returns every doc with the reason it is in or out', () => {
    assert.deepEqual(reasons([]), {
      tech: [true, 'always'],
      'api-style': [false, 'fileMatch: no files in play for src/api/**/*.ts, lib/**'],
      dotfiles: [false, 'fileMatch: no files in play for **/*.yml'],
      release: [false, 'manual: not referenced (#release)'],
      security: [false, 'auto: not selected'],
      'AGENTS.md': [true, 'AGENTS.md: workspace root'],
      'src/api/AGENTS.md': [false, 'AGENTS.md: no file in play inside src/api/'],
    });
  });

  it('includes fileMatch docs and scoped AGENTS.md by the files in play', () => {
    const r = reasons(['README.md', 'src/api/users/get.ts', '.github/workflows/ci.yml']);
    assert.deepEqual(r['api-style'], [true, 'fileMatch: src/api/users/get.ts matches src/api/**/*.ts']);
    assert.deepEqual(r.dotfiles, [true, 'fileMatch: .github/workflows/ci.yml matches **/*.yml'], 'dot folders match');
    assert.deepEqual(r['src/api/AGENTS.md'], [true, 'AGENTS.md: scope src/api/ contains src/api/users/get.ts']);
  });

  it('normalises Windows separators and a leading ./ in paths', () => {
    const r = reasons(['.\\src\\api\\a.ts']);
    assert.deepEqual(r['api-style'], [true, 'fileMatch: src/api/a.ts matches src/api/**/*.ts']);
  });

  it('does not treat a sibling folder with the same prefix as inside the scope', () => {
    assert.equal(reasons(['src/api-old/a.ts'])['src/api/AGENTS.md'][0], false);
  });

  it('explains a fileMatch miss', () => {
    assert.deepEqual(reasons(['src/web/a.ts'])['api-style'], [
      false,
      'fileMatch: no file in play matches src/api/**/*.ts, lib/**',
    ]);
  });

  it('includes manual references with or without #, for manual, auto and fileMatch docs', () => {
    const r = reasons([], { manual: ['#release', 'security', '#api-style'] });
    assert.deepEqual(r.release, [true, 'manual: referenced as #release']);
    assert.deepEqual(r.security, [true, 'manual: referenced as #security']);
    assert.deepEqual(r['api-style'], [true, 'manual: referenced as #api-style']);
  });

  it('includes auto docs the caller picked, with their description as the reason', () => {
    assert.deepEqual(reasons([], { auto: ['security'] }).security, [true, 'auto: When touching auth.']);
  });

  it('matches a manual reference by file name when the front matter names the doc otherwise', () => {
    const named = doc({ name: 'Release Steps', inclusion: 'manual', file: '/ws/.kiro/steering/release-steps.md' });
    const [s] = selectSteering([named], { files: [], manual: ['#release-steps'] });
    assert.deepEqual([s.included, s.reason], [true, 'manual: referenced as #release-steps']);
  });
});
