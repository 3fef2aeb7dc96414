import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { loadSpec, type Spec } from '../../../src/core/specs';
import { fixtureSpecs } from './helpers';

const spec = (name: string): Spec => loadSpec(join(fixtureSpecs, name))!;
const codes = (s: Spec) => s.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file.split(/[\\/]/).pop()}:${d.line}`);

describe('spec lint', () => {
  it('finds malformed markers, unknown requirements, duplicate ids and uncovered criteria', () => {
    assert.deepEqual(codes(spec('lint-problems')), [
      'error task-malformed-marker tasks.md:3',
      'error task-malformed-marker tasks.md:4',
      'error task-malformed-marker tasks.md:5',
      'error task-duplicate-id tasks.md:8',
      'error task-unknown-requirement tasks.md:6',
      'warning criterion-uncovered requirements.md:9',
    ]);
    const unknown = spec('lint-problems').diagnostics.find((d) => d.code === 'task-unknown-requirement');
    assert.equal(
      unknown?.message,
      'Task 4 cites requirement 7.2 in "_Requirements: 1.1, 7.2, NFR Performance 1_", which requirements.md does not define.',
    );
  });

  it('is quiet on a clean spec', () => {
    assert.deepEqual(codes(spec('user-auth')), []);
  });

  it('reports an unparseable .config.kiro with its line', () => {
    const [d] = spec('bad-config').diagnostics;
    assert.equal(d.code, 'config-invalid');
    assert.equal(d.severity, 'error');
    assert.equal(d.line, 2);
    assert.equal(d.column, 18);
    assert.match(d.message, /\.config\.kiro is not valid JSON/);
    assert.equal(spec('bad-config').config, null);
  });

  it('flags non-EARS criteria as information, feature specs only', () => {
    assert.deepEqual(codes(spec('requirements-only')), [
      'info criterion-not-ears requirements.md:10',
      'info criterion-not-ears requirements.md:11',
    ]);
    assert.deepEqual(
      codes(spec('bugfix-spec')),
      [],
      'defect clauses (1.x) are neither EARS-checked nor required to be cited',
    );
  });

  it('skips coverage when tasks.md cites no requirement at all', () => {
    const s = spec('headings-parents');
    assert.deepEqual(
      codes(s),
      ['warning criterion-uncovered requirements.md:14'],
      'cites 1.1, 1.2, 2.2; 2.1 is uncovered',
    );
  });
});
