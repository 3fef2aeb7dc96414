// npm test — every stage in order, each in its own process: provisioning (Debian packages, Node 24
// and code-server; first use only does real work), lint, typecheck (one tsconfig per runtime), unit,
// corpus (the real-world specs beside the checkout, when present), webview (browser), integration
// (extension host), e2e (browser driving VS Code). A failing stage does not stop the next. The last
// line is exactly "tests: N passed, N failed", summed from mocha's counts; a stage that fails without
// mocha counts (lint, typecheck, a crash, a build error) adds 1 to failed. Exits non-zero if
// anything failed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';
import { run } from './steps.mjs';

const node = process.execPath;
const bin = (pkg, ...path) => join(repoRoot, 'node_modules', pkg, ...path);
const tsc = (config) => [bin('typescript', 'bin', 'tsc'), '-p', config];
const stages = [
  { name: 'provision', command: 'bash', args: ['scripts/provision.sh'], quiet: true },
  { name: 'lint', args: [bin('eslint', 'bin', 'eslint.js'), '.'] },
  { name: 'format', args: [bin('prettier', 'bin', 'prettier.cjs'), '--check', '--log-level', 'warn', '.'] },
  ...['core', 'extension', 'webview', 'test'].map((runtime) => ({
    name: `types:${runtime}`,
    args: tsc(`tsconfig.${runtime}.json`),
  })),
  { name: 'unit', args: ['scripts/run-unit.mjs'] },
  { name: 'corpus', args: ['scripts/run-unit.mjs', '--suite', 'corpus'] },
  { name: 'webview', args: ['scripts/run-webview-tests.mjs'] },
  { name: 'integration', args: ['scripts/run-integration.mjs'] },
  { name: 'e2e', args: ['scripts/run-e2e.mjs'] },
];

const scratch = mkdtempSync(join(tmpdir(), 'tiller-test-all-'));
const results = [];
let stopping = false;
// Ctrl-C reaches the stage's process group too; each stage stops its own code-server and browser.
process.on('SIGINT', () => (stopping = true));
process.on('SIGTERM', () => (stopping = true));

for (const stage of stages) {
  if (stopping) break;
  console.log(`\n=== ${stage.name} ===`);
  const countsFile = join(scratch, `${stage.name}.json`);
  const started = Date.now();
  const exitCode = await run(stage.command ?? node, stage.args, {
    env: { ...process.env, TILLER_TEST_COUNTS: countsFile },
    stdio: stage.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  const seconds = (Date.now() - started) / 1000;
  let counts;
  try {
    counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  } catch {
    counts = undefined;
  }
  const passed = counts?.passed ?? 0;
  let failed = counts?.failed ?? 0;
  if (exitCode !== 0 && failed === 0) failed = 1;
  results.push({ name: stage.name, exitCode, passed, failed, seconds, skipped: counts?.skipped === true });
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const r of results) {
  const status = r.exitCode !== 0 ? 'FAIL' : r.skipped ? 'skip' : 'ok  ';
  console.log(
    `${status} ${r.name.padEnd(16)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s`,
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0) + (stopping ? 1 : 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
