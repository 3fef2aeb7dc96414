// Every file in ../shared/real-specs (verbatim copies from public repositories) must load, and
// task counts must agree with the INDEX.json tallies made by an independent line-based script.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import {
  classifyEars,
  countTasks,
  flattenTasks,
  parseConfig,
  parseDesign,
  parseRequirements,
  parseTasks,
  scanTaskCounts,
  SpecIndex,
} from '../../../src/core/specs';
import { fixtureSpecs, realSpecs } from './helpers';

interface Entry {
  repo: string;
  path: string;
  kind: string;
  counts?: { total: number; done: number; todo: number; in_progress: number; queued: number; optional: number };
}

const index: Entry[] = existsSync(join(realSpecs, 'INDEX.json'))
  ? JSON.parse(readFileSync(join(realSpecs, 'INDEX.json'), 'utf8'))
  : [];
const fileOf = (e: Entry) => join(realSpecs, e.repo.replace('/', '__'), e.path);
const read = (e: Entry) => readFileSync(fileOf(e), 'utf8');
const find = (fragment: string) => index.find((e) => `${e.repo}/${e.path}`.includes(fragment))!;

describe('real specs from public repositories', function () {
  // remark needs a few seconds for all of them on a slow CI machine.
  this.timeout(60_000);
  before(function () {
    if (!index.length) this.skip();
  });

  it('parses every spec file without an exception', () => {
    for (const e of index) {
      const text = read(e);
      const file = fileOf(e);
      if (e.kind === 'tasks') assert.ok(Array.isArray(parseTasks(text, file).tasks), file);
      else if (e.kind === 'requirements' || e.kind === 'bugfix')
        assert.ok(Array.isArray(parseRequirements(text, file, e.kind === 'bugfix').requirements), file);
      else if (e.kind === 'design') assert.ok(Array.isArray(parseDesign(text)), file);
      else if (e.kind === 'config' || e.kind === 'spec.json')
        assert.notEqual(parseConfig(text, file).config, null, file);
    }
  });

  it('counts tasks as INDEX.json does, for every tasks.md', () => {
    const tasksFiles = index.filter((e) => e.kind === 'tasks');
    assert.equal(tasksFiles.length, 22);
    for (const e of tasksFiles) {
      const { tasks, diagnostics } = parseTasks(read(e), fileOf(e));
      const c = countTasks(tasks);
      const k = e.counts!;
      assert.deepEqual(
        {
          total: c.total,
          done: c.done,
          todo: c.total - c.done - c.inProgress - c.queued,
          inProgress: c.inProgress,
          queued: c.queued,
          optional: c.optional,
        },
        {
          total: k.total,
          done: k.done,
          todo: k.todo,
          inProgress: k.in_progress,
          queued: k.queued,
          optional: k.optional,
        },
        `${e.repo}/${e.path}`,
      );
      assert.deepEqual(diagnostics, [], `${e.repo}/${e.path}`);
    }
  });

  it('keeps the cold-index line scan equal to the parsed tree on every real and fixture file', () => {
    const texts = index.filter((e) => e.kind === 'tasks').map(read);
    for (const name of readdirSync(fixtureSpecs)) {
      const path = join(fixtureSpecs, name, 'tasks.md');
      if (existsSync(path)) texts.push(readFileSync(path, 'utf8'));
    }
    for (const text of texts)
      assert.deepEqual(scanTaskCounts(text), countTasks(parseTasks(text, '').tasks), text.slice(0, 80));
  });

  it('reads the shapes the notes describe', () => {
    const ccsdd = parseTasks(read(find('kusa/.kiro/specs/fix-toc-active-heading/tasks.md')), '').tasks;
    assert.deepEqual(
      ccsdd.map((t) => [t.id, t.children.map((c) => c.id)]),
      [
        ['1', ['1.1', '1.2', '1.3']],
        ['2', ['2.1']],
      ],
    );
    const pong = parseTasks(read(find('pong-ai/tasks.md')), '').tasks;
    assert.equal(pong[0].section, 'Task 1: Create AI difficulty configuration');
    assert.deepEqual(pong[0].requirements, ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);
    const docsSync = flattenTasks(parseTasks(read(find('docs-sync/tasks.md')), '').tasks);
    assert.deepEqual(docsSync.find((t) => t.id === '6.2')?.requirements, ['4.3', '5', '6', '7', '9']);
    const validates = flattenTasks(parseTasks(read(find('software-archaeologist-mvp/tasks.md')), '').tasks);
    assert.ok(validates.filter((t) => t.requirements.length).length > 20);
    const bugfix = parseRequirements(read(find('fix-hook-prompting/bugfix.md')), '', true).requirements;
    assert.deepEqual(
      bugfix.map((r) => r.id),
      ['1', '2', '3'],
    );
    assert.ok(bugfix[0].criteria.some((c) => c.id === '1.14'));
    const japanese = parseRequirements(read(find('fix-toc-active-heading/requirements.md')), '', false).requirements;
    assert.deepEqual(
      japanese.map((r) => r.criteria.length),
      [4, 2, 3, 2],
    );
    assert.ok(japanese.every((r) => r.criteria.every((c) => c.ears !== 'not-ears')));
    const modern = parseRequirements(read(find('ai-ide-token-benchmark/requirements.md')), '', false).requirements;
    assert.ok(modern.length >= 5 && modern[0].title === 'Session Script Generation');
    assert.ok(modern.flatMap((r) => r.criteria).some((c) => /^DURING/.test(c.text) && c.ears === 'not-ears'));
    assert.equal(classifyEars('FOR ALL sessions, THE Benchmark_Runner SHALL x'), 'not-ears');
  });

  it('indexes every repository: sub-folder .kiro, loose files, missing documents', async () => {
    for (const repo of readdirSync(realSpecs).filter((name) => name.includes('__'))) {
      const specIndex = new SpecIndex(join(realSpecs, repo));
      const specs = await specIndex.load();
      for (const spec of specs) {
        assert.ok(Array.isArray(spec.diagnostics), spec.dir);
        assert.ok(Array.isArray(spec.design));
        assert.deepEqual(specIndex.counts(spec), countTasks(spec));
      }
      if (repo === 'SomxS__FincaArgovia') {
        assert.deepEqual(specIndex.roots(), [join(realSpecs, repo, 'ERP3')]);
        assert.equal(specIndex.counts(specs[0]).total, 51);
      }
      if (repo === 'fabishz__resurrection-')
        assert.deepEqual(
          specs.map((s) => s.name),
          ['webxr-immersive-experience'],
          'project-overview.md is not a spec',
        );
      if (repo === 'Tensure__kiro-lab-paddle-ball')
        assert.equal(specs.find((s) => s.name === 'pong-gameplay-fixes')?.type, 'bugfix');
    }
  });
});
