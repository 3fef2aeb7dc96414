import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import {
  addTask,
  applyEdits,
  contentHash,
  deleteTask,
  editFileAtomically,
  moveTask,
  renameTask,
  setTaskStatus,
  TaskEditError,
  type EditResult,
} from '../../../src/core/specs';
import { fixture } from './helpers';

/** The edit result must match its own edits, and everything outside the edits must be untouched. */
function check(before: string, result: EditResult): string {
  assert.equal(applyEdits(before, result.edits), result.text);
  let cursor = 0;
  for (const edit of result.edits) {
    assert.ok(edit.offset >= cursor, 'edits are sorted and do not overlap');
    cursor = edit.offset + edit.length;
  }
  return result.text;
}

const NESTED = '# Tasks\n\n- [ ] 1. One\n  - [ ] 1.1 a\n  - [ ] 1.2 b\n    - _Requirements: 1.1_\n- [ ] 2. Two\n';

describe('setTaskStatus', () => {
  it('changes exactly the marker character', () => {
    const { text } = fixture('user-auth', 'tasks.md');
    const result = setTaskStatus(text, '2.2', 'in-progress');
    assert.equal(result.edits.length, 1);
    assert.equal(check(text, result), text.replace('- [ ] 2.2 Lock', '- [-] 2.2 Lock'));
    assert.equal(setTaskStatus(text, '1.1', 'done').edits.length, 0, 'no edit when nothing changes');
    assert.equal(setTaskStatus('- [X] 1. a\n', '1', 'done').edits.length, 0, '[X] is already done');
  });

  it('marks the parent done when its last non-optional sub-task is done, up the tree', () => {
    const text =
      '- [ ] 1. Top\n  - [ ] 1.1 Mid\n    - [x] 1.1.1 a\n    - [ ] 1.1.2 b\n    - [ ]* 1.1.3 optional\n  - [x] 1.2 c\n- [ ] 2. Other\n';
    const result = setTaskStatus(text, '1.1.2', 'done');
    assert.equal(
      check(text, result),
      '- [x] 1. Top\n  - [x] 1.1 Mid\n    - [x] 1.1.1 a\n    - [x] 1.1.2 b\n    - [ ]* 1.1.3 optional\n  - [x] 1.2 c\n- [ ] 2. Other\n',
    );
    const partial = setTaskStatus(text, '1.1.1', 'todo');
    assert.equal(partial.edits.length, 1);
    const notLast = setTaskStatus('- [ ] 1. P\n  - [ ] 1.1 a\n  - [ ] 1.2 b\n', '1.1', 'done');
    assert.equal(notLast.text, '- [ ] 1. P\n  - [x] 1.1 a\n  - [ ] 1.2 b\n');
  });

  it('completes flat cc-sdd parents too', () => {
    const text = '- [ ] 1. Parent\n- [x] 1.1 a\n- [ ] 1.2 b\n- [ ] 2. Next';
    assert.equal(setTaskStatus(text, '1.2', 'done').text, '- [x] 1. Parent\n- [x] 1.1 a\n- [x] 1.2 b\n- [ ] 2. Next');
  });

  it('keeps CRLF and a missing final newline byte-exact', () => {
    const { text } = fixture('crlf-tasks', 'tasks.md');
    const result = setTaskStatus(text, '1.2', 'done');
    assert.equal(
      check(text, result),
      text.replace('- [ ] 1. First', '- [x] 1. First').replace('- [ ] 1.2', '- [x] 1.2'),
    );
    assert.ok(!result.text.endsWith('\n'));
    assert.equal(result.text.split('\r\n').length, text.split('\r\n').length);
  });

  it('throws a readable error for an unknown id or a stale text', () => {
    assert.throws(
      () => setTaskStatus(NESTED, '9.9', 'done'),
      (e: unknown) => e instanceof TaskEditError && /no task 9\.9/.test(e.message),
    );
    assert.throws(() => setTaskStatus(NESTED, '1.1', 'done', { expectedHash: contentHash('other') }), TaskEditError);
    assert.equal(setTaskStatus(NESTED, '1.1', 'done', { expectedHash: contentHash(NESTED) }).edits.length, 1);
  });
});

