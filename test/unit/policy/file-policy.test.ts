// The file-write policy against a real directory tree with real symlinks.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFileWrite } from '../../../src/core/policy';

describe('command policy: file writes', () => {
  let base: string;
  let ws: string;
  let outside: string;

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'tiller-fp-'));
    ws = join(base, 'ws');
    outside = join(base, 'outside');
    mkdirSync(join(ws, 'src'), { recursive: true });
    mkdirSync(join(ws, '.git', 'hooks'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(ws, 'src', 'a.ts'), '');
    symlinkSync(outside, join(ws, 'escape'));
    symlinkSync(join(outside, 'secret.txt'), join(ws, 'dangling'));
    symlinkSync('.git/hooks', join(ws, 'hooks-link'));
    symlinkSync('src', join(ws, 'src-link'));
    symlinkSync('loop-b', join(ws, 'loop-a'));
    symlinkSync('loop-a', join(ws, 'loop-b'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const verdict = async (path: string) => (await checkFileWrite(ws, path)).verdict;

  it('allows files inside the workspace, existing or not', async () => {
    assert.equal(await verdict('src/a.ts'), 'allow');
    assert.equal(await verdict('src/new/deep/file.ts'), 'allow');
    assert.equal(await verdict(join(ws, 'src', 'b.ts')), 'allow');
    assert.equal(await verdict('src-link/c.ts'), 'allow');
    assert.equal(await verdict('./src/../src/a.ts'), 'allow');
  });
  it('refuses paths outside the workspace', async () => {
    assert.equal(await verdict('../outside/x'), 'deny');
    assert.equal(await verdict('/etc/passwd'), 'deny');
    assert.equal(await verdict('src/../../outside/x'), 'deny');
    assert.equal(await verdict('missing/../../outside/x'), 'deny');
    assert.equal(await verdict(''), 'deny');
  });
  it('follows symlinks, including to files that do not exist yet', async () => {
    assert.equal(await verdict('escape/x'), 'deny');
    assert.equal(await verdict('escape/new/dir/x'), 'deny');
    assert.equal(await verdict('dangling'), 'deny');
    const d = await checkFileWrite(ws, 'escape/x');
    assert.ok(d.path.startsWith(outside), d.path);
  });
  it('resolves .. after a symlink physically', async () => {
    // escape -> outside, so escape/.. is base, not ws.
    assert.equal(await verdict('escape/../ws/src/a.ts'), 'allow');
    assert.equal(await verdict('escape/../outside/x'), 'deny');
  });
  it('refuses symlink loops', async () => {
    assert.equal(await verdict('loop-a/x'), 'deny');
  });
  it('asks for files that configure the editor, git, hooks and the policy', async () => {
    for (const p of [
      '.vscode/settings.json',
      '.VSCode/tasks.json',
      '.kiro/hooks/x.kiro.hook',
      '.kiro/settings/mcp.json',
      '.git/config',
      '.git/hooks/pre-commit',
      'sub/.git/hooks/x',
      'hooks-link/pre-commit',
      '.tiller/policy.json',
    ]) {
      assert.equal(await verdict(p), 'ask', p);
    }
    assert.equal(await verdict('.kiro/specs/x/tasks.md'), 'allow');
    assert.equal(await verdict('.kiro/steering/x.md'), 'allow');
    assert.equal(
      (await checkFileWrite(ws, 'policy/rules.json', { policyFiles: ['policy/rules.json'] })).verdict,
      'ask',
    );
  });
  it('refuses when the workspace does not exist', async () => {
    assert.equal((await checkFileWrite(join(base, 'nope'), 'x')).verdict, 'deny');
  });
});
