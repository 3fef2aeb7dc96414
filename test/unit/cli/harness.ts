// Runs the built CLI (`npm run build` first) against a private copy of the fixture workspace, with
// HOME pointing at an empty folder so that the developer's own ~/.kiro/steering stays out of it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../../..');
const cli = join(repoRoot, 'dist/cli.js');
const fixture = join(repoRoot, 'test/fixtures/specs-workspace');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'tiller-cli-'));
  readonly workspace = join(this.dir, 'ws');
  readonly home = join(this.dir, 'home');

  constructor() {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    cpSync(fixture, this.workspace, { recursive: true });
    mkdirSync(this.home);
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
