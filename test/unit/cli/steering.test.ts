import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPAWN_TIMEOUT_MS, Sandbox } from './harness';

interface Row {
  file: string;
  scope: string;
  inclusion: string;
  pattern: string[] | null;
  included: boolean;
  reason: string;
}

describe('tiller steering', function () {
  this.timeout(SPAWN_TIMEOUT_MS);
  let box: Sandbox;
  beforeEach(() => {
    box = new Sandbox();
  });
  afterEach(() => box.dispose());

  it('lists every document with workspace-relative files and why it is in or out', () => {
    const rows = box.json('steering', '--for', 'src/api/reports.ts') as Row[];
    assert.deepEqual(rows, [
      {
        file: '.kiro/steering/api-style.md',
        scope: 'workspace',
        inclusion: 'fileMatch',
        pattern: ['src/api/**/*.ts'],
        included: true,
        reason: 'fileMatch: src/api/reports.ts matches src/api/**/*.ts',
      },
      {
        file: '.kiro/steering/architecture.md',
        scope: 'workspace',
        inclusion: 'always',
        pattern: null,
        included: true,
        reason: 'always',
      },
      {
        file: '.kiro/steering/data-model.md',
        scope: 'workspace',
        inclusion: 'fileMatch',
        pattern: ['src/models/**', 'src/db/**'],
        included: false,
        reason: 'fileMatch: no file in play matches src/models/**, src/db/**',
      },
      {
        file: '.kiro/steering/product.md',
        scope: 'workspace',
        inclusion: 'always',
        pattern: null,
        included: true,
        reason: 'always',
      },
      {
        file: '.kiro/steering/release-checklist.md',
        scope: 'workspace',
        inclusion: 'manual',
        pattern: null,
        included: false,
        reason: 'manual: not referenced (#release-checklist)',
      },
      {
        file: '.kiro/steering/security-review.md',
        scope: 'workspace',
        inclusion: 'auto',
        pattern: null,
        included: false,
        reason: 'auto: not selected',
      },
      {
        file: '.kiro/steering/tech.md',
        scope: 'workspace',
        inclusion: 'always',
        pattern: null,
        included: true,
        reason: 'always',
      },
      {
        file: 'AGENTS.md',
        scope: 'agents',
        inclusion: 'always',
        pattern: null,
        included: true,
        reason: 'AGENTS.md: workspace root',
      },
      {
        file: 'src/api/AGENTS.md',
        scope: 'agents',
        inclusion: 'always',
        pattern: null,
        included: true,
        reason: 'AGENTS.md: scope src/api/ contains src/api/reports.ts',
      },
    ]);
  });

  it('takes absolute --for paths, manual references and auto picks', () => {
    const rows = box.json(
      'steering',
      '--workspace',
      box.workspace,
      '--for',
      join(box.workspace, 'src/db/schema.ts'),
      '--ref',
      '#release-checklist',
      '--auto',
      'security-review',
    ) as Row[];
    const byFile = Object.fromEntries(rows.map((r) => [r.file, [r.included, r.reason]]));
    assert.deepEqual(byFile['.kiro/steering/data-model.md'], [true, 'fileMatch: src/db/schema.ts matches src/db/**']);
    assert.deepEqual(byFile['.kiro/steering/release-checklist.md'], [true, 'manual: referenced as #release-checklist']);
    assert.deepEqual(byFile['.kiro/steering/security-review.md'], [
      true,
      'auto: Apply when a change touches authentication, sessions, tokens or anything that parses user input.',
    ]);
    assert.deepEqual(byFile['src/api/AGENTS.md'], [false, 'AGENTS.md: no file in play inside src/api/']);
  });

  it('shows global steering with its absolute path, shadowed by a workspace file of the same name', () => {
    const global = join(box.home, '.kiro/steering');
    mkdirSync(global, { recursive: true });
    writeFileSync(join(global, 'tech.md'), 'global tech');
    writeFileSync(join(global, 'personal.md'), '---\ninclusion: manual\n---\nmine');
    const rows = box.json('steering') as Row[];
    assert.deepEqual(
      rows.filter((r) => r.scope === 'global').map((r) => r.file),
      [join(global, 'personal.md')],
    );
  });

  it('prints a readable list without --json', () => {
    const r = box.run('steering', '--for', 'src/api/reports.ts');
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /^\+ \.kiro\/steering\/api-style\.md {2}\(fileMatch\) {2}fileMatch: src\/api\/reports\.ts matches/m,
    );
    assert.match(r.stdout, /^- \.kiro\/steering\/release-checklist\.md/m);
  });

  it('rejects an unknown option with usage and exit 2', () => {
    const r = box.run('steering', '--bogus');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /usage: tiller steering/);
  });
});
