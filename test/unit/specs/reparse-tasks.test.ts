// The incremental re-parse of tasks.md must give exactly what a full parse of the new text gives,
// for every fixture and every kind of edit (the ones that reach past their stretch included),
// and must reuse the previous parse where the edit allows it.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'mocha';
import { parseTasks, SpecIndex, type ParsedTasks } from '../../../src/core/specs';
import { parseCacheSize } from '../../../src/core/specs/parse-cache';
import { reparseTasks } from '../../../src/core/specs/reparse-tasks';
import { repoRoot } from './helpers';

function tasksFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tasksFiles(path, out);
    else if (entry.name === 'tasks.md') out.push(path);
  }
  return out;
}

function generated(parents: number): string {
  let out = '# Implementation Plan\n\n';
  for (let p = 1; p <= parents; p++) {
    out += `- [${p % 3 ? ' ' : 'x'}] ${p}. Parent task ${p}\n`;
    for (let s = 1; s <= 2; s++)
      out += `  - [ ] ${p}.${s} Sub-task ${s} doing \`code\`\n    - Detail\n    - _Requirements: ${p}.${s}_\n`;
    out += '\n';
  }
  return out;
}

/** Deterministic positions, so a failure names an edit that can be replayed. */
function* positions(length: number, count: number): Generator<number> {
  let seed = 7;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    yield seed % (length + 1);
  }
}

const INSERTS = [
  'x',
  '\n',
  '\n\n',
  '```\n',
  '## Heading\n',
  '  ',
  '- [ ] 9.1 flat child\n',
  '- [ ] unnumbered\n',
  '<!--\n',
  '<details>\n',
  '- [x] 42. New top task\n  - _Requirements: 1.1_\n\n',
  '_Requirements: 2.1_\n',
  '- [?] odd\n',
];

function same(actual: ParsedTasks, expected: ParsedTasks, what: string): void {
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), what);
}

describe('incremental tasks.md re-parse', () => {
  it('equals a full parse after every kind of insert and delete, on every fixture', function () {
    this.timeout(60_000);
    const files = tasksFiles(resolve(repoRoot, 'test/fixtures'));
    assert.ok(files.length >= 10, `${files.length} fixtures`);
    const texts = [...files.map((f) => readFileSync(f, 'utf8')), generated(12)];
    for (const [n, text] of texts.entries()) {
      const previous = parseTasks(text, 'tasks.md');
      for (const at of positions(text.length, 8)) {
        for (const insert of INSERTS) {
          const inserted = text.slice(0, at) + insert + text.slice(at);
          same(reparseTasks(text, previous, inserted, 'tasks.md'), parseTasks(inserted, 'tasks.md'), `${n} +${at}`);
        }
        for (const length of [1, 5, 40]) {
          const deleted = text.slice(0, at) + text.slice(at + length);
          same(reparseTasks(text, previous, deleted, 'tasks.md'), parseTasks(deleted, 'tasks.md'), `${n} -${at}`);
        }
      }
    }
  });

  it('keeps agreeing over a run of edits, each built on the previous splice', () => {
    let text = generated(30);
    let parsed = parseTasks(text, '');
    const edits = [...positions(text.length, 60)];
    for (const [i, at] of edits.entries()) {
      const where = Math.min(at, text.length);
      const next =
        i % 3 === 2
          ? text.slice(0, where) + text.slice(where + 3)
          : text.slice(0, where) + INSERTS[i % INSERTS.length] + text.slice(where);
      parsed = reparseTasks(text, parsed, next, '');
      same(parsed, parseTasks(next, ''), `edit ${i} at ${where}`);
      text = next;
    }
  });

  it('re-parses only the touched stretch: tasks before it are the same objects', () => {
    const text = generated(40);
    const previous = parseTasks(text, '');
    const at = text.indexOf('Parent task 20');
    const edited = text.slice(0, at) + 'renamed ' + text.slice(at);
    const reparsed = reparseTasks(text, previous, edited, '');
    assert.equal(reparsed.tasks[0], previous.tasks[0]);
    assert.equal(reparsed.tasks[18], previous.tasks[18]);
    assert.equal(reparsed.tasks[19].title, 'renamed Parent task 20');
    assert.notEqual(reparsed.tasks[25], previous.tasks[25]);
    same(reparsed, parseTasks(edited, ''), 'edit');
  });

  it('an editor keystroke in an open tasks.md reaches the index through the re-parse', async () => {
    const root = resolve(repoRoot, 'test/fixtures/real-formats');
    const index = new SpecIndex(root);
    await index.load();
    const spec = index.specs().find((s) => s.documents.tasks)!;
    const path = spec.documents.tasks!;
    const text = readFileSync(path, 'utf8');
    void spec.tasks;
    const edited = text.replace('- [ ]', '- [x]');
    assert.ok(index.update(path, edited));
    const before = parseCacheSize().entries;
    void index.specAt(spec.dir)!.tasks;
    assert.equal(parseCacheSize().entries, before, 'the replaced version left the cache as the new one came in');
    same(
      { tasks: index.specAt(spec.dir)!.tasks, diagnostics: [] },
      { tasks: parseTasks(edited, '').tasks, diagnostics: [] },
      spec.name,
    );
  });
});
