// The extension-tests entry that VS Code loads (extensionTestsPath): runs every compiled
// *.test.js beside this file under mocha, inside the extension host. The same file serves
// code-server (scripts/run-integration.mjs) and @vscode/test-electron (scripts/run-desktop.mjs).
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // The forwarded console would print escape codes literally.
    color: false,
    timeout: 20_000,
    ...(process.env.TILLER_GREP ? { grep: process.env.TILLER_GREP } : {}),
  });
  const files = (readdirSync(__dirname, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(join(__dirname, file));
  await mocha.loadFilesAsync();

  // scripts/console-forward.mjs shows on stdout only what lies between these two lines.
  console.log('--- tiller integration tests: begin ---');

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({} as Mocha.Stats)));
  });
  const passed = stats.passes ?? 0;
  const failed = stats.failures ?? 0;
  const pending = stats.pending ?? 0;
  console.log(`integration: ${passed} passed, ${failed} failed, ${pending} pending (${files.length} files)`);
  console.log('--- tiller integration tests: end ---');
  // scripts/test-all.mjs sums mocha counts over its stages.
  if (process.env.TILLER_TEST_COUNTS) {
    writeFileSync(process.env.TILLER_TEST_COUNTS, JSON.stringify({ passed, failed, pending }));
  }
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
  if (passed === 0 && files.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
}
