import assert from 'node:assert/strict';
import { lintSpec, parseTasks } from '../../../src/core/specs';
import { dependencyDiagnostics, dependsRefs, isParallelMarked } from '../../../src/core/specs/depends';
import { planWaves } from '../../../src/core/waves';

const plan = (text: string) => planWaves(parseTasks(text, 'tasks.md').tasks);
const diagnostics = (text: string) =>
  dependencyDiagnostics({ documents: { tasks: 'tasks.md' }, tasks: parseTasks(text, 'tasks.md').tasks });

describe('wave plan', () => {
  it('an unmarked spec runs in document order, one task per wave, parents by their sub-tasks', () => {
    const p = plan('- [ ] 1. A\n- [ ] 2. B\n  - [ ] 2.1 B1\n  - [ ] 2.2 B2\n- [ ] 3. C\n');
    assert.deepEqual(p.waves, [['1'], ['2.1'], ['2.2'], ['3']]);
    assert.deepEqual(p.blocked, []);
  });

  it('done tasks are satisfied and leave the plan; optional tasks take no part', () => {
    const p = plan('- [x] 1. A\n- [ ]* 2. Optional\n- [ ] 3. C\n- [ ] 4. D\n');
    assert.deepEqual(p.waves, [['3'], ['4']]);
  });

  it('a task ticked out of turn does not let the next one start beside the one before it', () => {
    const p = plan('- [ ] 1. A\n- [x] 2. B\n- [ ] 3. C\n- [x] 4. D\n- [x] 5. E\n- [ ] 6. F\n');
    assert.deepEqual(p.waves, [['1'], ['3'], ['6']]);
    const named = plan('- [ ] 1. A\n- [x] 2. B\n  - _Depends: 1_\n- [ ] 3. C\n  - _Depends: 2_\n');
    assert.deepEqual(named.waves, [['1', '3']], 'a _Depends:_ on a done task is met');
  });

  it('consecutive (P) / [P] tasks share a wave; the next unmarked task waits for the whole group', () => {
    const p = plan(
      '- [ ] 1. Setup\n- [ ] 2. Parts\n  - [ ] 2.1 (P) Left\n  - [ ] 2.2 [P] Right\n  - [ ] 2.3 (P) Middle\n- [ ] 3. Join\n',
    );
    assert.deepEqual(p.waves, [['1'], ['2.1', '2.2', '2.3'], ['3']]);
  });

  it('_Depends:_ names the prerequisites exactly; a parent stands for its sub-tasks', () => {
    const text = [
      '- [ ] 1. Schema',
      '- [ ] 2. API',
      '  - _Depends: 1_',
      '- [ ] 3. Client',
      '  _Depends: 1_',
      '- [ ] 4. Docs',
      '  - [ ] 4.1 Guide',
      '  - [ ] 4.2 Reference',
      '- [ ] 5. Release',
      '  - _Depends: 2, 4_',
      '',
    ].join('\n');
    const p = plan(text);
    // 4.1 follows 3 in document order; 5 waits on 2 and both sub-tasks of 4.
    assert.deepEqual(p.waves, [['1'], ['2', '3'], ['4.1'], ['4.2'], ['5']]);
    assert.deepEqual(dependsRefs(parseTasks(text, '').tasks[4]), ['2', '4']);
  });

  it('reads the marker after the number, also after a Spec Kit id, and nowhere else', () => {
    const [a, b, c] = parseTasks('- [ ] 1. (P) A\n- [ ] T002 [P] B\n- [ ] 3. Uses (P) later\n', '').tasks;
    assert.equal(isParallelMarked(a), true);
    assert.equal(isParallelMarked(b), true);
    assert.equal(isParallelMarked(c), false);
  });

  it('a task waiting on one in progress, or on an optional task not done, is blocked with the reason', () => {
    const p = plan('- [-] 1. Running\n- [ ] 2. Next\n- [ ]* 3. Maybe\n- [ ] 4. Last\n  - _Depends: 3_\n');
    assert.deepEqual(p.waves, []);
    assert.deepEqual(
      p.blocked.map((b) => [b.id, b.reason]),
      [
        ['2', 'waits on 1, which is in-progress'],
        ['4', 'waits on 3, an optional task that is not done'],
      ],
    );
  });

  it('cycles and unknown references block their tasks and are lint errors at the task line', () => {
    const text = '- [ ] 1. A\n  - _Depends: 2_\n- [ ] 2. B\n- [ ] 3. C\n  - _Depends: 9_\n- [ ] 4. D\n';
    const p = plan(text);
    assert.deepEqual(p.waves, []);
    assert.deepEqual(
      p.blocked.map((b) => b.id),
      ['1', '2', '3', '4'],
    );
    const found = diagnostics(text).map((d) => [d.code, d.line, d.message]);
    assert.deepEqual(found, [
      ['task-unknown-dependency', 4, 'Task 3 depends on task 9, which tasks.md does not have.'],
      [
        'task-dependency-cycle',
        1,
        'Tasks wait on each other in a circle: 1 → 2 → 1 (2 waits on the task before it in document order); none of them can start. Change a _Depends:_ line or the order.',
      ],
    ]);
  });

  it('lintSpec reports dependency errors with the other task checks', () => {
    const tasks = parseTasks('- [ ] 1. A\n  - _Depends: 1_\n', 'tasks.md').tasks;
    const found = lintSpec({ type: 'feature', documents: { tasks: 'tasks.md' }, requirements: [], tasks });
    assert.deepEqual(
      found.map((d) => d.code),
      ['task-dependency-cycle'],
    );
  });

  it('a spec with neither form has no dependency diagnostics', () => {
    assert.deepEqual(diagnostics('- [ ] 1. A\n- [ ] 2. B\n  - [ ] 2.1 C\n'), []);
  });
});
