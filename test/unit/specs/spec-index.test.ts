import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { findSpecRoots, SpecIndex, taskLenses } from '../../../src/core/specs';
import { fixture, fixtureSpecs, fixtureWorkspace } from './helpers';

describe('SpecIndex', () => {
  it('loads every spec folder of the fixture workspace, by name, and nothing else', async () => {
    const index = new SpecIndex(fixtureWorkspace);
    const names = (await index.load()).map((s) => s.name);
    assert.deepEqual(names, [
      'bad-config',
      'bugfix-spec',
      'crlf-tasks',
      'design-only',
      'fenced-checkboxes',
      'flat-ccsdd',
      'headings-parents',
      'lint-problems',
      'optional-tasks',
      'requirements-only',
      'statuses',
      'tabs-bullets',
      'unnumbered-tasks',
      'user-auth',
    ]);
    const auth = index.get('user-auth')!;
    assert.deepEqual(index.counts(auth), { total: 13, done: 3, inProgress: 0, queued: 0, optional: 1 });
    assert.equal(auth.type, 'feature');
    assert.equal(auth.config?.workflowType, 'requirements-first');
    assert.equal(auth.documents.tasks, join(fixtureSpecs, 'user-auth', 'tasks.md'));
    assert.equal(auth.requirements.length, 3);
    assert.ok(auth.design.some((s) => s.title === 'Architecture'));
    assert.equal(index.get('bugfix-spec')?.type, 'bugfix');
    assert.equal(index.get('flat-ccsdd')?.config?.phase, 'tasks-generated');
    assert.deepEqual(index.get('statuses') && index.counts(index.get('statuses')!), {
      total: 5,
      done: 1,
      inProgress: 1,
      queued: 1,
      optional: 0,
    });
    assert.equal(index.nextTask({ spec: 'user-auth' })?.task.id, '2.1');
    assert.ok(JSON.stringify(auth).includes('"tasks":['), 'lazy fields still serialise');
  });

  it('takes unsaved editor text over disk, and reports only real changes', async () => {
    const index = new SpecIndex(fixtureWorkspace);
    await index.load();
    const { path, text } = fixture('user-auth', 'tasks.md');
    assert.equal(index.update(path), false, 'disk unchanged');
    assert.equal(index.update(path, text.replace('- [ ] 2.1', '- [x] 2.1')), true);
    const edited = index.get('user-auth')!;
    assert.equal(index.counts(edited).done, 4);
    assert.equal(edited.tasks[1].children[0].status, 'done');
    assert.equal(index.update(path, text.replace('- [ ] 2.1', '- [x] 2.1')), false, 'same text again');
    assert.equal(index.update(path), true, 'editor closed: disk again');
    assert.equal(index.counts(index.get('user-auth')!).done, 3);
    assert.equal(index.update(join(fixtureWorkspace, 'README.md'), 'x'), false, 'outside the specs roots');
  });

  it('picks up new and removed spec folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tiller-index-'));
    mkdirSync(join(root, '.kiro/specs/a'), { recursive: true });
    writeFileSync(join(root, '.kiro/specs/a/tasks.md'), '- [ ] 1. a\n');
    const index = new SpecIndex(root);
    await index.load();
    mkdirSync(join(root, '.kiro/specs/b'));
    writeFileSync(join(root, '.kiro/specs/b/tasks.md'), '- [x] 1. b\n');
    assert.equal(index.update(join(root, '.kiro/specs/b/tasks.md')), true);
    assert.deepEqual(
      index.specs().map((s) => s.name),
      ['a', 'b'],
    );
    writeFileSync(join(root, '.kiro/specs/b/tasks.md'), '- [x] 1. b\n- [ ] 2. c\n');
    assert.equal(index.update(join(root, '.kiro/specs/b/tasks.md')), true);
    assert.equal(index.counts(index.get('b')!).total, 2);
  });
});

describe('findSpecRoots', () => {
  it('prefers the workspace root, else searches a few levels, skipping node_modules and .git', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tiller-roots-'));
    for (const dir of [
      'apps/erp/.kiro/specs',
      'node_modules/pkg/.kiro/specs',
      '.git/x/.kiro/specs',
      'a/b/c/d/.kiro/specs',
    ])
      mkdirSync(join(root, dir), { recursive: true });
    assert.deepEqual(await findSpecRoots(root), [join(root, 'apps/erp/.kiro/specs')]);
    mkdirSync(join(root, '.kiro/specs'), { recursive: true });
    assert.deepEqual(await findSpecRoots(root), [join(root, '.kiro/specs')]);
  });
});

describe('SpecIndex: editor text', () => {
  it('replaces only the edited document, reading nothing from disk', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tiller-index-editor-'));
    try {
      const dir = join(root, '.kiro', 'specs', 'feature');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'requirements.md'), '### Requirement 1\n\n1. THE SYSTEM SHALL work\n');
      writeFileSync(join(dir, 'tasks.md'), '- [ ] 1. Work\n  - _Requirements: 1.1_\n');
      const index = new SpecIndex(root);
      await index.load();
      // Gone from disk: an update that re-read the folder would lose the spec's requirements.
      rmSync(join(dir, 'requirements.md'));
      assert.equal(index.update(join(dir, 'tasks.md'), '- [x] 1. Work\n  - _Requirements: 1.1_\n'), true);
      const spec = index.specAt(dir)!;
      assert.equal(spec.tasks[0].status, 'done');
      assert.deepEqual(
        spec.requirements.map((r) => r.id),
        ['1'],
      );
      assert.equal(index.update(join(dir, 'tasks.md'), '- [x] 1. Work\n  - _Requirements: 1.1_\n'), false);
      assert.deepEqual(
        taskLenses(spec.tasks).map((l) => [l.line, l.taskId, l.actions]),
        [[1, '1', ['reset']]],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
