// npm run test:integration — Tiller's mocha suite inside a real VS Code extension host
// (code-server), driven the way @vscode/test-electron's runTests drives desktop VS Code.
// Env: TILLER_GREP (mocha grep), TILLER_INTEGRATION_TIMEOUT_S (default 300), TILLER_KEEP_TEMP,
// TILLER_SKIP_BUILD, TILLER_TEST_COUNTS (set by test-all.mjs).
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { cleanupAll, onCleanup, stopping } from './cleanup.mjs';
import { provisionCodeServer, repoRoot, startCodeServer } from './code-server.mjs';
import { createExtensionHostFilter, plainMessage } from './console-forward.mjs';
import { build, copyFixtureWorkspace } from './steps.mjs';

const timeoutSeconds = Number(process.env.TILLER_INTEGRATION_TIMEOUT_S ?? 300);
const outputDir = join(repoRoot, 'test-output');
const workbenchLog = join(outputDir, 'integration-workbench.log');

async function main() {
  const started = Date.now();
  await build({ tests: true });
  const codeServerDir = await provisionCodeServer();

  const wsParent = mkdtempSync(join(tmpdir(), 'tiller-it-ws-'));
  onCleanup(() => rmSync(wsParent, { recursive: true, force: true }));
  const workspace = copyFixtureWorkspace(wsParent);

  mkdirSync(outputDir, { recursive: true });
  writeFileSync(workbenchLog, '');
  const env = {};
  if (process.env.TILLER_GREP) env.TILLER_GREP = process.env.TILLER_GREP;
  if (process.env.TILLER_TEST_COUNTS) env.TILLER_TEST_COUNTS = process.env.TILLER_TEST_COUNTS;
  const server = await startCodeServer({
    codeServerDir,
    smokeTestDriver: true,
    env,
    logFile: join(outputDir, 'integration-code-server.log'),
    // VS Code accepts a language-model provider only for a vendor some extension contributes; this
    // test-only extension contributes the one test/integration/agent.test.ts registers.
    prepare: (dirs) => {
      cpSync(
        join(repoRoot, 'test', 'support', 'lm-test-vendor'),
        join(dirs.extensions, 'tiller-test.lm-test-vendor-0.0.1'),
        { recursive: true },
      );
      // The tests make the workspace a git repository. VS Code's own git extension, in the same
      // extension host as mocha, then feeds paths to git processes that may exit first: its
      // uncaught EPIPE would be blamed on whichever test is running. Tiller uses the git CLI.
      mkdirSync(join(dirs.userData, 'User'), { recursive: true });
      writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ 'git.enabled': false }, null, 2));
    },
  });

  const { page } = await launchChromium();
  let settle;
  let finished = false;
  const exited = new Promise((resolve) => (settle = resolve));
  // The workbench calls this when the tests module's run() settles (smoke-test driver only).
  await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
  // Forward in arrival order: argument values are fetched asynchronously.
  let forwarding = Promise.resolve();
  const extensionHostLine = createExtensionHostFilter();
  page.on('console', (message) => {
    forwarding = forwarding.then(async () => {
      const { level, text } = await plainMessage(message);
      appendFileSync(workbenchLog, `[${level}] ${text}\n`);
      const line = extensionHostLine(text);
      if (line !== undefined) (level === 'error' || level === 'err' ? console.error : console.log)(line);
    });
  });
  page.on('pageerror', (err) => appendFileSync(workbenchLog, `[pageerror] ${err.stack ?? err}\n`));
  // No result will come from a crashed page or a dead server: fail now rather than at the timeout.
  page.on('crash', () => {
    console.error('integration: the workbench page crashed');
    settle(1);
  });
  server.exited.then((exit) => {
    if (finished || stopping()) return;
    console.error(`integration: code-server exited early (${exit}); log ${server.logFile}`);
    settle(1);
  });

  const url = server.workbenchUrl({
    folder: workspace,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  });
  await page.goto(url);
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000);
  });
  const result = await Promise.race([exited, timedOut]);
  finished = true;
  clearTimeout(timer);
  await forwarding;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result === 'timeout') {
    console.error(
      `integration: no result within ${timeoutSeconds} s (TILLER_INTEGRATION_TIMEOUT_S); workbench log: ${workbenchLog}`,
    );
    return 1;
  }
  console.log(`integration: exit code ${result} after ${seconds} s`);
  return result;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`integration: ${err?.stack ?? err}`);
} finally {
  await cleanupAll();
}
process.exit(code);
