// Formats real repositories write, each reproduced by a fixture of its own in
// test/fixtures/real-formats: read as the file means, and linted without a false alarm.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'mocha';
import {
  addressOf,
  countTasks,
  findTask,
  flattenTasks,
  loadSpec,
  nextLeafTask,
  parseTasks,
  renameTask,
  setTaskStatus,
  SpecIndex,
  type Spec,
} from '../../../src/core/specs';
import { repoRoot } from './helpers';

const workspace = resolve(repoRoot, 'test/fixtures/real-formats');
const specDir = (name: string) => resolve(workspace, '.kiro/specs', name);

function spec(name: string): Spec {
  const loaded = loadSpec(specDir(name));
  assert.ok(loaded, name);
  return loaded;
}

const byId = (s: Spec) => new Map(flattenTasks(s.tasks).map((t) => [t.id, t]));

describe('real formats', () => {
  it('reads Prettier-escaped optional markers as optional tasks, covering their criteria', () => {
    const s = spec('escaped-optional');
    const tasks = byId(s);
    assert.deepEqual(
      [...tasks.values()].map((t) => [t.id, t.status, t.optional, t.title]),
      [
        ['1', 'todo', false, 'Write the CSV exporter'],
        ['2', 'todo', true, 'Show export errors in a toast'],
        ['3', 'done', true, 'Document the export format'],
      ],
    );
    assert.deepEqual(s.diagnostics, []);
    const text = readFileSync(s.documents.tasks!, 'utf8');
    assert.match(setTaskStatus(text, '2', 'done').text, /- \[x\]\\\* 2\. Show export errors/);
  });

  it('keeps [X] through done → todo → done', () => {
    const s = spec('uppercase-done');
    assert.deepEqual(countTasks(s), { total: 4, done: 3, inProgress: 0, queued: 0, optional: 0 });
    const text = readFileSync(s.documents.tasks!, 'utf8');
    const reopened = setTaskStatus(text, '2', 'todo').text;
    assert.equal(setTaskStatus(reopened, '2', 'done').text, text);
    assert.match(setTaskStatus(text, '3', 'done').text, /- \[X\] 3\. Add the API/);
  });

  it('reads wrapped citations, ranges and "All requirements", and no number in prose', () => {
    const s = spec('wrapped-citations');
    const tasks = byId(s);
    assert.deepEqual(tasks.get('1')?.requirements, ['1.1', '1.2']);
    assert.deepEqual(tasks.get('2')?.requirements, ['1.3', '1.4']);
    assert.deepEqual(tasks.get('3')?.requirements, ['2.1', '2.2']);
    assert.deepEqual(tasks.get('4')?.requirements, ['all']);
    assert.deepEqual(tasks.get('5')?.requirements, ['3']);
    assert.deepEqual(s.diagnostics, []);
  });

  it('reads criteria written as numbered paragraphs', () => {
    const s = spec('paragraph-criteria');
    assert.deepEqual(
      s.requirements.map((r) => [r.id, r.criteria.map((c) => [c.id, c.line, c.ears])]),
      [
        [
          '1',
          [
            ['1.1', 11, 'ubiquitous'],
            ['1.2', 12, 'WHEN'],
            ['1.3', 14, 'ubiquitous'],
          ],
        ],
        ['2', [['2.1', 21, 'ubiquitous']]],
      ],
    );
    assert.equal(
      s.requirements[0].criteria[2].text,
      'THE framework SHALL expose the loaded plugins to the application through one registry',
    );
    assert.deepEqual(s.diagnostics, []);
  });

  it('keeps a duplicate task number a lint error, and every copy addressable by id@line', () => {
    const s = spec('duplicate-numbers');
    const [duplicate] = s.diagnostics;
    assert.deepEqual([duplicate.code, duplicate.line, s.diagnostics.length], ['task-duplicate-id', 5, 1]);
    assert.match(duplicate.message, /"Another task numbered 2 by mistake".*addressed as 2@5/);
    const second = findTask(s, '2@5');
    assert.equal(second?.title, 'Another task numbered 2 by mistake');
    assert.equal(findTask(s, '2')?.title, 'Second task');
    assert.equal(addressOf(s, second!), '2@5');
    assert.equal(addressOf(s, findTask(s, '2')!), '2');
    const text = readFileSync(s.documents.tasks!, 'utf8');
    const edited = setTaskStatus(text, '2@5', 'done').text;
    assert.match(edited, /- \[ \] 2\. Second task\n- \[x\] 2\. Another task/);
  });

  it('runs a parent whose sub-tasks are all optional, and never closes a parent by an optional one', () => {
    const s = spec('optional-children');
    assert.equal(nextLeafTask(s.tasks)?.id, '1');
    assert.equal(nextLeafTask(s.tasks, { includeOptional: true })?.id, '1.1');
    const text = readFileSync(s.documents.tasks!, 'utf8');
    let edited = setTaskStatus(text, '1.1', 'done').text;
    edited = setTaskStatus(edited, '1.2', 'done').text;
    assert.equal(findTask(parseTasks(edited, '').tasks, '1')?.status, 'todo');
    assert.equal(nextLeafTask(parseTasks(edited, '').tasks)?.id, '1');
    edited = setTaskStatus(edited, '2.2', 'done').text;
    assert.equal(findTask(parseTasks(edited, '').tasks, '2')?.status, 'todo');
    edited = setTaskStatus(edited, '2.1', 'done').text;
    assert.equal(findTask(parseTasks(edited, '').tasks, '2')?.status, 'done');
  });

  it('reads checkboxes in code and HTML blocks as text, and a doubled marker as a task', async () => {
    const s = spec('html-and-code');
    assert.deepEqual(
      flattenTasks(s.tasks).map((t) => [t.id, t.title]),
      [
        ['1', 'Parse the input'],
        ['2', 'A task written with a doubled list marker'],
        ['3', 'Print the output'],
      ],
    );
    const index = new SpecIndex(workspace);
    await index.load();
    assert.deepEqual(index.counts(index.get('html-and-code')!), countTasks(s));
  });

  it('reads a title written over two lines whole, and a citation line under it as a detail', () => {
    const s = spec('wrapped-titles');
    const [first, second] = s.tasks;
    assert.equal(
      first.title,
      'Move the **session store** to `redis` so that a long title wraps onto a second line, as [the guide](docs/guide.md) shows',
    );
    assert.deepEqual(
      [first.titleSpan.line, first.requirements, first.details],
      [3, ['1.1'], ['- _Requirements: 1.1_']],
    );
    assert.deepEqual([second.title, second.requirements], ['Expire idle sessions', ['1.2']]);
    const text = readFileSync(s.documents.tasks!, 'utf8');
    const renamed = renameTask(text, '1', 'Move the session store').text;
    assert.match(renamed, /^- \[ \] 1\. Move the session store\n {2}- _Requirements: 1\.1_$/m);
  });

  it('raises no error and no warning on any fixture except the duplicate number', () => {
    for (const name of ['escaped-optional', 'uppercase-done', 'wrapped-citations', 'paragraph-criteria']) {
      assert.deepEqual(spec(name).diagnostics, [], name);
    }
    for (const name of ['optional-children', 'html-and-code']) assert.deepEqual(spec(name).diagnostics, [], name);
  });
});