describe('renameTask', () => {
  it('replaces only the title after the number', () => {
    const { text } = fixture('crlf-tasks', 'tasks.md');
    const result = renameTask(text, '1.1', 'Renamed\nchild');
    assert.equal(check(text, result), text.replace('1.1 Done child', '1.1 Renamed child'));
    assert.equal(renameTask('- [ ] 3.', '3', 'Title').text, '- [ ] 3. Title');
    assert.equal(renameTask('- [ ] Unnumbered\n', 't1', 'New').text, '- [ ] New\n');
    assert.throws(() => renameTask(NESTED, '1', '  '), TaskEditError);
  });
});

describe('addTask', () => {
  it('adds a sibling after a task, after its sub-tasks, with the next number', () => {
    const result = addTask(NESTED, 'New', { after: '1' });
    assert.equal(check(NESTED, result), NESTED.replace('- [ ] 2. Two', '- [ ] 2. New\n- [ ] 3. Two'));
    assert.equal(result.taskId, '2');
  });

  it('adds a sub-task at the file indentation, with requirement refs', () => {
    const result = addTask(NESTED, 'Child', { into: '1' }, { requirements: ['1.2'], optional: true });
    assert.equal(
      result.text,
      NESTED.replace('- [ ] 2. Two', '  - [ ]* 1.3 Child\n    - _Requirements: 1.2_\n- [ ] 2. Two'),
    );
    assert.equal(result.taskId, '1.3');
    const first = addTask(NESTED, 'First child', { into: '2' });
    assert.equal(first.text, NESTED.replace(/\n$/, '\n  - [ ] 2.1 First child\n'));
  });

  it('follows blank-line spacing, CRLF, tabs, flat style and no final newline', () => {
    const auth = fixture('user-auth', 'tasks.md').text;
    assert.equal(addTask(auth, 'Audit log', { after: '4' }).text, auth.replace(/\n$/, '') + '\n\n- [ ] 5. Audit log\n');
    const crlf = fixture('crlf-tasks', 'tasks.md').text;
    const added = addTask(crlf, 'Third', { after: '2' });
    assert.equal(added.text, crlf + '\r\n- [ ] 3. Third');
    const tabs = fixture('tabs-bullets', 'tasks.md').text;
    assert.equal(
      addTask(tabs, 'Tab child', { into: '2' }).text,
      tabs.replace('\t+ [ ] 2.1 Plus child\n', '\t+ [ ] 2.1 Plus child\n\t+ [ ] 2.2 Tab child\n'),
    );
    const flat = '- [ ] 1. P\n- [ ] 2. Q\n';
    assert.equal(
      addTask(flat, 'Sub', { into: '1' }).text,
      '- [ ] 1. P\n- [ ] 1.1 Sub\n- [ ] 2. Q\n'.replace('- [ ] 1.1 Sub', '  - [ ] 1.1 Sub'),
      'no nesting seen: default two-space nesting',
    );
    const ccsdd = fixture('flat-ccsdd', 'tasks.md').text;
    assert.ok(
      addTask(ccsdd, 'Retry twice', { into: '2' }).text.endsWith('  - _Requirements: 2.2_\n- [ ] 2.3 Retry twice\n'),
    );
  });

  it('shifts later numbers when the new number is taken', () => {
    const result = addTask(NESTED, 'Between', { after: '1.1' });
    assert.equal(check(NESTED, result), NESTED.replace('  - [ ] 1.2 b', '  - [ ] 1.2 Between\n  - [ ] 1.3 b'));
    const flat = '- [ ] 1. A\n- [ ] 2. B\n- [ ] 2.1 B1\n';
    assert.equal(addTask(flat, 'New', { after: '1' }).text, '- [ ] 1. A\n- [ ] 2. New\n- [ ] 3. B\n- [ ] 3.1 B1\n');
  });

  it('adds to the end, or as the first task of an empty file', () => {
    assert.equal(addTask('# Tasks\n', 'First', { atEnd: true }).text, '# Tasks\n\n- [ ] 1. First\n');
    assert.equal(addTask('', 'First', { atEnd: true }).text, '- [ ] 1. First');
    assert.equal(addTask('- [ ] Unnumbered', 'Next', { atEnd: true }).taskId, 't2');
  });
});

