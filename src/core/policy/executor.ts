// Runs a command the policy allowed (or a person approved) exactly as it was checked: `bash -c`
// with the checked string, in the workspace folder. The command gets its own process group so that
// a timeout or an abort ends everything it started, grandchildren included; nothing it starts may
// outlive it. Output is kept within a cap (head and tail, since errors tend to be at the end).
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { systemClock, type Clock, type TimerHandle } from '../clock';

export interface RunOptions {
  /** Working folder: the workspace root. */
  cwd: string;
  /** Default 120 s. */
  timeoutMs?: number;
  /** Bytes of output kept; half from the start, half from the end. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Called with output as it arrives (uncapped). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
  /** Written to the command's stdin, which is then closed (hooks pass event JSON this way). */
  stdin?: string;
  /** Base environment; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Names of variables Tiller itself set (model keys and the like): always removed. */
  secretNames?: readonly string[];
  /** Names the user chose to pass through although they look like secrets (e.g. `GITHUB_TOKEN`). */
  passEnv?: readonly string[];
  /** Time between SIGTERM and SIGKILL when ending the group. Default 2000 ms. */
  killGraceMs?: number;
  /** Measures the timeout, the kill grace and durationMs. Default: the system clock. */
  clock?: Clock;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  truncated: boolean;
  timedOut: boolean;
  aborted: boolean;
}

/** Looks like a credential by name. */
export const SECRET_NAME = /(_API_KEY|_TOKEN|_SECRET)$/i;

/**
 * The environment a command sees. Tiller cannot tell which credential-shaped variables it loaded
 * itself and which came from the user's shell, so the rule is simple and strict: every name in
 * `secretNames` and every name matching SECRET_NAME is removed, unless listed in `passEnv`.
 */
export function commandEnvironment(
  base: NodeJS.ProcessEnv,
  secretNames: readonly string[] = [],
  passEnv: readonly string[] = [],
): NodeJS.ProcessEnv {
  const drop = new Set(secretNames);
  const keep = new Set(passEnv);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (drop.has(name) || (SECRET_NAME.test(name) && !keep.has(name))) continue;
    env[name] = value;
  }
  return env;
}

/** Keeps the first and last `max / 2` bytes of a stream of chunks. */
class CappedBuffer {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.ceil(this.max / 2) - this.headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headBytes += part.length;
      chunk = chunk.subarray(part.length);
    }
    if (!chunk.length) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const limit = Math.floor(this.max / 2);
    while (this.tailBytes - this.tail[0].length >= limit) this.tailBytes -= this.tail.shift()!.length;
  }

  get truncated(): boolean {
    return this.total > this.headBytes + Math.min(this.tailBytes, Math.floor(this.max / 2));
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    let tail = Buffer.concat(this.tail);
    const limit = Math.floor(this.max / 2);
    if (tail.length > limit) tail = tail.subarray(tail.length - limit);
    if (!this.truncated) return head + tail.toString('utf8');
    const cut = this.total - this.headBytes - tail.length;
    return `${head}\n[… ${cut} bytes of output omitted …]\n${tail.toString('utf8')}`;
  }
}

export function runCommand(command: string, options: RunOptions): Promise<RunResult> {
  const clock = options.clock ?? systemClock;
  const start = clock.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const grace = options.killGraceMs ?? 2000;
  const buffer = new CappedBuffer(options.maxOutputBytes ?? 1024 * 1024);
  if (options.signal?.aborted) {
    return Promise.resolve({
      exitCode: null,
      signal: null,
      durationMs: 0,
      output: '',
      truncated: false,
      timedOut: false,
      aborted: true,
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd: options.cwd,
      env: commandEnvironment(options.env ?? process.env, options.secretNames, options.passEnv),
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let aborted = false;
    let killTimer: TimerHandle | undefined;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    const endGroup = () => {
      signalGroup('SIGTERM');
      killTimer ??= clock.setTimeout(() => signalGroup('SIGKILL'), grace);
    };
    const timer = clock.setTimeout(() => {
      timedOut = true;
      endGroup();
    }, timeoutMs);
    const onAbort = () => {
      aborted = true;
      endGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    for (const stream of ['stdout', 'stderr'] as const) {
      const decoder = new StringDecoder('utf8');
      child[stream].on('data', (chunk: Buffer) => {
        buffer.push(chunk);
        options.onOutput?.(decoder.write(chunk), stream);
      });
    }
    child.stdin.on('error', () => {
      // The command closed stdin without reading it all; that is its business.
    });
    child.stdin.end(options.stdin ?? '');

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Whatever the command left running in its group would otherwise outlive it.
      signalGroup('SIGKILL');
    });
    child.on('error', (err) => {
      clock.clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clock.clearTimeout(timer);
      clock.clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        exitCode: exit?.code ?? code,
        signal: exit?.signal ?? signal,
        durationMs: clock.now() - start,
        output: buffer.text(),
        truncated: buffer.truncated,
        timedOut,
        aborted,
      });
    });
  });
}
