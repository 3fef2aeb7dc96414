// npm start — a real VS Code with Tiller loaded from source on a sample workspace outside the
// checkout (scripts/sample-workspace.mjs: a copy of test/fixtures/specs-workspace under the cache,
// its own git repository; `npm start -- --fresh` makes it again). Desktop `code` when it is on PATH,
// otherwise a local code-server on 127.0.0.1 whose URL is printed. esbuild keeps rebuilding on change
// (reload the window to pick it up); Ctrl-C stops everything this started.
// Env: TILLER_USE_CODE_SERVER=1 forces code-server; TILLER_PORT picks its port; TILLER_CACHE.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, onCleanup, stopping } from './cleanup.mjs';
import { provisionCodeServer, repoRoot, startCodeServer } from './code-server.mjs';
import { cacheDir, sampleWorkspace } from './sample-workspace.mjs';
import { build } from './steps.mjs';

const args = new Set(process.argv.slice(2));

function sampleWorkspaceReady() {
  const workspace = sampleWorkspace({ fresh: args.has('--fresh') });
  console.log(`start: sample workspace ${workspace}`);
  return workspace;
}

function desktopCode() {
  if (process.env.TILLER_USE_CODE_SERVER) return undefined;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** esbuild --watch in its own process group, stopped with everything else. */
function watchBuild() {
  const child = spawn(process.execPath, ['esbuild.config.mjs', '--watch'], {
    cwd: repoRoot,
    detached: true,
    stdio: 'inherit',
  });
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  onCleanup(
    async () => kill('SIGTERM'),
    () => kill('SIGKILL'),
  );
}

async function main() {
  await build();
  const workspace = sampleWorkspaceReady();
  const code = desktopCode();
  if (code) {
    // Desktop VS Code manages its own window; this script's job ends when it has launched it.
    const child = spawn(code, ['--new-window', `--extensionDevelopmentPath=${repoRoot}`, workspace], {
      stdio: 'inherit',
    });
    await new Promise((resolve) => child.on('exit', resolve));
    console.log('start: opened desktop VS Code; rebuild with `npm run watch` while you work');
    return 0;
  }

  const codeServerDir = await provisionCodeServer({ browser: false });
  const server = await startCodeServer({
    codeServerDir,
    // Kept between runs, so settings and layout survive a restart.
    sandboxRoot: join(cacheDir, 'start-code-server'),
    logFile: join(cacheDir, 'start-code-server.log'),
    // The extensionDevelopmentPath URL payload is honoured only with the smoke-test driver, which
    // hides notification toasts; an extensions-dir link to the repo loads the same build with none
    // of that.
    prepare: (dirs) => {
      const link = join(dirs.extensions, 'tiller.tiller-dev');
      rmSync(link, { force: true });
      symlinkSync(repoRoot, link);
    },
    ...(process.env.TILLER_PORT ? { port: Number(process.env.TILLER_PORT) } : {}),
  });
  if (!args.has('--no-watch')) watchBuild();
  const url = server.workbenchUrl({ folder: workspace });
  console.log(`\nTiller in code-server:\n\n  ${url}\n`);
  console.log(`code-server log: ${server.logFile}\nCtrl-C to stop.`);
  const exitCode = await server.exited;
  if (stopping()) return 0;
  console.error(`start: code-server exited by itself (${exitCode}); see ${server.logFile}`);
  return 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  console.error(`start: ${err?.stack ?? err}`);
} finally {
  await cleanupAll();
}
process.exit(exitCode);
