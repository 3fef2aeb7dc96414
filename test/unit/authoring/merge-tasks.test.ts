// Update tasks: the revised plan merged into tasks.md without losing a status or a hand edit.
import assert from 'node:assert/strict';
import { parseTasks, flattenTasks } from '../../../src/core/specs';
import { KEPT_HEADING, mergeTasks } from '../../../src/core/specs/workflow';

const statuses = (text: string) =>
  Object.fromEntries(flattenTasks(parseTasks(text, '').tasks).map((t) => [t.id, `${t.status}:${t.title}`]));

const CURRENT = `# Implementation Plan

- [x] 1. Set up the CSV module
  - Create src/csv/index.ts
  - NOTE(ada):   keep the BOM   for Excel\t
  - _Requirements: 1.1_
- [-] 2. Write rows
  - [x] 2.1 Quote fields
    - _Requirements: 1.2_
    - done with a regex, see PR #12
  - [ ] 2.2 Stream large reports
    - _Requirements: 1.3_
- [ ] 3. Add a progress bar
  - _Requirements: 2.1_
`;

const PROPOSED = `# Implementation Plan

- [ ] 1. Set up the CSV module
  - Create src/csv/index.ts and src/csv/types.ts
  - _Requirements: 1.1, 1.4_
- [ ] 2. Write rows
  - [ ] 2.1 Quote fields
    - _Requirements: 1.2_
  - [ ] 2.2 Stream large reports in chunks
    - _Requirements: 1.3_
  - [ ] 2.3 Write the header row
    - _Requirements: 1.5_
- [ ] 3. Document the export
  - _Requirements: 3.1_
`;

describe('update tasks: merge', () => {
  it('keeps status markers and user-added detail lines byte-for-byte; the plan gives titles and citations', () => {
    const merged = mergeTasks(CURRENT, PROPOSED);
    assert.equal(
      merged.text,
      `# Implementation Plan

- [x] 1. Set up the CSV module
  - Create src/csv/index.ts and src/csv/types.ts
  - _Requirements: 1.1, 1.4_
  - Create src/csv/index.ts
  - NOTE(ada):   keep the BOM   for Excel\t
- [-] 2. Write rows
  - [x] 2.1 Quote fields
    - _Requirements: 1.2_
    - done with a regex, see PR #12
  - [ ] 2.2 Stream large reports in chunks
    - _Requirements: 1.3_
  - [ ] 2.3 Write the header row
    - _Requirements: 1.5_
- [ ] 3. Document the export
  - _Requirements: 3.1_
`,
    );
    assert.deepEqual(
      merged.kept.map((k) => [k.was, k.id, k.status]),
      [
        ['1', '1', 'done'],
        ['2', '2', 'in-progress'],
        ['2.1', '2.1', 'done'],
        ['2.2', '2.2', 'todo'],
        ['3', '3', 'todo'],
      ],
    );
    assert.deepEqual(merged.added, [{ id: '2.3', title: 'Write the header row' }]);
    // "3. Add a progress bar" became "3. Document the export": same id, so it survives as 3.
    assert.deepEqual(merged.removed, []);
  });

  it('a task matched by id takes the revised title and keeps its status', () => {
    const merged = mergeTasks('- [x] 1. Old name\n  - my note\n', '- [ ] 1. New name\n  - _Requirements: 1.1_\n');
    assert.equal(merged.text, '- [x] 1. New name\n  - _Requirements: 1.1_\n  - my note\n');
  });

  it('a task matched by title survives renumbering', () => {
    const merged = mergeTasks(
      '- [x] 1. Parse input\n- [-] 2. Render output\n  - uses the old renderer\n',
      '- [ ] 1. Validate input\n- [ ] 2. Parse input\n- [ ] 3. Render output\n',
    );
    assert.deepEqual(statuses(merged.text), {
      '1': 'todo:Validate input',
      '2': 'done:Parse input',
      '3': 'in-progress:Render output',
    });
    assert.match(merged.text, /- \[-\] 3\. Render output\n {2}- uses the old renderer\n/);
    assert.deepEqual(
      merged.kept.map((k) => `${k.was}->${k.id}`),
      ['1->2', '2->3'],
    );
  });

  it('removed tasks are listed; kept at the end unless confirmed, dropped when confirmed', () => {
    const current = '- [x] 1. Keep me\n- [x] 2. Spike the parser\n  - learned: remark is fine\n- [ ] 3. Gone\n';
    const proposed = '- [ ] 1. Keep me\n';
    const kept = mergeTasks(current, proposed);
    assert.deepEqual(
      kept.removed.map((r) => [r.id, r.status, r.dropped]),
      [
        ['2', 'done', false],
        ['3', 'todo', false],
      ],
    );
    assert.equal(
      kept.text,
      `- [x] 1. Keep me\n\n## ${KEPT_HEADING}\n\n- [x] 2. Spike the parser\n  - learned: remark is fine\n- [ ] 3. Gone\n`,
    );
    const dropped = mergeTasks(current, proposed, new Set(['3']));
    assert.equal(dropped.removed.find((r) => r.id === '3')?.dropped, true);
    assert.doesNotMatch(dropped.text, /Gone/);
    assert.match(dropped.text, /- \[x\] 2\. Spike the parser/);
    assert.equal(mergeTasks(current, proposed, new Set(['2', '3'])).text, '- [x] 1. Keep me\n');
  });

  it('keeps CRLF line endings when the file has them, the plan written with LF', () => {
    const current = '# Plan\r\n\r\n- [x] 1. A\r\n  - hand note\r\n- [ ] 2. B\r\n';
    const merged = mergeTasks(current, '# Plan\n\n- [ ] 1. A\n  - _Requirements: 1.1_\n- [ ] 2. B\n');
    assert.equal(merged.text, '# Plan\r\n\r\n- [x] 1. A\r\n  - _Requirements: 1.1_\r\n  - hand note\r\n- [ ] 2. B\r\n');
  });

  it('merging a plan with itself changes nothing', () => {
    assert.equal(mergeTasks(CURRENT, CURRENT).text, CURRENT);
    const flat = '- [x] 1. Parent\n- [-] 1.1 Child\n  - note\n- [ ] 1.2 Other\n';
    assert.equal(mergeTasks(flat, flat).text, flat);
  });

  it('keeps a parent own lines before its sub-tasks, and the sub-tasks own lines under each', () => {
    const current = '- [-] 1. Parent\n  - parent note\n  - [x] 1.1 Child\n    - child note\n';
    const proposed = '- [ ] 1. Parent\n  - [ ] 1.1 Child\n  - [ ] 1.2 Sibling\n';
    assert.equal(
      mergeTasks(current, proposed).text,
      '- [-] 1. Parent\n  - parent note\n  - [x] 1.1 Child\n    - child note\n  - [ ] 1.2 Sibling\n',
    );
  });

  it('a plan without a final newline still gets the kept lines on their own lines', () => {
    assert.equal(mergeTasks('- [x] 1. A\n  - mine\n', '- [ ] 1. A').text, '- [x] 1. A\n  - mine');
  });
});
