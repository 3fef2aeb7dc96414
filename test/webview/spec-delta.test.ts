// The extension's diff and the webview's apply agree: applying diff(a, b) to a gives b.
import assert from 'node:assert/strict';
import { diffSpec } from '../../src/extension/webview/spec-delta';
import { applySpecDelta } from '../../webview-ui/src/spec/apply-delta';
import { fixtureSpec } from './harness';
import { largeSpec } from './large-spec';
import { withTasksText } from './fake-host/task-edits';

describe('spec deltas', () => {
  const base = fixtureSpec('user-auth');
  const edits: Array<[string, (text: string) => string]> = [
    ['a status', (t) => t.replace('- [ ] 3.2', '- [x] 3.2')],
    ['a title', (t) => t.replace('Expire idle sessions', 'Expire sessions')],
    ['a removed task', (t) => t.replace(/ {2}- \[ \] 3\.2 Expire idle sessions\n {4}- _Requirements: 2\.2_\n/, '')],
    ['a new task', (t) => t.replace('- [ ] 4. Password reset', '- [ ] 5. Audit log\n\n- [ ] 4. Password reset')],
    [
      'an order change',
      (t) => t.replace(/(- \[ \] 2\. Implement sign-in[\s\S]*?)(- \[ \] 3\. Sessions[\s\S]*?)(- \[ \] 4\.)/, '$2$1$3'),
    ],
  ];
  for (const [name, edit] of edits) {
    it(`round-trips ${name}`, () => {
      const before = base.snapshot;
      const after = withTasksText(before, edit(base.tasksText));
      const delta = diffSpec(before, after);
      assert.ok(delta, 'something changed');
      assert.deepEqual(applySpecDelta(before, delta), after);
    });
  }

  it('carries the sub-project folder when a name collides, and its removal when it no longer does', () => {
    const named = { ...base.snapshot, project: 'api' };
    // Through JSON, as postMessage carries it: a removal must survive as null.
    const appear = JSON.parse(JSON.stringify(diffSpec(base.snapshot, named)));
    assert.deepEqual(appear, { project: 'api' });
    assert.equal(applySpecDelta(base.snapshot, appear)?.project, 'api');
    const gone = JSON.parse(JSON.stringify(diffSpec(named, base.snapshot)));
    assert.deepEqual(gone, { project: null });
    assert.equal(applySpecDelta(named, gone)?.project ?? undefined, undefined);
  });

  it('sends nothing when nothing changed, and `gone` when the spec is deleted', () => {
    assert.equal(diffSpec(base.snapshot, structuredClone(base.snapshot)), null);
    assert.deepEqual(diffSpec(base.snapshot, null), { gone: true });
    assert.equal(applySpecDelta(base.snapshot, { gone: true }), null);
  });

  it('builds the spec from a delta when it appears after the subscription', () => {
    const delta = diffSpec(null, base.snapshot);
    assert.ok(delta);
    assert.deepEqual(applySpecDelta(null, delta), base.snapshot);
  });

  it('a status change in 2,000 tasks carries only the rows that changed', () => {
    const large = largeSpec(2000);
    const after = withTasksText(large.snapshot, large.tasksText.replace('- [ ] 250.1 ', '- [x] 250.1 '));
    const delta = diffSpec(large.snapshot, after);
    assert.deepEqual(
      delta?.tasks?.upsert.map((r) => r.id),
      ['250.1'],
    );
    assert.equal(delta?.tasks?.order, undefined);
  });
});
