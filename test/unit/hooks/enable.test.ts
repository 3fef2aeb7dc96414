import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHooks, setEnabledInText, setHookEnabled } from '../../../src/core/hooks';
import { tempDir } from './helpers';

describe('hooks: writing enabled back', () => {
  it('changes only the value in a legacy file, keeping formatting and the missing final newline', () => {
    const text =
      '{\n    "enabled": true,\n    "name":   "x",\n    "when": {"type": "agentStop"},\n    "then": {"type": "runCommand", "command": "ls"}\n}';
    const next = setEnabledInText(text, { id: 'x', format: 'legacy' }, false);
    assert.equal(next, text.replace('"enabled": true', '"enabled": false'));
  });

  it("inserts enabled first, in the file's indentation, when the key is missing", () => {
    const text = '{\n\t"name": "x",\n\t"when": {"type": "agentStop"}\n}\n';
    assert.equal(
      setEnabledInText(text, { id: 'x', format: 'legacy' }, false),
      '{\n\t"enabled": false,\n\t"name": "x",\n\t"when": {"type": "agentStop"}\n}\n',
    );
  });

  it('edits the right entry of a v1 file', () => {
    const text =
      '{"version": "v1", "hooks": [\n  {"name": "a", "enabled": true},\n  {"name": "b", "enabled": true}\n]}';
    const next = setEnabledInText(text, { id: '.kiro/hooks/h.json#1', format: 'v1' }, false);
    assert.equal(
      next,
      '{"version": "v1", "hooks": [\n  {"name": "a", "enabled": true},\n  {"name": "b", "enabled": false}\n]}',
    );
  });

  it('round-trips through a file on disk and loadHooks', async () => {
    const ws = tempDir();
    mkdirSync(join(ws, '.kiro/hooks'), { recursive: true });
    const file = join(ws, '.kiro/hooks/h.json');
    writeFileSync(
      file,
      JSON.stringify(
        { version: 'v1', hooks: [{ name: 'a', trigger: 'Manual', action: { type: 'agent', prompt: 'x' } }] },
        null,
        2,
      ),
    );
    const [h] = (await loadHooks({ workspaceRoot: ws, home: null })).hooks;
    assert.equal(h.enabled, true);
    await setHookEnabled(h, false);
    assert.match(readFileSync(file, 'utf8'), /"enabled": false/);
    assert.equal((await loadHooks({ workspaceRoot: ws, home: null })).hooks[0].enabled, false);
  });
});
