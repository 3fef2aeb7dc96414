// `--spec` takes a spec folder as well as a name; a name that two folders carry exits 2 and lists
// the folders, so a script never acts on the wrong one of two same-named specs.
import assert from 'node:assert/strict';
import { Sandbox } from './harness';

const TASKS = '# Tasks\n\n- [ ] 1. Do the thing\n';

describe('tiller --spec: folder or unambiguous name', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = new Sandbox('empty');
    box.write({ 'a/.kiro/specs/auth/tasks.md': TASKS, 'b/.kiro/specs/auth/tasks.md': TASKS });
  });
  afterEach(() => box.dispose());

  it('a name two specs carry exits 2 and lists both folders', () => {
    for (const args of [
      ['tasks', '--spec', 'auth'],
      ['next', '--spec', 'auth'],
      ['task', 'set-status', '--spec', 'auth', '--task', '1', '--status', 'done'],
    ]) {
      const r = box.run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /matches 2 specs/);
      assert.match(r.stderr, /a\/\.kiro\/specs\/auth, b\/\.kiro\/specs\/auth/);
    }
  });

  it('a spec folder picks that spec', () => {
    const r = box.run('task', 'set-status', '--spec', 'b/.kiro/specs/auth', '--task', '1', '--status', 'done');
    assert.equal(r.code, 0, r.stderr);
    const next = box.json('next', '--spec', 'a/.kiro/specs/auth') as { specDir: string; id: string };
    assert.deepEqual([next.specDir, next.id], ['a/.kiro/specs/auth', '1']);
    assert.equal(box.json('next', '--spec', 'b/.kiro/specs/auth'), null);
  });
});
