// Small shared steps of the test and launch scripts: run a command, build, copy the fixture
// workspace, record mocha counts for scripts/test-all.mjs.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';

export const fixtureWorkspace = join(repoRoot, 'test', 'fixtures', 'specs-workspace');

/** Runs a command with inherited output; resolves with its exit code (never rejects on failure). */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Builds the extension (and the test bundles when tests is true); throws on a build error. */
export async function build({ tests = false } = {}) {
  if (process.env.TILLER_SKIP_BUILD) return;
  // esbuild never deletes: a test whose source was removed would otherwise still run from out/.
  if (tests) {
    for (const dir of ['unit', 'corpus', 'integration'])
      rmSync(join(repoRoot, 'out', 'test', dir), { recursive: true, force: true });
  }
  const code = await run(process.execPath, ['esbuild.config.mjs', ...(tests ? ['--tests'] : [])]);
  if (code !== 0) throw new Error(`build failed (exit ${code})`);
}

/** A fresh copy of test/fixtures/specs-workspace, because tests edit it. */
export function copyFixtureWorkspace(parent = mkdtempSync(join(tmpdir(), 'tiller-ws-'))) {
  return ensureWorkspaceCopy(join(parent, 'specs-workspace'), { fresh: true });
}

/** Makes target a copy of the fixture workspace: when missing, or always when fresh. */
export function ensureWorkspaceCopy(target, { fresh = false } = {}) {
  if (!existsSync(fixtureWorkspace)) throw new Error(`fixture workspace missing: ${fixtureWorkspace}`);
  if (fresh) rmSync(target, { recursive: true, force: true });
  if (!existsSync(target)) cpSync(fixtureWorkspace, target, { recursive: true });
  return target;
}

/** Writes this stage's mocha counts where scripts/test-all.mjs asked for them. */
export function reportCounts({ passed = 0, failed = 0, pending = 0, skipped = false }) {
  if (process.env.TILLER_TEST_COUNTS) {
    writeFileSync(process.env.TILLER_TEST_COUNTS, JSON.stringify({ passed, failed, pending, skipped }));
  }
}

/**
 * Loads test files into mocha one by one, so one file that throws at load time (a missing
 * fixture, a syntax error) is reported and counted instead of hiding every other file's tests.
 * Returns the files that failed to load, with their errors printed.
 */
export async function loadTestFiles(mocha, files, label) {
  const failed = [];
  for (const file of files) {
    mocha.files = [file];
    try {
      await mocha.loadFilesAsync();
    } catch (err) {
      failed.push(file);
      console.error(`${label}: ${file} failed to load:\n${err?.stack ?? err}\n`);
    }
  }
  mocha.files = [];
  return failed;
}
