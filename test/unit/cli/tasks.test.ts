import assert from 'node:assert/strict';
import { demoSpec } from './demoSpec';
import { SPAWN_TIMEOUT_MS, useSandbox } from './harness';

describe('tiller tasks', function () {
  this.timeout(SPAWN_TIMEOUT_MS);
  const box = useSandbox(demoSpec);

  it('lists every task flat, in document order, with 1-based lines and parent ids', () => {
    assert.deepEqual(box().json('tasks', '--spec', 'cli-demo'), [
      { id: '1', title: 'Export', status: 'todo', optional: false, requirements: [], line: 3, parent: null },
      {
        id: '1.1',
        title: 'Write the CSV writer',
        status: 'done',
        optional: false,
        requirements: ['1.1'],
        line: 4,
        parent: '1',
      },
      {
        id: '1.2',
        title: 'Handle empty reports',
        status: 'todo',
        optional: false,
        requirements: ['1.2'],
        line: 6,
        parent: '1',
      },
      {
        id: '2',
        title: 'Totals',
        status: 'in-progress',
        optional: false,
        requirements: ['2.1'],
        line: 8,
        parent: null,
      },
      {
        id: '3',
        title: 'Polish the export dialog',
        status: 'queued',
        optional: false,
        requirements: [],
        line: 10,
        parent: null,
      },
      {
        id: '4',
        title: 'Property tests for the CSV writer',
        status: 'todo',
        optional: true,
        requirements: ['1.1'],
        line: 11,
        parent: null,
      },
    ]);
  });

  it('prints an indented checklist without --json', () => {
    const r = box().run('tasks', '--spec', 'cli-demo');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ {2}\[x\] 1\.1 Write the CSV writer {2}\(requirements 1\.1\)$/m);
    assert.match(r.stdout, /^\[ \]\* 4 Property tests/m);
  });

  it('fails with exit 1 and names the known specs for an unknown spec', () => {
    const r = box().run('tasks', '--spec', 'nope', '--json');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /unknown spec 'nope'.*cli-demo/);
  });

  it('requires --spec (usage, exit 2)', () => {
    const r = box().run('tasks');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--spec is required[\s\S]*usage: tiller tasks/);
  });
});
