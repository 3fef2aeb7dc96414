// `tiller check-command` as a user runs it: the built dist/cli.js (run `npm run build` first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers';

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'check-command', ...args], {
    input,
    encoding: 'utf8',
  });
}

describe('command policy: tiller check-command', function () {
  this.timeout(20000);

  it('checks one command', () => {
    const r = cli(['--allow', 'git *', '--deny', 'rm *', '--', 'git status && rm -rf /']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.verdict, 'deny');
    assert.deepEqual(out.commands[1], { argv: ['rm', '-rf', '/'], verdict: 'deny', pattern: 'rm *' });
    assert.ok(out.reasons.length > 0);
    assert.equal(JSON.parse(cli(['--', 'ls -la']).stdout).verdict, 'ask');
  });
  it('reads a policy file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tiller-cli-')), 'policy.json');
    writeFileSync(file, JSON.stringify({ allow: ['ls *'], deny: [] }));
    assert.equal(JSON.parse(cli(['--policy', file, '--', 'ls -la']).stdout).verdict, 'allow');
  });
  it('answers a batch line by line, going on after a malformed line', () => {
    const input = [
      '{"allow":["ls"],"deny":[],"command":"ls"}',
      'not json',
      '{"allow":[],"deny":["rm *"],"command":"rm x"}',
      '{"command":1}',
    ].join('\n');
    const r = cli(['--batch'], input);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.equal(lines[0].verdict, 'allow');
    assert.ok(lines[1].error);
    assert.equal(lines[2].verdict, 'deny');
    assert.ok(lines[3].error);
  });
  it('exits 2 with usage on bad arguments', () => {
    for (const args of [['--bogus'], [], ['ls'], ['--policy', '/nonexistent.json', '--', 'ls']]) {
      const r = cli(args);
      assert.equal(r.status, 2, JSON.stringify(args));
      assert.match(r.stderr, /usage: tiller check-command/);
    }
  });
});
