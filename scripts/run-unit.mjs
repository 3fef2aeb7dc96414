// Unit tests (core, no VS Code): builds the test bundles and runs mocha over
// out/test/unit/**/*.test.js in this process, one fresh mocha instance per file, so a file that
// fails to load is one failure and leaves every other file's suites as they were.
// `--suite corpus` runs out/test/corpus instead: the real-world `.kiro` files of ../shared/real-specs
// (other people's files, never copied into the repository), skipped with a message when absent.
// Env: TILLER_GREP, TILLER_TEST_COUNTS, TILLER_SKIP_BUILD, TILLER_REAL_SPECS (the corpus folder).
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from './code-server.mjs';
import { build, reportCounts } from './steps.mjs';

const suiteArg = process.argv.indexOf('--suite');
const suite = suiteArg >= 0 ? process.argv[suiteArg + 1] : 'unit';

/** The spec reporter, minus its per-file "N passing" epilogue unless something failed. */
class FileReporter extends Mocha.reporters.Spec {
  epilogue() {
    if (this.stats.failures > 0) super.epilogue();
  }
}

async function runFile(file) {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: FileReporter,
    timeout: 10_000,
    ...(process.env.TILLER_GREP ? { grep: process.env.TILLER_GREP } : {}),
  });
  mocha.files = [file];
  try {
    await mocha.loadFilesAsync();
  } catch (err) {
    console.error(`${suite}: ${relative(repoRoot, file)} failed to load:\n${err?.stack ?? err}\n`);
    return { passes: 0, failures: 1, pending: 0 };
  }
  const stats = await new Promise((resolveStats) => {
    const runner = mocha.run(() => resolveStats(runner.stats));
  });
  mocha.dispose();
  return stats;
}

async function main() {
  if (suite === 'corpus') {
    const corpus = resolve(process.env.TILLER_REAL_SPECS ?? join(repoRoot, '..', 'shared', 'real-specs'));
    if (!existsSync(corpus)) {
      console.log(`corpus: skipped: no real-world corpus at ${corpus} (set TILLER_REAL_SPECS to run it)`);
      reportCounts({ skipped: true });
      return 0;
    }
    process.env.TILLER_REAL_SPECS = corpus;
  }
  await build({ tests: true });
  const dir = join(repoRoot, 'out', 'test', suite);
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .filter((name) => name.endsWith('.test.js'))
        .sort()
        .map((name) => join(dir, name))
    : [];
  if (files.length === 0) {
    console.log(`${suite}: no test files`);
    reportCounts({});
    return 0;
  }
  const total = { passes: 0, failures: 0, pending: 0 };
  for (const file of files) {
    const stats = await runFile(file);
    total.passes += stats.passes;
    total.failures += stats.failures;
    total.pending += stats.pending;
  }
  console.log(`\n${suite}: ${total.passes} passing, ${total.failures} failing, ${total.pending} pending`);
  reportCounts({ passed: total.passes, failed: total.failures, pending: total.pending });
  return total.failures > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`${suite}: ${err?.stack ?? err}`);
}
process.exit(code);
