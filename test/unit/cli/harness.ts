// Runs the built CLI (`npm run build` first) against a private copy of the fixture workspace, with
// HOME pointing at an empty folder so that the developer's own ~/.kiro/steering stays out of it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../../..');
const cli = join(repoRoot, 'dist/cli.js');
const fixture = join(repoRoot, 'test/fixtures/specs-workspace');

/** Cases spawn node several times, and a cold start takes a few hundred ms on a loaded machine. */
export const SPAWN_TIMEOUT_MS = 20_000;

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'tiller-cli-'));
  readonly workspace = join(this.dir, 'ws');
  readonly home = join(this.dir, 'home');

  /** `empty`: start from an empty workspace instead of the fixture. */
  constructor(start: 'fixture' | 'empty' = 'fixture') {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    if (start === 'fixture') cpSync(fixture, this.workspace, { recursive: true });
    else mkdirSync(this.workspace);
    mkdirSync(this.home);
  }

  /** Writes files (workspace-relative path → text) into the workspace. */
  write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.workspace, path)), { recursive: true });
      writeFileSync(join(this.workspace, path), text);
    }
  }

  run(...args: string[]): Result {
    const r = spawnSync(process.execPath, [cli, ...args], {
      cwd: this.workspace,
      env: { ...process.env, HOME: this.home, USERPROFILE: this.home },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** Runs with `--json` and parses stdout, failing loudly with stderr when the command did. */
  json(...args: string[]): unknown {
    const r = this.run(...args, '--json');
    if (r.code !== 0 && r.code !== 1) throw new Error(`tiller ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Mocha hooks: each test of the block gets a fresh sandbox holding `files`. Returns a getter. */
export function useSandbox(files: Record<string, string>): () => Sandbox {
  let box: Sandbox | undefined;
  beforeEach(() => {
    box = new Sandbox();
    box.write(files);
  });
  afterEach(() => box?.dispose());
  return () => {
    if (!box) throw new Error('the sandbox exists only inside a test');
    return box;
  };
}
