import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TASKS, demoSpec } from './demoSpec';
import { SPAWN_TIMEOUT_MS, useSandbox } from './harness';

describe('tiller task set-status', function () {
  this.timeout(SPAWN_TIMEOUT_MS);
  const box = useSandbox(demoSpec);
  const tasksFile = () => readFileSync(join(box().workspace, '.kiro/specs/cli-demo/tasks.md'), 'utf8');

  it('changes only the marker, and marks the parent done when its last sub-task is', () => {
    const out = box().json('task', 'set-status', '--spec', 'cli-demo', '--task', '1.2', '--status', 'done');
    assert.deepEqual(out, {
      spec: 'cli-demo',
      task: '1.2',
      status: 'done',
      changed: [
        { id: '1', status: 'done' },
        { id: '1.2', status: 'done' },
      ],
    });
    assert.equal(
      tasksFile(),
      DEMO_TASKS.replace('- [ ] 1. Export', '- [x] 1. Export').replace('- [ ] 1.2', '- [x] 1.2'),
    );
  });

  it('sets every status marker', () => {
    for (const [status, mark] of [
      ['in-progress', '-'],
      ['queued', '~'],
      ['todo', ' '],
      ['done', 'x'],
    ] as const) {
      const r = box().run('task', 'set-status', '--spec', 'cli-demo', '--task', '3', '--status', status);
      assert.equal(r.code, 0, r.stderr);
      assert.match(tasksFile(), new RegExp(`^- \\[${mark === ' ' ? ' ' : `\\${mark}`}\\] 3\\. Polish`, 'm'));
    }
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = '- [ ] 1. One\r\n- [ ] 2. Two';
    box().write({ '.kiro/specs/crlf-demo/tasks.md': crlf });
    const r = box().run('task', 'set-status', '--spec', 'crlf-demo', '--task', '2', '--status', 'in-progress');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'crlf-demo 2: in-progress');
    assert.equal(
      readFileSync(join(box().workspace, '.kiro/specs/crlf-demo/tasks.md'), 'utf8'),
      '- [ ] 1. One\r\n- [-] 2. Two',
    );
  });

  it('reports a no-op', () => {
    const r = box().run('task', 'set-status', '--spec', 'cli-demo', '--task', '1.1', '--status', 'done');
    assert.equal(r.stdout.trim(), 'cli-demo 1.1 is already done.');
    assert.equal(tasksFile(), DEMO_TASKS);
  });

  it('fails with exit 1 for an unknown spec or task, leaving the file alone', () => {
    const unknownTask = box().run('task', 'set-status', '--spec', 'cli-demo', '--task', '9.9', '--status', 'done');
    assert.equal(unknownTask.code, 1);
    assert.match(unknownTask.stderr, /spec 'cli-demo' has no task '9\.9'/);
    const unknownSpec = box().run('task', 'set-status', '--spec', 'nope', '--task', '1', '--status', 'done');
    assert.equal(unknownSpec.code, 1);
    assert.match(unknownSpec.stderr, /unknown spec 'nope'/);
    assert.equal(tasksFile(), DEMO_TASKS);
  });

  it('rejects bad arguments with usage and exit 2', () => {
    for (const args of [
      ['task', 'set-status', '--spec', 'cli-demo', '--task', '1.2', '--status', 'finished'],
      ['task', 'set-status', '--spec', 'cli-demo', '--status', 'done'],
      ['task', 'frob', '--spec', 'cli-demo', '--task', '1.2', '--status', 'done'],
      ['task', '--spec', 'cli-demo', '--task', '1.2', '--status', 'done'],
    ]) {
      const r = box().run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: tiller task set-status/);
    }
    assert.equal(tasksFile(), DEMO_TASKS);
  });
});
