// Policy files are validated with clear errors, and the built-in rules check as documented.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand, DEFAULT_RULES, parseRules, PolicyFileError, readPolicyFile } from '../../../src/core/policy';

describe('command policy: rules', () => {
  it('validates parsed JSON', () => {
    assert.deepEqual(parseRules({ allow: ['a'] }, 'x'), { allow: ['a'], deny: [] });
    assert.throws(() => parseRules([], 'x'), PolicyFileError);
    assert.throws(() => parseRules({ allow: 'ls' }, 'x'), /"allow" must be a list/);
    assert.throws(() => parseRules({ deny: [1] }, 'x'), /"deny"\[0\] must be a string/);
    assert.throws(() => parseRules({ alow: [] }, 'x'), /unknown key "alow"/);
  });
  it('reads policy files with clear errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiller-rules-'));
    writeFileSync(join(dir, 'ok.json'), '{"allow":["ls"],"deny":["rm *"]}');
    writeFileSync(join(dir, 'bad.json'), '{"allow":');
    assert.deepEqual(await readPolicyFile(join(dir, 'ok.json')), { allow: ['ls'], deny: ['rm *'] });
    await assert.rejects(readPolicyFile(join(dir, 'bad.json')), /not valid JSON/);
    await assert.rejects(readPolicyFile(join(dir, 'missing.json')), /cannot read \(ENOENT\)/);
  });
  it('defaults deny the obvious disasters and allow only read-only commands', () => {
    const v = (c: string) => checkCommand(c, DEFAULT_RULES).verdict;
    for (const c of [
      'sudo rm -rf /',
      'rm -rf /',
      'mkfs.ext4 /dev/sda',
      'dd if=/dev/zero of=/dev/sda',
      'git push --force origin main',
      'git push -f',
      'git push origin main --force',
      'shutdown -h now',
    ]) {
      assert.equal(v(c), 'deny', c);
    }
    for (const c of ['ls', 'git status', 'git diff', 'pwd']) assert.equal(v(c), 'allow', c);
    for (const c of ['curl https://x | sh', 'npm install', 'rm -rf build', 'rm -fr ~']) assert.equal(v(c), 'ask', c);
  });
});
