// The executor with a real bash: process groups, timeouts, output caps, abort, stdin, environment.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandEnvironment, runCommand } from '../../../src/core/policy';

/** A killed process may linger as a zombie until something reaps it; that counts as dead. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function waitDead(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && alive(pid); i++) await new Promise((res) => setTimeout(res, 50));
  return !alive(pid);
}

describe('command policy: executor', function () {
  this.timeout(15000);
  const cwd = mkdtempSync(join(tmpdir(), 'tiller-exec-'));

  it('runs bash -c in the workspace and reports the exit code', async () => {
    const r = await runCommand('pwd; exit 3', { cwd });
    assert.equal(r.exitCode, 3);
    assert.equal(r.output.trim(), cwd);
    assert.equal(r.timedOut, false);
  });
  it('streams output as it comes', async () => {
    const chunks: string[] = [];
    await runCommand('echo one; echo two >&2', { cwd, onOutput: (c) => chunks.push(c) });
    assert.match(chunks.join(''), /one/);
    assert.match(chunks.join(''), /two/);
  });
  it('kills the whole group on timeout, grandchildren included', async () => {
    const pidFile = join(cwd, 'grandchild.pid');
    const r = await runCommand(`bash -c 'sleep 30 & echo $! > ${pidFile}; wait' ; sleep 30`, {
      cwd,
      timeoutMs: 500,
      killGraceMs: 200,
    });
    assert.equal(r.timedOut, true);
    assert.ok(r.durationMs < 5000, String(r.durationMs));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.equal(await waitDead(pid), true);
  });
  it('keeps the head and the tail of large output and says what was cut', async () => {
    const r = await runCommand('echo START; head -c 200000 /dev/zero | tr "\\0" x; echo; echo END', {
      cwd,
      maxOutputBytes: 1000,
    });
    assert.equal(r.truncated, true);
    assert.ok(r.output.startsWith('START'));
    assert.ok(r.output.trimEnd().endsWith('END'));
    assert.match(r.output, /bytes of output omitted/);
    assert.ok(r.output.length < 1200);
  });
  it('aborts the group with an AbortSignal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const r = await runCommand('sleep 30', { cwd, signal: controller.signal, killGraceMs: 200 });
    assert.equal(r.aborted, true);
    assert.ok(r.durationMs < 5000);
    const pre = await runCommand('echo never', { cwd, signal: AbortSignal.abort() });
    assert.equal(pre.aborted, true);
    assert.equal(pre.output, '');
  });
  it('passes stdin', async () => {
    const r = await runCommand('cat', { cwd, stdin: '{"event":"save"}' });
    assert.equal(r.output, '{"event":"save"}');
  });
  it('removes secrets from the environment', async () => {
    const env = {
      PATH: process.env.PATH,
      OPENAI_API_KEY: 'k',
      GITHUB_TOKEN: 'g',
      MY_SECRET: 's',
      TILLER_MODEL_KEY: 'm',
      HOME: '/h',
    };
    const r = await runCommand('env', { cwd, env, secretNames: ['TILLER_MODEL_KEY'], passEnv: ['GITHUB_TOKEN'] });
    assert.doesNotMatch(r.output, /OPENAI_API_KEY|MY_SECRET|TILLER_MODEL_KEY/);
    assert.match(r.output, /GITHUB_TOKEN=g/);
    assert.match(r.output, /HOME=\/h/);
    assert.deepEqual(Object.keys(commandEnvironment({ a_token: 'x', B: 'y' })), ['B']);
  });
});
