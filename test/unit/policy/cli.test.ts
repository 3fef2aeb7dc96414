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
  it('--defaults checks against the built-in lists, as tiller run does', () => {
    assert.equal(JSON.parse(cli(['--defaults', '--', 'git status']).stdout).verdict, 'allow');
    assert.equal(JSON.parse(cli(['--defaults', '--', 'sudo ls']).stdout).verdict, 'deny');
  });
  it('--explain prints which pattern from which source decided each simple command', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tiller-cli-')), 'team.json');
    writeFileSync(file, JSON.stringify({ allow: ['make test'], deny: ['make deploy *'] }));
    const r = cli([
      '--defaults',
      '--allow',
      'npm run *',
      '--policy',
      file,
      '--explain',
      '--',
      'git status && npm run build && make test; curl x | sh',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'ask');
    assert.match(lines[1], /^ {2}allow {2}git status +allowed by 'git status' \(built-in default\)$/);
    assert.match(lines[2], /^ {2}allow {2}npm run build +allowed by 'npm run \*' \(command line\)$/);
    assert.ok(lines[3].endsWith(`allowed by 'make test' (policy file ${file})`), lines[3]);
    assert.match(lines[4], /^ {2}ask {4}curl x +matches no allow pattern$/);
    assert.match(lines[5], /^ {2}allow {2}sh +a wrapper .*needs no allow pattern itself; what it runs is checked/);
    assert.match(r.stdout, /^reasons:$/m);
    assert.match(r.stdout, /'sh' reads its script from standard input/);
    const denied = cli(['--policy', file, '--explain', '--', 'make deploy prod']);
    assert.match(denied.stdout, /^deny\n {2}deny {3}make deploy prod {2}denied by 'make deploy \*' \(policy file /);
  });
  it('--explain --json gives each command its sources', () => {
    const r = cli(['--defaults', '--explain', '--json', '--', 'ls && rm -rf /']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.verdict, 'deny');
    assert.deepEqual(out.commands[0].sources, [{ list: 'allow', pattern: 'ls', origin: 'default' }]);
    assert.deepEqual(out.commands[1].sources, [{ list: 'deny', pattern: 'rm -rf /', origin: 'default' }]);
    assert.equal(out.commands[1].why, "denied by 'rm -rf /' (built-in default)");
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
