// The sample workspace `npm start` (and the desktop "Run Extension" launch) opens: a copy of
// test/fixtures/specs-workspace outside the checkout, made its own git repository with one commit,
// so the agent's `git status` / `npm test` act on the sample, never on Tiller's checkout, and
// VS Code's Git does not find Tiller's repository in a parent folder.
// CLI: `node scripts/sample-workspace.mjs [--fresh]` prints its path.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWorkspaceCopy } from './steps.mjs';

/** Where provisioning and the sample live (scripts/provision.sh uses the same default). */
export const cacheDir = process.env.TILLER_CACHE || join(homedir(), '.cache', 'tiller');

/** Makes (when missing, or always when fresh) and returns the sample workspace. */
export function sampleWorkspace({ fresh = false } = {}) {
  const target = join(cacheDir, 'sample-workspace');
  const existed = existsSync(join(target, '.git'));
  ensureWorkspaceCopy(target, { fresh: fresh || !existed });
  if (fresh || !existed) {
    const git = (...args) =>
      execFileSync('git', ['-c', 'user.name=Tiller', '-c', 'user.email=tiller@localhost', ...args], {
        cwd: target,
        stdio: 'ignore',
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '--no-gpg-sign', '-m', 'Sample workspace');
  }
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(sampleWorkspace({ fresh: process.argv.includes('--fresh') }));
}
