import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadHooks, matchingHooks } from '../../../src/core/hooks';
import { fixtureWorkspace, tempDir } from './helpers';

describe('hooks: loading', () => {
  it('reads workspace and user hooks, the workspace shadowing a user file of the same name', async () => {
    const ws = tempDir();
    const home = tempDir();
    const agentHook = (prompt: string) =>
      JSON.stringify({ when: { type: 'userTriggered' }, then: { type: 'askAgent', prompt } });
    mkdirSync(join(ws, '.kiro/hooks'), { recursive: true });
    mkdirSync(join(home, '.kiro/hooks'), { recursive: true });
    writeFileSync(join(ws, '.kiro/hooks/same.kiro.hook'), agentHook('workspace'));
    writeFileSync(join(home, '.kiro/hooks/same.kiro.hook'), agentHook('user'));
    writeFileSync(join(home, '.kiro/hooks/mine.kiro.hook'), agentHook('mine'));
    writeFileSync(join(ws, '.kiro/hooks/notes.txt'), 'not a hook');
    writeFileSync(join(ws, '.kiro/hooks/broken.json'), '{');
    const { hooks, diagnostics } = await loadHooks({ workspaceRoot: ws, home });
    assert.deepEqual(
      hooks.map((h) => [h.id, h.scope, h.errors.length]),
      [
        ['.kiro/hooks/broken.json', 'workspace', 1],
        ['.kiro/hooks/same.kiro.hook', 'workspace', 0],
        ['~/.kiro/hooks/mine.kiro.hook', 'user', 0],
      ],
    );
    assert.deepEqual(hooks[1].action, { type: 'agent', prompt: 'workspace' });
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.code]),
      [[join(ws, '.kiro/hooks/broken.json'), 'hook-invalid-json']],
    );
  });

  it('loads the fixture workspace hooks without errors', async () => {
    const { hooks, diagnostics } = await loadHooks({ workspaceRoot: fixtureWorkspace, home: null });
    assert.deepEqual(diagnostics, []);
    const byTrigger = (t: string) => hooks.filter((h) => h.trigger === t);
    assert.equal(byTrigger('fileSaved')[0].action?.type, 'agent');
    assert.equal(byTrigger('commit')[0].action?.type, 'command');
    assert.equal(byTrigger('preTask')[0].action?.type, 'command');
    assert.ok(byTrigger('manual').length >= 1);
    assert.ok(hooks.some((h) => !h.enabled));
  });
  it('reads the hooks of sub-project .kiro folders, matching paths inside each sub-project', async () => {
    const workspace = resolve(__dirname, '../../../../test/fixtures/sub-roots');
    const { hooks, diagnostics } = await loadHooks({ workspaceRoot: workspace, home: null });
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      hooks.map((h) => [h.id, h.root, h.scope, h.errors]),
      [['api/.kiro/hooks/review-on-save.kiro.hook', 'api', 'workspace', []]],
    );
    const saved = matchingHooks(hooks, { type: 'saved', paths: ['api/src/a.ts', 'web/src/b.ts', 'src/c.ts'] }, false);
    assert.deepEqual(
      saved.map((m) => m.payload.paths),
      [['api/src/a.ts']],
    );
  });
});
