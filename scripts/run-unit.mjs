// Unit tests (core, no VS Code): builds the test bundles and runs mocha over
// out/test/unit/**/*.test.js in this process. Env: TILLER_GREP, TILLER_TEST_COUNTS, TILLER_SKIP_BUILD.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from './code-server.mjs';
import { build, loadTestFiles, reportCounts } from './steps.mjs';

async function main() {
  await build({ tests: true });
  const dir = join(repoRoot, 'out', 'test', 'unit');
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .filter((name) => name.endsWith('.test.js'))
        .sort()
    : [];
  if (files.length === 0) {
    console.log('unit: no test files');
    reportCounts({});
    return 0;
  }
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 10_000,
    ...(process.env.TILLER_GREP ? { grep: process.env.TILLER_GREP } : {}),
  });
  const unloadable = await loadTestFiles(
    mocha,
    files.map((file) => join(dir, file)),
    'unit',
  );
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  const failed = stats.failures + unloadable.length;
  if (unloadable.length) console.error(`unit: ${unloadable.length} file(s) failed to load, counted as failures`);
  reportCounts({ passed: stats.passes, failed, pending: stats.pending });
  return failed > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`unit: ${err?.stack ?? err}`);
}
process.exit(code);
