import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import { loadSpec, nextLeafTask, nextTask, parseTasks } from '../../../src/core/specs';
import { fixture, fixtureSpecs } from './helpers';
import { join } from 'node:path';

const next = (text: string, includeOptional = false) =>
  nextLeafTask(parseTasks(text, '').tasks, { includeOptional })?.id ?? null;

describe('next task', () => {
  it('is the first todo leaf in document order', () => {
    assert.equal(next(fixture('user-auth', 'tasks.md').text), '2.1');
  });

  it('never runs parents, and skips in-progress, queued and done', () => {
    assert.equal(next('- [ ] 1. Parent\n  - [-] 1.1 a\n  - [~] 1.2 b\n  - [x] 1.3 c\n  - [ ] 1.4 d\n'), '1.4');
    assert.equal(next('- [ ] 1. Parent\n  - [x] 1.1 a\n'), null);
    assert.equal(next('- [-] 1. Leaf in progress\n- [ ] 2. Next\n'), '2');
  });

  it('skips optional tasks and tasks under optional parents unless asked', () => {
    const { text } = fixture('optional-tasks', 'tasks.md');
    assert.equal(next(text), '3.2');
    assert.equal(next(text, true), '2.1');
    assert.equal(next('- [ ]* 1. only optional\n'), null);
  });

  it('follows flat numbering and derived ids', () => {
    assert.equal(next(fixture('flat-ccsdd', 'tasks.md').text), '1.2');
    assert.equal(next(fixture('unnumbered-tasks', 'tasks.md').text), 't2.t1');
  });

  it('goes across specs in name order unless a spec is given', () => {
    const specs = ['user-auth', 'bugfix-spec', 'statuses'].map((name) => loadSpec(join(fixtureSpecs, name))!);
    const first = nextTask(specs);
    assert.equal(first?.spec.name, 'bugfix-spec');
    assert.equal(first?.task.id, '2.1');
    assert.equal(nextTask(specs, { spec: 'user-auth' })?.task.id, '2.1');
    assert.equal(nextTask(specs, { spec: 'statuses' })?.task.id, '1.4');
    assert.equal(nextTask(specs, { spec: 'missing' }), null);
  });
});
