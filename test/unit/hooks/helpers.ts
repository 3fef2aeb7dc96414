// Shared by the hooks tests: paths, hooks built in code, and fake runners that record calls.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitUntil } from '../../support/wait-until';
import type {
  AgentLauncher,
  AgentRequest,
  CommandOutcome,
  CommandRequest,
  CommandRunner,
  Hook,
} from '../../../src/core/hooks';

export const repoRoot = resolve(__dirname, '../../../..');
export const fixtureWorkspace = join(repoRoot, 'test/fixtures/specs-workspace');

export function tempDir(prefix = 'tiller-hooks-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function hook(partial: Partial<Hook> & Pick<Hook, 'id' | 'trigger'>): Hook {
  return {
    file: `/ws/.kiro/hooks/${partial.id}`,
    line: 1,
    name: partial.id,
    format: 'legacy',
    action: { type: 'command', command: 'true' },
    enabled: true,
    scope: 'workspace',
    errors: [],
    ...partial,
  };
}

/** A promise with its resolver outside, to hold a fake run open. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class FakeCommands implements CommandRunner {
  readonly calls: CommandRequest[] = [];
  active = 0;
  maxActive = 0;
  /** Each call waits for this (or for its request's abort) before answering, when set. */
  gate: Promise<void> | undefined;
  /** Requests whose signal was aborted while they waited on the gate. */
  readonly aborted: CommandRequest[] = [];
  private readonly startWaiters: Array<{ count: number; resolve: () => void }> = [];

  constructor(
    private readonly answer: (request: CommandRequest) => CommandOutcome = () => ({
      status: 'ran',
      exitCode: 0,
      timedOut: false,
      output: '',
    }),
  ) {}

  /** Resolves once `count` calls have started. */
  started(count = 1): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.startWaiters.push({ count, resolve }));
  }

  async run(request: CommandRequest): Promise<CommandOutcome> {
    this.calls.push(request);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    for (const waiter of this.startWaiters.filter((w) => w.count <= this.calls.length)) {
      this.startWaiters.splice(this.startWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    try {
      if (this.gate) {
        const signal = request.signal;
        const abort = new Promise<'aborted'>((resolve) => {
          if (signal?.aborted) resolve('aborted');
          signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
        });
        if ((await Promise.race([this.gate, abort])) === 'aborted') {
          this.aborted.push(request);
          return { status: 'ran', exitCode: null, timedOut: false, output: 'aborted' };
        }
      }
      return this.answer(request);
    } finally {
      this.active--;
    }
  }
}

export class FakeAgent implements AgentLauncher {
  readonly calls: AgentRequest[] = [];

  constructor(
    private readonly act: (request: AgentRequest) => Promise<{ writtenPaths?: string[] } | void> = async () =>
      undefined,
  ) {}

  ask(request: AgentRequest): Promise<{ writtenPaths?: string[] } | void> {
    this.calls.push(request);
    return this.act(request);
  }
}

/** Resolves when cond() holds, polling; rejects after timeoutMs. For watchers, whose timing is the OS's. */
export async function until(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  await waitUntil(cond, what, { timeoutMs, intervalMs: 20 });
}
