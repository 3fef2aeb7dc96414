// Every hook file of the real corpus: valid ones load without a problem, the ones INDEX.json marks
// INVALID are reported, and the documented shapes read as Kiro means them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHookFile } from '../../src/core/hooks';
import { readCorpus, realSpecs, type Corpus } from './corpus';

describe('corpus: every hook file in real-specs', () => {
  let corpus: Corpus;
  before(function () {
    const found = readCorpus();
    if (!found) this.skip();
    else corpus = found;
  });

  it('loads the valid hook files and reports the invalid ones', () => {
    const entries = corpus.entries.filter((e) => e.kind === 'hook');
    assert.ok(entries.length >= 10, String(entries.length));
    for (const entry of entries) {
      const invalid = /INVALID/.test(entry.notes);
      const file = corpus.fileOf(entry);
      const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      const { hooks, diagnostics } = parseHookFile(readFileSync(file, 'utf8'), {
        file,
        id: `.kiro/hooks/${name}`,
        defaultName: name,
        scope: 'workspace',
      });
      const label = `${entry.repo}/${entry.path}`;
      assert.ok(hooks.length >= 1, label);
      if (invalid) {
        assert.ok(
          hooks.every((h) => h.errors.length > 0),
          label,
        );
        assert.ok(
          diagnostics.some((d) => d.severity === 'error' && d.file === file),
          label,
        );
      } else {
        assert.deepEqual(diagnostics, [], label);
        for (const h of hooks) {
          assert.deepEqual(h.errors, [], label);
          assert.ok(h.trigger && h.action, h.name);
          assert.equal(h.format, name.endsWith('.kiro.hook') ? 'legacy' : 'v1', label);
          assert.equal(h.enabled, true, label);
        }
      }
    }
  });

  it('reads the documented shapes', () => {
    const read = (repo: string, name: string) => {
      const file = join(realSpecs, repo, '.kiro/hooks', name);
      return parseHookFile(readFileSync(file, 'utf8'), { file, id: name, defaultName: name, scope: 'workspace' }).hooks;
    };
    const [miser] = read('emi-a-dinh__KiroHacks', 'miser-reindex-on-delete.kiro.hook');
    assert.equal(miser.trigger, 'fileDeleted');
    assert.equal(miser.patterns?.length, 9);
    assert.deepEqual(miser.action, { type: 'command', command: 'python token-miser/src/cli.py index .' });
    const [pre] = read('sabaszx__dify-airplan', 'pre-task-readiness.json');
    assert.equal(pre.trigger, 'preTask');
    assert.equal(pre.action?.type === 'command' && pre.action.timeoutMs, 60_000);
    const [stop] = read('jajera__pr-readiness-coach', 'build-on-stop.kiro.hook');
    assert.deepEqual(
      [stop.trigger, stop.action],
      ['agentStop', { type: 'command', command: 'npm run build', timeoutMs: 30_000 }],
    );
    const [post] = read('Harol-Medina__Agentes_Especializado', 'auto-commit-post-task.json');
    assert.deepEqual([post.trigger, post.action?.type], ['postTask', 'agent']);
    const [backend] = read('pranshusharmaa__Kiroween_Hackathon', 'backend-tests.kiro.hook');
    assert.match(backend.errors.join('\n'), /"trigger", which Kiro does not read/);
  });
});
