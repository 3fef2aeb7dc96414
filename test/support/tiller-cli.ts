// The built `tiller` command (dist/cli.js, which the test build writes) as a child process, the
// way a shell runs it: in the test's workspace, with HOME at the test's own empty folder (no
// global steering, no git identity), and pointed at the fake model server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FakeModelServer } from './fake-model-server';

/** Bundled tests run from out/test/<suite>/<area>/: the repository is four folders up. */
export const TILLER_CLI = join(resolve(__dirname, '../../../..'), 'dist/cli.js');

/** The key the fake server is started with, passed to the CLI in FAKE_KEY. */
export const FAKE_KEY = 'sk-test';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** For a `before` hook: one clear failure when the build is missing, not one per test. */
export function assertCliBuilt(): void {
  assert.ok(existsSync(TILLER_CLI), `${TILLER_CLI} is missing: build first`);
}

/**
 * Runs `tiller …args` in `ws.root`. `onStderr` is given all of stderr so far at every chunk, and
 * a way to interrupt the process as Ctrl-C would.
 */
export function runTiller(
  ws: { root: string; home: string },
  args: string[],
  onStderr?: (text: string, interrupt: () => void) => void,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TILLER_CLI, ...args], {
      cwd: ws.root,
      env: { ...process.env, HOME: ws.home, USERPROFILE: ws.home, FAKE_KEY },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, () => child.kill('SIGINT'));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The model flags for the fake server in either wire format, its key read from FAKE_KEY. */
export function fakeModelFlags(server: FakeModelServer, provider: 'openai' | 'anthropic' = 'openai'): string[] {
  const baseUrl = provider === 'openai' ? server.openaiBaseUrl : server.anthropicBaseUrl;
  return ['--provider', provider, '--base-url', baseUrl, '--model', 'fake', '--api-key-env', 'FAKE_KEY'];
}

/** The JSON outcome a model command prints as its last stdout line. */
export function lastLine(stdout: string): any {
  return JSON.parse(stdout.trimEnd().split('\n').at(-1)!);
}
