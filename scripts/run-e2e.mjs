// npm run test:e2e — browser-driven end-to-end tests: chromium (playwright-core) on a real VS Code
// workbench (code-server) with Tiller loaded from source on a copy of the fixture workspace.
// The tests (test/e2e/*.e2e.ts) are bundled by esbuild here and run by mocha in this process.
// Env: TILLER_GREP (mocha grep), TILLER_E2E_TIMEOUT_S (whole run, default 600), TILLER_KEEP_TEMP,
// TILLER_SKIP_BUILD, TILLER_TEST_COUNTS (set by test-all.mjs).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import Mocha from 'mocha';
import { cleanupAll, onCleanup } from './cleanup.mjs';
import { provisionCodeServer, repoRoot, startCodeServer } from './code-server.mjs';
import { build, copyFixtureWorkspace, loadTestFiles, reportCounts } from './steps.mjs';

const timeoutSeconds = Number(process.env.TILLER_E2E_TIMEOUT_S ?? 600);
const e2eDir = join(repoRoot, 'test', 'e2e');
const outDir = join(repoRoot, 'out', 'test', 'e2e');

async function bundleTests() {
  const entryPoints = readdirSync(e2eDir)
    .filter((name) => name.endsWith('.e2e.ts'))
    .map((name) => join(e2eDir, name));
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['playwright-core', 'mocha'],
  });
  return entryPoints.map((path) => join(outDir, path.slice(e2eDir.length + 1).replace(/\.ts$/, '.js')));
}

/**
 * The fake model server (test/support) in its own process, for runs started in the workbench:
 * the agent's user settings point at it; tests script it through its control routes.
 */
async function startFakeModel() {
  const cli = join(repoRoot, 'out', 'test', 'support', 'fake-model-server-cli.js');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test', 'support', 'fake-model-server-cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const child = spawn(process.execPath, [cli, '--lifetime-ms', String((timeoutSeconds + 120) * 1000)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onCleanup(
    () => child.kill('SIGTERM'),
    () => child.kill('SIGKILL'),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    child.once('exit', (code) => reject(new Error(`fake model server exited (${code}) before listening`)));
  });
}

async function main() {
  await build();
  const modelUrl = await startFakeModel();
  process.env.TILLER_E2E_MODEL_URL = modelUrl;
  const files = await bundleTests();
  if (files.length === 0) throw new Error(`no *.e2e.ts files in ${e2eDir}`);
  const codeServerDir = await provisionCodeServer();

  const wsParent = mkdtempSync(join(tmpdir(), 'tiller-e2e-ws-'));
  onCleanup(() => rmSync(wsParent, { recursive: true, force: true }));
  const workspace = copyFixtureWorkspace(wsParent);
  mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
  // With the smoke-test driver notification toasts are hidden; tests read the notification centre.
  const server = await startCodeServer({
    codeServerDir,
    smokeTestDriver: true,
    logFile: join(repoRoot, 'test-output', 'e2e-code-server.log'),
    // The agent runs on the fake model (no key: a local endpoint needs none).
    prepare: (dirs) => {
      mkdirSync(join(dirs.userData, 'User'), { recursive: true });
      const settings = {
        'tiller.agent.provider': 'openai',
        'tiller.agent.baseUrl': `${modelUrl}/v1`,
        'tiller.agent.model': 'fake-model',
      };
      const settingsFile = join(dirs.userData, 'User', 'settings.json');
      writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
      // The walkthrough test starts a window without them, as a new user has none.
      process.env.TILLER_E2E_USER_SETTINGS = settingsFile;
    },
  });
  process.env.TILLER_E2E_URL = server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot });
  process.env.TILLER_E2E_WORKSPACE = workspace;

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 60_000,
    ...(process.env.TILLER_GREP ? { grep: process.env.TILLER_GREP } : {}),
  });
  const unloadable = await loadTestFiles(mocha, files, 'e2e');
  let timer;
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => {
      clearTimeout(timer);
      resolve(runner.stats);
    });
    timer = setTimeout(() => {
      console.error(`e2e: aborting after ${timeoutSeconds} s (TILLER_E2E_TIMEOUT_S)`);
      runner.abort();
    }, timeoutSeconds * 1000);
  });
  const counts = { passed: stats.passes, failed: stats.failures + unloadable.length, pending: stats.pending };
  reportCounts(counts);
  console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending`);
  return counts.failed > 0 || counts.passed === 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`e2e: ${err?.stack ?? err}`);
} finally {
  await cleanupAll();
}
process.exit(code);
