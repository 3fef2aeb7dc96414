// The fake model server in a child process, for tests whose model client is not in the test's
// own process. The CLI is bundled on first use (the test build bundles only test files).
//
//   const fake = await spawnFakeModelServer({ script: [{ text: 'Hello' }] });
//   ... point the product at fake.url (OpenAI: `${fake.url}/v1`) ...
//   const requests = await fake.requests();
//   await fake.stop();

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FakeTurn, RecordedRequest } from './fake-model-server';

export interface FakeModelProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
  /** What the server has received so far. */
  requests(): Promise<RecordedRequest[]>;
  /** Appends turns to the script. */
  script(turns: FakeTurn[]): Promise<void>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  script?: FakeTurn[];
  models?: string[];
  apiKey?: string;
  lifetimeMs?: number;
  /** The repository root; default: found upward from the working directory. */
  root?: string;
}

function repositoryRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'test/support/fake-model-server-cli.ts'))) return dir;
    if (dirname(dir) === dir) throw new Error(`fake model server: no repository root above ${start}`);
  }
}

let built: string | undefined;

/** Bundles the CLI into out/test/support once per test process. */
export function buildFakeModelServerCli(root = repositoryRoot(process.cwd())): string {
  if (built) return built;
  const outfile = join(root, 'out/test/support/fake-model-server-cli.js');
  execFileSync(
    join(root, 'node_modules/.bin/esbuild'),
    [
      'test/support/fake-model-server-cli.ts',
      '--bundle',
      '--platform=node',
      '--target=node20',
      '--format=cjs',
      '--log-level=warning',
      `--outfile=${outfile}`,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  built = outfile;
  return outfile;
}

export async function spawnFakeModelServer(options: SpawnOptions = {}): Promise<FakeModelProcess> {
  const cli = buildFakeModelServerCli(options.root);
  const args = [cli];
  if (options.script) {
    const file = join(mkdtempSync(join(tmpdir(), 'tiller-fake-model-')), 'script.json');
    writeFileSync(file, JSON.stringify(options.script));
    args.push('--script', file);
  }
  if (options.models) args.push('--models', options.models.join(','));
  if (options.apiKey) args.push('--api-key', options.apiKey);
  if (options.lifetimeMs) args.push('--lifetime-ms', String(options.lifetimeMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (data: Buffer) => {
      stdout += data.toString();
      const lines = stdout.split('\n');
      if (lines.length > 1) resolve(lines[0].trim());
    });
    child.once('exit', (code) => reject(new Error(`fake model server exited (${code}) before listening: ${stderr}`)));
    child.once('error', reject);
  });

  return {
    url,
    child,
    requests: async () => (await (await fetch(`${url}/_fake/requests`)).json()) as RecordedRequest[],
    script: async (turns) => {
      const response = await fetch(`${url}/_fake/script`, { method: 'POST', body: JSON.stringify(turns) });
      if (!response.ok) throw new Error(`fake model server refused the script: ${await response.text()}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
