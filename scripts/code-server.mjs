// Runs code-server (VS Code's real workbench and extension host) for tests and the dev launcher.
// @vscode/test-electron cannot download VS Code without internet; code-server comes from the npm
// registry; scripts/provision.sh installs it (and the Debian packages every stage needs).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const provisionScript = join(repoRoot, 'scripts', 'provision.sh');

/** Installs the Debian packages the tests need when missing (chromium, libkrb5-dev, git, ...). */
export function provisionSystemPackages() {
  const result = spawnSync('bash', [provisionScript, 'system'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`scripts/provision.sh system failed (exit ${result.status})`);
}

/**
 * Installs code-server on first use (about 3 minutes) and returns its install folder. With
 * `browser: false` (npm start) the Debian packages it checks leave out chromium.
 */
export async function provisionCodeServer({ browser = true } = {}) {
  const stdout = await new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [provisionScript, browser ? 'all' : 'code-server'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`scripts/provision.sh failed (exit ${code})`)),
    );
  });
  const dir = stdout.trim().split('\n').pop();
  if (!dir || !existsSync(join(dir, 'node'))) throw new Error(`provisioning printed no install folder: ${stdout}`);
  return dir;
}

/** A port on 127.0.0.1 that was free a moment ago (startCodeServer retries if it is taken). */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** The environment of the parent minus what would make code-server talk to another VS Code. */
function baseEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || key === 'NODE_OPTIONS') delete env[key];
  }
  return env;
}

function sandboxDirs(root) {
  const dirs = {
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    config: join(root, 'xdg-config'),
    data: join(root, 'xdg-data'),
    cache: join(root, 'xdg-cache'),
    state: join(root, 'xdg-state'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts code-server on 127.0.0.1 in a throwaway sandbox, detached in its own process group, and
 * resolves once it answers HTTP.
 * @param {object} options
 * @param {string} options.codeServerDir  from provisionCodeServer()
 * @param {boolean} [options.smokeTestDriver]  needed for extensionTestsPath runs (codeAutomationExit)
 * @param {Record<string,string>} [options.env]  extra environment; reaches the extension host
 * @param {string} [options.logFile]  where code-server's own output goes (default: in the sandbox)
 * @param {(dirs: object) => void} [options.prepare]  called with the sandbox dirs before start,
 *   e.g. to put an extension folder into dirs.extensions or settings into dirs.userData
 * @param {string} [options.sandboxRoot]  reuse this folder instead of a fresh temp one (kept at stop)
 * @param {number} [options.port]  a fixed port instead of a free one
 */
export async function startCodeServer(options) {
  const { codeServerDir, smokeTestDriver = false, env = {}, prepare, sandboxRoot } = options;
  const root = sandboxRoot ?? mkdtempSync(join(tmpdir(), 'tiller-code-server-'));
  const dirs = sandboxDirs(root);
  prepare?.(dirs);
  const logFile = options.logFile ?? join(root, 'code-server.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const removeSandbox = () => {
    if (!sandboxRoot && !process.env.TILLER_KEEP_TEMP) rmSync(root, { recursive: true, force: true });
  };

  const node = join(codeServerDir, 'node');
  const entry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = options.port ?? (await freePort());
    const args = [
      entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ];
    const logFd = openSync(logFile, 'a');
    const child = spawn(node, args, {
      cwd: dirs.home,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: {
        ...baseEnv(),
        HOME: dirs.home,
        TMPDIR: dirs.tmp,
        XDG_CONFIG_HOME: dirs.config,
        XDG_DATA_HOME: dirs.data,
        XDG_CACHE_HOME: dirs.cache,
        XDG_STATE_HOME: dirs.state,
        // No internet here: a dead gallery fails fast instead of hanging on DNS.
        EXTENSIONS_GALLERY: JSON.stringify({
          serviceUrl: 'http://127.0.0.1:9/gallery',
          itemUrl: 'http://127.0.0.1:9/item',
        }),
        ...env,
      },
    });
    closeSync(logFd);
    const pid = child.pid;
    let exited = false;
    const exitPromise = new Promise((resolveExit) =>
      child.on('exit', (code, signal) => {
        exited = true;
        resolveExit(code ?? signal);
      }),
    );

    const killGroup = (signal) => {
      try {
        process.kill(-pid, signal);
      } catch {
        // Already gone.
      }
    };
    const stopGroup = async () => {
      if (groupAlive(pid)) {
        killGroup('SIGTERM');
        if (!(await waitUntil(() => !groupAlive(pid), 5000))) {
          killGroup('SIGKILL');
          await waitUntil(() => !groupAlive(pid), 5000);
        }
      }
    };
    let unregister = () => {};
    const stop = async () => {
      unregister();
      await stopGroup();
      removeSandbox();
    };
    unregister = onCleanup(stop, () => killGroup('SIGKILL'));

    const baseUrl = `http://127.0.0.1:${port}`;
    const answered = await waitUntil(
      async () => {
        if (exited) return true;
        try {
          const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
          return res.ok;
        } catch {
          return false;
        }
      },
      60_000,
      200,
    );
    if (answered && !exited) {
      return {
        port,
        baseUrl,
        pid,
        dirs,
        logFile,
        stop,
        /** Resolves with code-server's exit code (or signal) when its main process ends. */
        exited: exitPromise,
        /** The workbench URL for a folder, optionally loading an extension from source and its tests. */
        workbenchUrl: ({ folder, extensionDevelopmentPath, extensionTestsPath } = {}) =>
          workbenchUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath }),
      };
    }
    const log = tail(logFile);
    await stopGroup();
    unregister();
    lastError = new Error(
      `code-server did not answer on ${baseUrl}${exited ? ' (it exited)' : ' within 60 s'}; log ${logFile}:\n${log}`,
    );
    if (options.port || !/EADDRINUSE/.test(log)) break;
  }
  removeSandbox();
  throw lastError;
}

/** URL that opens `folder` with an extension loaded from source (the runTests equivalent). */
export function workbenchUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${resolve(path)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(resolve(folder))}`);
  if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://127.0.0.1:${port}/${query.length ? `?${query.join('&')}` : ''}`;
}