describe('deleteTask', () => {
  it('removes the task with its sub-tasks and nothing else', () => {
    assert.equal(check(NESTED, deleteTask(NESTED, '1')), '# Tasks\n\n- [ ] 2. Two\n');
    assert.equal(deleteTask(NESTED, '1.1').text, NESTED.replace('  - [ ] 1.1 a\n', ''));
    const auth = fixture('user-auth', 'tasks.md').text;
    assert.equal(deleteTask(auth, '2').text, auth.replace(/- \[ \] 2\. Implement sign-in[\s\S]*?\n\n/, ''));
  });

  it('deletes flat sub-tasks with their parent and keeps a missing final newline', () => {
    assert.equal(deleteTask('- [ ] 1. P\n- [ ] 1.1 a\n- [ ] 2. Q', '1').text, '- [ ] 2. Q');
    assert.equal(deleteTask('- [ ] 1. P\r\n- [ ] 2. Q', '2').text, '- [ ] 1. P');
  });
});

describe('moveTask', () => {
  it('moves before and after siblings, keeping numbers', () => {
    const text = '- [ ] 1. A\n  - [ ] 1.1 a\n- [ ] 2. B\n- [ ] 3. C\n';
    assert.equal(
      check(text, moveTask(text, '3', { before: '1' })),
      '- [ ] 3. C\n- [ ] 1. A\n  - [ ] 1.1 a\n- [ ] 2. B\n',
    );
    assert.equal(
      check(text, moveTask(text, '1', { after: '2' })),
      '- [ ] 2. B\n- [ ] 1. A\n  - [ ] 1.1 a\n- [ ] 3. C\n',
    );
    assert.equal(moveTask(text, '1', { after: '3' }).text, '- [ ] 2. B\n- [ ] 3. C\n- [ ] 1. A\n  - [ ] 1.1 a\n');
  });

  it('moves into a parent, re-indenting and renumbering the subtree', () => {
    const text = '- [ ] 1. A\n  - [ ] 1.1 a\n- [ ] 2. B\n  - [ ] 2.1 b\n    - _Requirements: 1.1_\n';
    const result = moveTask(text, '2', { into: '1' });
    assert.equal(
      check(text, result),
      '- [ ] 1. A\n  - [ ] 1.1 a\n  - [ ] 1.2 B\n    - [ ] 1.2.1 b\n      - _Requirements: 1.1_\n',
    );
    assert.equal(result.taskId, '1.2');
    assert.equal(
      moveTask(text, '2.1', { before: '1' }).text,
      '- [ ] 3. b\n  - _Requirements: 1.1_\n- [ ] 1. A\n  - [ ] 1.1 a\n- [ ] 2. B\n',
    );
  });

  it('moves a last sub-task out after its own parent', () => {
    const text = '- [ ] 1. A\n  - [ ] 1.1 a\n  - [ ] 1.2 b\n- [ ] 2. B\n';
    const result = moveTask(text, '1.2', { after: '1' });
    assert.equal(check(text, result), '- [ ] 1. A\n  - [ ] 1.1 a\n- [ ] 3. b\n- [ ] 2. B\n');
    assert.equal(result.edits.length, 1);
  });

  it('keeps blank-line spacing and CRLF', () => {
    const text = '- [ ] 1. A\r\n\r\n- [ ] 2. B\r\n\r\n- [ ] 3. C';
    assert.equal(moveTask(text, '3', { before: '1' }).text, '- [ ] 3. C\r\n\r\n- [ ] 1. A\r\n\r\n- [ ] 2. B');
  });

  it('refuses to move a task into itself and ignores a move to where it already is', () => {
    assert.throws(() => moveTask(NESTED, '1', { into: '1.1' }), TaskEditError);
    assert.equal(moveTask(NESTED, '1.2', { into: '1' }).edits.length, 0);
  });
});

describe('editFileAtomically', () => {
  it('applies edits to the current file and keeps its mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiller-specs-'));
    const file = join(dir, 'tasks.md');
    writeFileSync(file, NESTED);
    chmodSync(file, 0o640);
    const result = await editFileAtomically(file, (text) => setTaskStatus(text, '2', 'done'));
    assert.equal(readFileSync(file, 'utf8'), NESTED.replace('- [ ] 2. Two', '- [x] 2. Two'));
    assert.equal(result.edits.length, 1);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    await editFileAtomically(file, (text) => renameTask(text, '2', 'Renamed').edits);
    assert.match(readFileSync(file, 'utf8'), /- \[x\] 2\. Renamed\n$/);
    assert.deepEqual(readdirSync(dir), ['tasks.md'], 'no temp file left behind');
  });
});
