// npm run test:desktop — the same integration suite (out/test/integration/index.js) in desktop VS Code
// through @vscode/test-electron, for machines with internet (laptops, hosted CI). It downloads VS Code
// from Microsoft's update server, so offline it fails at once: use `npm run test:integration` there.
// Env: TILLER_VSCODE_EXECUTABLE (use an installed VS Code instead of downloading),
// TILLER_VSCODE_VERSION (default 'stable'), TILLER_GREP (mocha grep).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './code-server.mjs';
import { copyFixtureWorkspace } from './steps.mjs';

const extensionTestsPath = join(repoRoot, 'out', 'test', 'integration', 'index.js');
if (!existsSync(extensionTestsPath)) {
  console.error(`test:desktop: ${extensionTestsPath} is missing; build first: node esbuild.config.mjs --tests`);
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'tiller-desktop-'));
const workspace = copyFixtureWorkspace(scratch);
let code;
try {
  code = await runTests({
    ...(process.env.TILLER_VSCODE_EXECUTABLE
      ? { vscodeExecutablePath: process.env.TILLER_VSCODE_EXECUTABLE }
      : { version: process.env.TILLER_VSCODE_VERSION ?? 'stable' }),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    extensionTestsEnv: process.env.TILLER_GREP ? { TILLER_GREP: process.env.TILLER_GREP } : {},
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      join(scratch, 'user-data'),
      '--extensions-dir',
      join(scratch, 'extensions'),
    ],
  });
} catch (err) {
  const text = String(err?.stack ?? err);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|Failed to get JSON|Failed to download/i.test(text)) {
    console.error(
      'test:desktop: could not download VS Code (no internet?). Offline, run the same suite in ' +
        'code-server with `npm run test:integration`, or point TILLER_VSCODE_EXECUTABLE at an installed VS Code.',
    );
    console.error(`  cause: ${err?.message ?? err}`);
  } else {
    console.error(`test:desktop: ${text}`);
  }
  code = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
