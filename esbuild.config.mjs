// One build for every bundle: the extension (vscode external), the CLI, the webview, and, on
// request, the test suites and benchmarks. Tests are bundled like the product so that ESM-only
// dependencies (unified, remark) load the same way under mocha as inside the extension host.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Every file under dir whose name ends with suffix. */
function findFiles(dir, suffix) {
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(findFiles(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // ESM builds first: some packages' UMD builds (jsonc-parser) require their parts dynamically,
  // which a bundle cannot follow.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const builds = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...browser, entryPoints: ['webview-ui/src/main.tsx'], outfile: 'dist/webview/main.js', loader: { '.ttf': 'file' } },
  // Mermaid, on its own: the webview loads it only when a document holds a diagram.
  { ...browser, entryPoints: ['webview-ui/src/markdown/mermaid-entry.ts'], outfile: 'dist/webview/mermaid.js' },
];

if (args.has('--tests')) {
  builds.push({
    ...node,
    entryPoints: findFiles('test/unit', '.test.ts'),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    external: ['mocha'],
  });
  // The real-world corpus stage (scripts/test-all.mjs runs it when ../shared/real-specs exists).
  builds.push({
    ...node,
    entryPoints: findFiles('test/corpus', '.test.ts'),
    outdir: 'out/test/corpus',
    outbase: 'test/corpus',
    external: ['mocha'],
  });
  builds.push({
    ...node,
    entryPoints: ['test/integration/index.ts', ...findFiles('test/integration', '.test.ts')],
    outdir: 'out/test/integration',
    outbase: 'test/integration',
    external: ['vscode', 'mocha'],
  });
}
if (args.has('--bench')) {
  builds.push({ ...node, entryPoints: ['bench/index.ts'], outfile: 'out/bench/index.js', sourcemap: false });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
