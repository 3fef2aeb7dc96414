// The executor with a real bash: process groups, timeouts, output caps, abort, stdin, environment.
// Timeouts run on a fake clock, moved once the command says it is ready: no test waits on the wall clock.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandEnvironment, runCommand } from '../../../src/core/policy';
import { fakeClock } from '../../support/fake-clock';

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

/** Resolves once the process is gone; a killed one can take a moment to be reaped. */
async function dead(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((resolve) => setImmediate(resolve));
}

/** Resolves when the command has printed `ready`: whatever it started before is running. */
function readiness(): { onOutput: (chunk: string) => void; ready: Promise<void> } {
  let seen = '';
  let resolve!: () => void;
  const ready = new Promise<void>((r) => (resolve = r));
  return {
    ready,
    onOutput: (chunk) => {
      seen += chunk;
      if (seen.includes('ready')) resolve();
    },
  };
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
    const clock = fakeClock();
    const { ready, onOutput } = readiness();
    const running = runCommand(`bash -c 'sleep 30 & echo $! > ${pidFile}; echo ready; wait' ; sleep 30`, {
      cwd,
      timeoutMs: 500,
      killGraceMs: 200,
      clock,
      onOutput,
    });
    await ready;
    clock.tick(499);
    clock.tick(1);
    const r = await running;
    assert.equal(r.timedOut, true);
    assert.equal(r.durationMs, 500);
    assert.equal(r.signal, 'SIGTERM');
    await dead(Number(readFileSync(pidFile, 'utf8')));
  });
  it('kills with SIGKILL after the grace time when the group ignores SIGTERM', async () => {
    const clock = fakeClock();
    const { ready, onOutput } = readiness();
    // An ignored signal stays ignored in the children: sleep ignores SIGTERM too.
    const running = runCommand(`trap '' TERM; echo ready; sleep 30`, {
      cwd,
      timeoutMs: 1000,
      killGraceMs: 300,
      clock,
      onOutput,
    });
    await ready;
    clock.tick(1000);
    clock.tick(300);
    const r = await running;
    assert.equal(r.timedOut, true);
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(r.durationMs, 1300);
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
    const { ready, onOutput } = readiness();
    const running = runCommand('echo ready; sleep 30', {
      cwd,
      signal: controller.signal,
      killGraceMs: 200,
      clock: fakeClock(),
      onOutput,
    });
    await ready;
    controller.abort();
    const r = await running;
    assert.equal(r.aborted, true);
    assert.equal(r.timedOut, false);
    assert.equal(r.signal, 'SIGTERM');
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
