// A sandbox in which real bash runs generated commands without being able to do anything: a
// temporary folder as the working directory, a PATH that holds only logging stubs (each appends
// its argv and the marker variables it sees to a log, and does nothing else) beside the real
// wrappers and shells, the environment cleared, no network (a fresh network namespace where the
// system allows one), and every case under timeout and ulimit. Generated commands never name a
// path outside the sandbox, so `exec`, `command` and PATH lookup can only reach the stubs.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Programs replaced by stubs: everything a generated command may name that is not a wrapper. */
export const STUBS = ['git', 'ls', 'cat', 'grep', 'make', 'rm', 'RM', 'curl', 'wget', 'id', 'tee'];
/** Real programs the checker sees through (§6.1); here they can only ever run stubs. */
const REAL = ['sh', 'dash', 'nice', 'env', 'timeout', 'xargs', 'nohup', 'stdbuf'];
/** Variables a stub reports when they are in its environment (the generator assigns only these). */
export const MARKERS = ['A', 'B', 'C', 'FOO', 'PAGER', 'BASH_ENV', 'LD_PRELOAD'];

export interface Ran {
  invocations: Invocation[];
  /** `bash -n -c` accepted the text. */
  parses: boolean;
}

export interface Invocation {
  argv: string[];
  /** `NAME=VALUE` of the markers the stub saw, in MARKERS order. */
  env: string[];
}

/** Real bash 5.2, or null (the oracle then skips, saying so). */
export function findBash(): string | null {
  for (const path of ['/bin/bash', '/usr/bin/bash']) {
    const r = spawnSync(path, ['-c', 'echo "$BASH_VERSION"'], { encoding: 'utf8' });
    if (r.status === 0 && /^5\.2\./.test(r.stdout.trim())) return path;
  }
  return null;
}

/** What the sandbox needs besides bash: coreutils' timeout. */
export function missingTools(): string[] {
  const tools = ['/usr/bin/timeout'];
  return tools.filter((t) => spawnSync(t, ['--version']).status !== 0);
}

function which(name: string): string | null {
  for (const dir of ['/usr/bin', '/bin']) {
    const path = join(dir, name);
    if (spawnSync('/usr/bin/test', ['-x', path]).status === 0) return path;
  }
  return null;
}

export class Sandbox {
  private readonly root = mkdtempSync(join(tmpdir(), 'tiller-oracle-'));
  private readonly bin = join(this.root, 'bin');
  private readonly work = join(this.root, 'work');
  private readonly log = join(this.root, 'log');
  private readonly driver = join(this.root, 'driver.sh');
  private readonly cases = join(this.root, 'cases');

  constructor(private readonly bash: string) {
    mkdirSync(this.bin);
    mkdirSync(this.work);
    writeFileSync(join(this.work, 'f'), 'x\n');
    symlinkSync(bash, join(this.bin, 'bash'));
    for (const name of REAL) {
      const real = which(name);
      if (real) symlinkSync(real, join(this.bin, name));
    }
    for (const name of STUBS) {
      const stub = join(this.bin, name);
      // -p: a stub never reads BASH_ENV nor imports functions, whatever the case put in its environment.
      // The record is built first and appended with one write: stubs of one pipeline run at once,
      // and records written piece by piece interleave in the log (a false alarm under load).
      writeFileSync(
        stub,
        `#!${bash} -p\n` +
          `r=$(printf '%s\\x1f' "\${0##*/}" "$@"; printf '\\x1d'; ` +
          `for v in ${MARKERS.join(' ')}; do [[ -v $v ]] && printf '%s=%s\\x1f' "$v" "\${!v}"; done; ` +
          `printf '\\x1e'); printf '%s' "$r" >> ${JSON.stringify(this.log)}\n`,
      );
      chmodSync(stub, 0o755);
    }
    // One bash per case, with the environment cleared (the driver starts with none) and limits
    // set by ulimit. Every process of a case inherits fd 9, the write end of a pipe whose reader
    // ends only when the last of them exits: process substitutions and other stragglers are
    // logged under their own case, never the next. Then `bash -n` gives its verdict on the text.
    const q = JSON.stringify;
    writeFileSync(
      this.driver,
      [
        `export PATH=${q(this.bin)} HOME=${q(this.work)}`,
        `cd ${q(this.work)} || exit 1`,
        `i=0`,
        `while IFS= read -r -d '' c; do`,
        `  printf '\\x1c%d\\x1e' "$i" >> ${q(this.log)}`,
        `  ( ulimit -f 2048 -t 4 -n 64; exec /usr/bin/timeout -s KILL 5 ${bash} -c "$c" ) 9>&1 </dev/null >/dev/null 2>&1 | { read -r -t 10 _; }`,
        `  ${bash} -n -c "$c" </dev/null >/dev/null 2>&1`,
        `  printf '\\x1b%d' "$?" >> ${q(this.log)}`,
        `  i=$((i+1))`,
        `done < ${q(this.cases)}`,
        '',
      ].join('\n'),
    );
  }

  /** Runs every case in real bash: per case, the stub invocations in order, and whether `bash -n` parses it. */
  async run(commands: string[]): Promise<Ran[]> {
    writeFileSync(this.cases, commands.map((c) => `${c}\0`).join(''));
    writeFileSync(this.log, '');
    const isolated = spawnSync('/usr/bin/unshare', ['-n', '/usr/bin/true']).status === 0;
    const argv = isolated ? ['/usr/bin/unshare', '-n', this.bash, this.driver] : [this.bash, this.driver];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore', env: {} });
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
    return parseLog(readFileSync(this.log, 'latin1'), commands.length);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The log is bytes: \x1c case \x1e, per invocation argv \x1f… \x1d env \x1f… \x1e, then \x1b `bash -n` status. */
function parseLog(text: string, count: number): Ran[] {
  const out: Ran[] = Array.from({ length: count }, () => ({ invocations: [], parses: false }));
  for (const chunk of text.split('\x1c').slice(1)) {
    const [body, status] = chunk.split('\x1b');
    const records = body.split('\x1e');
    const ran = out[Number(records[0])];
    ran.parses = status === '0';
    for (const rec of records.slice(1)) {
      if (!rec) continue;
      const [argv, env] = rec.split('\x1d');
      const fields = (s: string | undefined) => (s ?? '').split('\x1f').slice(0, -1).map(utf8);
      ran.invocations.push({ argv: fields(argv), env: fields(env) });
    }
  }
  return out;
}

function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}
