// Unit tests (core, no VS Code): builds the test bundles and runs mocha over
// out/test/unit/**/*.test.js in this process. Env: TILLER_GREP, TILLER_TEST_COUNTS, TILLER_SKIP_BUILD.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from './code-server.mjs';
import { build, reportCounts } from './steps.mjs';

async function main() {
  await build({ tests: true });
  const dir = join(repoRoot, 'out', 'test', 'unit');
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true }).filter((name) => name.endsWith('.test.js')).sort()
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
  for (const file of files) mocha.addFile(join(dir, file));
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  reportCounts({ passed: stats.passes, failed: stats.failures, pending: stats.pending });
  return stats.failures > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`unit: ${err?.stack ?? err}`);
}
process.exit(code);
