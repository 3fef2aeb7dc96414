import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import { flattenTasks, parseTasks, type Task } from '../../../src/core/specs';
import { fixture } from './helpers';

function load(spec: string) {
  const { path, text } = fixture(spec, 'tasks.md');
  return { text, path, ...parseTasks(text, path) };
}

const shape = (tasks: Task[]): unknown => tasks.map((t) => (t.children.length ? [t.id, shape(t.children)] : t.id));

describe('parseTasks', () => {
  it('reads nested Kiro tasks with status, refs, details and spans', () => {
    const { tasks, text, diagnostics } = load('user-auth');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(shape(tasks), [
      ['1', ['1.1', '1.2']],
      ['2', ['2.1', '2.2']],
      ['3', ['3.1', '3.2']],
      ['4', ['4.1', '4.2', '4.3']],
    ]);
    const t11 = tasks[0].children[0];
    assert.equal(t11.title, 'Create the `AuthService` skeleton and its tests');
    assert.equal(t11.status, 'done');
    assert.equal(t11.parent, '1');
    assert.deepEqual(t11.requirements, ['1.1']);
    assert.deepEqual(t11.details, ['- Wire the service into the API router', '- _Requirements: 1.1_']);
    assert.equal(t11.span.line, 4);
    assert.equal(text.slice(t11.marker.start, t11.marker.end), 'x');
    assert.equal(text.slice(t11.titleSpan.start, t11.titleSpan.end), t11.title);
    assert.ok(text.slice(t11.span.start, t11.span.end).endsWith('_Requirements: 1.1_'));
    assert.equal(tasks[3].children[1].optional, true);
    assert.deepEqual(tasks[0].details, [], 'sub-task lines are not details of the parent');
  });

  it('infers parents from numbering in flat cc-sdd files, at every depth', () => {
    const { tasks } = load('flat-ccsdd');
    assert.deepEqual(shape(tasks), [
      ['1', ['1.1', '1.2']],
      ['2', [['2.1', ['2.1.1']], '2.2']],
    ]);
    assert.equal(tasks[0].children[0].title, '(P) Produce the CSV');
    assert.equal(tasks[1].children[0].children[0].parent, '2.1');
  });

  it('treats headings as groups, not tasks, and credits requirement lines beside the list', () => {
    const { tasks } = load('headings-parents');
    assert.deepEqual(shape(tasks), ['1.1', '1.2', '2.1', '2.2', '3.1']);
    assert.deepEqual(
      tasks.map((t) => t.section),
      ['Task 1: Configuration', 'Task 1: Configuration', '2. Rendering', '2. Rendering', 'Phase 3'],
    );
    assert.deepEqual(tasks[0].requirements, ['1.1', '1.2']);
    assert.deepEqual(tasks[3].requirements, ['2.2']);
    assert.deepEqual(tasks[2].requirements, [], 'a section without a requirements line credits nothing');
    assert.ok(tasks.every((t) => t.parent === null));
  });

  it('keeps CRLF spans exact and reads a last line without a final newline', () => {
    const { tasks, text } = load('crlf-tasks');
    assert.deepEqual(shape(tasks), [['1', ['1.1', '1.2']], '2']);
    assert.equal(tasks[1].span.end, text.length);
    assert.deepEqual(tasks[1].details, ['- Detail line']);
    assert.equal(tasks[0].children[1].title, 'Open child');
    assert.ok(!text.slice(tasks[0].titleSpan.start, tasks[0].titleSpan.end).includes('\r'));
  });

  it('reads tab indentation and * and + bullets', () => {
    const { tasks } = load('tabs-bullets');
    assert.deepEqual(shape(tasks), [
      ['1', ['1.1', '1.2']],
      ['2', ['2.1']],
    ]);
    assert.deepEqual(tasks[0].children[1].details, ['- detail under a tab']);
  });

  it('derives stable ids for unnumbered tasks from their unnumbered siblings', () => {
    const { tasks } = load('unnumbered-tasks');
    assert.deepEqual(shape(tasks), ['t1', ['t2', ['t2.t1', '2.9', 't2.t2']], 't3']);
    assert.ok(tasks[1].derivedId && !tasks[1].children[1].derivedId);
    const inserted = parseTasks(
      load('unnumbered-tasks').text.replace('  - [ ] 2.9', '  - [ ] 2.8 New numbered\n  - [ ] 2.9'),
      '',
    ).tasks;
    assert.deepEqual(
      shape(inserted),
      ['t1', ['t2', ['t2.t1', '2.8', '2.9', 't2.t2']], 't3'],
      'adding a numbered task moves no derived id',
    );
  });

  it('ignores checkboxes in fences (also indented and unclosed) and HTML comments', () => {
    const { tasks } = load('fenced-checkboxes');
    assert.deepEqual(shape(tasks), [['1', ['1.1']], '2']);
    assert.equal(tasks[1].title, 'After a whitespace-only line');
  });

  it('reads every status marker', () => {
    const { tasks } = load('statuses');
    assert.deepEqual(
      tasks[0].children.map((t) => t.status),
      ['done', 'in-progress', 'queued', 'todo'],
    );
  });

  it('reports malformed markers with line and column and does not read them as tasks', () => {
    const { tasks, diagnostics, path } = load('lint-problems');
    assert.deepEqual(
      flattenTasks(tasks).map((t) => t.id),
      ['4', '4'],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.line, d.column, d.severity, d.file]),
      [
        ['task-malformed-marker', 3, 1, 'error', path],
        ['task-malformed-marker', 4, 1, 'error', path],
        ['task-malformed-marker', 5, 1, 'error', path],
      ],
    );
    assert.match(diagnostics[0].message, /"\[o\]" in "- \[o\] .*" is not a task marker/);
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '\n',
      '- [',
      '- [ ]',
      '- [ ]*',
      '```',
      '<!--',
      '- [x] 1.\n\t\t\t- [ ] 1.1',
      '\u0000- [ ] 1. nul',
      '- [ ] 1. a\r- [ ] 2. bare CR',
    ]) {
      const parsed = parseTasks(text, 'f');
      assert.ok(Array.isArray(parsed.tasks));
    }
    assert.equal(parseTasks('- [ ]', '').tasks[0].id, 't1');
  });
});
