// Webview tests: the real webview bundle in a real Chromium, against a fake host page that
// speaks src/protocol.ts (test/webview/fake-host/). Builds the product, bundles the fake host and
// every test/webview/*.test.ts into one mocha file (one browser for the whole run), runs mocha here.
//   node scripts/run-webview-tests.mjs           run the tests (TILLER_GREP, TILLER_SKIP_BUILD, TILLER_TEST_COUNTS)
//   node scripts/run-webview-tests.mjs --bench   production bundle, print benchmark rows as JSON (bench/webview.ts)
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import Mocha from 'mocha';
import { provisionSystemPackages, repoRoot } from './code-server.mjs';
import { build, reportCounts } from './steps.mjs';
import { cleanupAll } from './cleanup.mjs';

const out = join(repoRoot, 'out', 'test', 'webview');
const bench = process.argv.includes('--bench');

/** The fake host page's script: a browser bundle of the engine, with node:crypto shimmed. */
async function buildFakeHost() {
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test/webview/fake-host/host.ts')],
    outfile: join(out, 'fake-host.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: true,
    alias: { 'node:crypto': join(repoRoot, 'test/webview/fake-host/crypto-shim.ts') },
    logLevel: 'warning',
  });
}

/** Node side: every test file in one bundle, so they share one server and one browser. */
async function buildNodeBundle(entry, outfile) {
  await esbuild.build({
    ...entry,
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    sourcemap: true,
    external: ['playwright-core', 'mocha', 'esbuild'],
    logLevel: 'warning',
  });
}

async function runTests() {
  // Chromium (a Debian package) on first use, as in npm test's provisioning stage.
  provisionSystemPackages();
  await build();
  rmSync(out, { recursive: true, force: true });
  const files = readdirSync(join(repoRoot, 'test/webview'))
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  await Promise.all([
    buildFakeHost(),
    buildNodeBundle(
      {
        stdin: {
          contents: files.map((f) => `import ${JSON.stringify('./' + f)};`).join('\n'),
          resolveDir: join(repoRoot, 'test/webview'),
          loader: 'ts',
        },
      },
      join(out, 'all.test.js'),
    ),
  ]);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 30_000,
    ...(process.env.TILLER_GREP ? { grep: process.env.TILLER_GREP } : {}),
  });
  mocha.addFile(join(out, 'all.test.js'));
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  reportCounts({ passed: stats.passes, failed: stats.failures, pending: stats.pending });
  return stats.failures > 0 ? 1 : 0;
}

async function runBench() {
  const benchOut = join(repoRoot, 'out', 'webview-bench');
  rmSync(benchOut, { recursive: true, force: true });
  // The bundle as shipped: `npm run package` builds the webview with these options.
  await esbuild.build({
    entryPoints: [join(repoRoot, 'webview-ui/src/main.tsx')],
    outfile: join(benchOut, 'main.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.ttf': 'file' },
    logLevel: 'warning',
  });
  await Promise.all([
    buildFakeHost(),
    buildNodeBundle({ entryPoints: [join(repoRoot, 'test/webview/measure.bench.ts')] }, join(out, 'measure.bench.js')),
  ]);
  const { measureWebview } = await import(join(out, 'measure.bench.js'));
  const rows = await measureWebview(benchOut);
  console.log(JSON.stringify(rows));
  return 0;
}

let code = 1;
try {
  code = bench ? await runBench() : await runTests();
} catch (err) {
  console.error(`webview: ${err?.stack ?? err}`);
}
await cleanupAll();
process.exit(code);
