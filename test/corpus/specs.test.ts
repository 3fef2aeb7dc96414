// Every spec file of the real corpus: it loads, its block structure is remark's, its task counts
// are the INDEX.json tallies, and lint raises no error on it (a real repository must be able to
// trust `tiller lint`).
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  classifyEars,
  countTasks,
  flattenTasks,
  parseConfig,
  parseDesign,
  parseRequirements,
  parseTasks,
  SpecIndex,
} from '../../src/core/specs';
import { lintWorkspace } from '../../src/core/lint';
import { blockOutline, remarkOutline } from '../support/block-outline';
import { cliCounts } from '../support/cli-counts';
import { readCorpus, realSpecs, type Corpus } from './corpus';

describe('corpus: real specs from public repositories', function () {
  let corpus: Corpus;
  before(function () {
    const found = readCorpus();
    if (!found) this.skip();
    else corpus = found;
  });

  it('parses every spec file without an exception', () => {
    for (const e of corpus.entries) {
      const text = corpus.read(e);
      const file = corpus.fileOf(e);
      if (e.kind === 'tasks') assert.ok(Array.isArray(parseTasks(text, file).tasks), file);
      else if (e.kind === 'requirements' || e.kind === 'bugfix')
        assert.ok(Array.isArray(parseRequirements(text, file, e.kind === 'bugfix').requirements), file);
      else if (e.kind === 'design') assert.ok(Array.isArray(parseDesign(text)), file);
      else if (e.kind === 'config' || e.kind === 'spec.json')
        assert.notEqual(parseConfig(text, file).config, null, file);
    }
  });

  it('finds the block structure remark finds, in every Markdown file', function () {
    this.timeout(60_000);
    for (const e of corpus.entries.filter((entry) => entry.path.endsWith('.md'))) {
      const text = corpus.read(e);
      assert.deepEqual(blockOutline(text), remarkOutline(text), `${e.repo}/${e.path}`);
    }
  });

  it('counts tasks as INDEX.json does, for every tasks.md', () => {
    const tasksFiles = corpus.entries.filter((e) => e.kind === 'tasks');
    assert.equal(tasksFiles.length, 22);
    for (const e of tasksFiles) {
      const { tasks, diagnostics } = parseTasks(corpus.read(e), corpus.fileOf(e));
      const c = countTasks(tasks);
      const k = e.counts!;
      assert.deepEqual(
        [c.total, c.done, c.total - c.done - c.inProgress - c.queued, c.inProgress, c.queued, c.optional],
        [k.total, k.done, k.todo, k.in_progress, k.queued, k.optional],
        `${e.repo}/${e.path}`,
      );
      assert.deepEqual(diagnostics, [], `${e.repo}/${e.path}`);
    }
  });

  it('reads the shapes the notes describe', () => {
    const { find, read } = corpus;
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

  it('indexes every repository, and lint finds no error in any of them', async () => {
    for (const repo of readdirSync(realSpecs).filter((name) => name.includes('__'))) {
      const specIndex = new SpecIndex(join(realSpecs, repo));
      const specs = await specIndex.load();
      for (const spec of specs) {
        assert.ok(Array.isArray(spec.design));
        assert.deepEqual(specIndex.counts(spec), countTasks(spec));
      }
      const errors = lintWorkspace(specs, []).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], repo);
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

  it('tiller specs and tiller tasks count the same tasks, for every spec of every repository', async function () {
    this.timeout(120_000);
    let compared = 0;
    for (const repo of readdirSync(realSpecs).filter((name) => name.includes('__'))) {
      for (const row of await cliCounts(join(realSpecs, repo))) {
        assert.deepEqual(row.specs, row.tasks, `${repo}: ${row.folder}`);
        compared++;
      }
    }
    assert.ok(compared >= 20, `${compared} specs compared`);
  });
});
