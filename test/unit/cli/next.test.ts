import assert from 'node:assert/strict';
import { SpecIndex } from '../../../src/core/specs';
import { demoSpec } from './demoSpec';
import { SPAWN_TIMEOUT_MS, useSandbox } from './harness';

describe('tiller next', function () {
  this.timeout(SPAWN_TIMEOUT_MS);
  const box = useSandbox(demoSpec);

  it('gives the first todo leaf of a spec', () => {
    assert.deepEqual(box().json('next', '--spec', 'cli-demo'), {
      spec: 'cli-demo',
      specDir: '.kiro/specs/cli-demo',
      id: '1.2',
      title: 'Handle empty reports',
      status: 'todo',
      requirements: ['1.2'],
      line: 6,
    });
  });

  it('skips optional tasks unless asked, and gives null when nothing is left', () => {
    box().run('task', 'set-status', '--spec', 'cli-demo', '--task', '1.2', '--status', 'done');
    assert.equal(box().json('next', '--spec', 'cli-demo'), null);
    assert.equal(box().run('next', '--spec', 'cli-demo').stdout.trim(), "No task left in 'cli-demo'.");
    assert.deepEqual(box().json('next', '--spec', 'cli-demo', '--include-optional'), {
      spec: 'cli-demo',
      specDir: '.kiro/specs/cli-demo',
      id: '4',
      title: 'Property tests for the CSV writer',
      status: 'todo',
      requirements: ['1.1'],
      line: 11,
    });
  });

  it('agrees with the engine across all specs', async () => {
    const index = new SpecIndex(box().workspace);
    await index.load();
    const next = index.nextTask();
    assert.ok(next);
    const row = box().json('next') as { spec: string; id: string; line: number };
    assert.deepEqual([row.spec, row.id, row.line], [next.spec.name, next.task.id, next.task.span.line]);
  });

  it('prints the task with its place in tasks.md', () => {
    assert.equal(
      box().run('next', '--spec', 'cli-demo').stdout.trim(),
      'cli-demo 1.2 Handle empty reports  .kiro/specs/cli-demo/tasks.md:6',
    );
  });

  it('fails with exit 1 for an unknown spec', () => {
    const r = box().run('next', '--spec', 'nope');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unknown spec 'nope'/);
  });
});
