// Steering and hook shapes real repositories write, each reproduced by a fixture of its own:
// brace globs, a sub-folder of .kiro/steering, sub-project `.kiro` roots, legacy tool hooks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHookFile } from '../../../src/core/hooks';
import { loadSteering } from '../../../src/core/steering/load';
import { selectSteering } from '../../../src/core/steering/select';
import { repoRoot } from './paths';

const realFormats = resolve(repoRoot, 'test/fixtures/real-formats');
const subRoots = resolve(repoRoot, 'test/fixtures/sub-roots');

describe('steering and hooks: real formats', () => {
  it('reads a brace glob as one glob, with no comma warning', async () => {
    const set = await loadSteering({ workspaceRoot: realFormats, homeDir: null });
    const byName = new Map(set.docs.map((d) => [d.name, d]));
    assert.deepEqual(byName.get('backend-areas')?.patterns, ['{backend/src/a/**,backend/src/b/**}']);
    assert.deepEqual(byName.get('web-assets')?.patterns, ['**/*.{html,js}']);
    assert.deepEqual(
      set.diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
    const included = (file: string) =>
      selectSteering(set.docs, { files: [file] })
        .filter((s) => s.included && s.doc.inclusion === 'fileMatch')
        .map((s) => s.doc.name);
    assert.deepEqual(included('backend/src/b/handler.ts'), ['backend-areas']);
    assert.deepEqual(included('public/app.js'), ['web-assets']);
    assert.deepEqual(included('backend/src/c/handler.ts'), []);
  });

  it('names the files in a sub-folder of .kiro/steering instead of dropping them silently', async () => {
    const set = await loadSteering({ workspaceRoot: realFormats, homeDir: null });
    assert.ok(!set.docs.some((d) => d.name === 'on-call'));
    const [note] = set.diagnostics.filter((d) => d.code === 'steering-subfolder-ignored');
    assert.equal(note.file, join(realFormats, '.kiro/steering/team/on-call.md'));
    assert.match(note.message, /the 1 in the sub-folder 'team\/' \(on-call\.md\) are not read/);
  });

  it('reads the steering of sub-project .kiro roots, its globs relative to the sub-project', async () => {
    const set = await loadSteering({ workspaceRoot: subRoots, homeDir: null });
    const api = set.docs.find((d) => d.name === 'api');
    assert.equal(api?.file, join(subRoots, 'api/.kiro/steering/api.md'));
    assert.deepEqual(api?.patterns, ['api/src/**/*.ts']);
    const picked = selectSteering(set.docs, { files: ['api/src/server.ts'] }).find((s) => s.doc === api);
    assert.equal(picked?.included, true);
  });

  it('loads legacy preToolUse and postToolUse hooks', () => {
    for (const [name, trigger] of [
      ['review-writes.kiro.hook', 'preToolUse'],
      ['log-writes.kiro.hook', 'postToolUse'],
    ]) {
      const file = join(realFormats, '.kiro/hooks', name);
      const { hooks, diagnostics } = parseHookFile(readFileSync(file, 'utf8'), {
        file,
        id: `.kiro/hooks/${name}`,
        defaultName: name,
        scope: 'workspace',
      });
      assert.deepEqual(diagnostics, [], name);
      assert.deepEqual([hooks[0].trigger, hooks[0].errors, hooks[0].format], [trigger, [], 'legacy']);
    }
  });
});
