// Shared by the agent tests: a private copy of the fixture workspace, the fake model server with
// one, and a scripted in-process ModelProvider (a test double of the model service) that records
// what it was sent.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { headlessApprover, runTask, type RunResult, type RunTaskOptions } from '../../../src/core/agent';
import type { ModelProvider, ModelRequest, ModelResponse, ToolCall } from '../../../src/core/agent/model';
import { DEFAULT_ALLOW, DEFAULT_DENY } from '../../../src/core/policy';
import { readTrace, type TraceEvent } from '../../../src/core/trace';
import { startFakeModelServer, type FakeModelServer } from '../../support/fake-model-server';

export const repoRoot = resolve(__dirname, '../../../..');
export const fixtureWorkspace = resolve(repoRoot, 'test/fixtures/specs-workspace');

export class TempWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'tiller-agent-'));
  readonly root = join(this.dir, 'ws');
  readonly home = join(this.dir, 'home');
  readonly storage = join(this.dir, 'storage');

  constructor(fromFixture = true) {
    if (fromFixture) cpSync(fixtureWorkspace, this.root, { recursive: true });
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Mocha hooks: for each test a fake model server on 127.0.0.1 (the real wire formats) and a copy
 * of the fixture workspace, both gone afterwards. Read them from the returned object in a test.
 */
export function useModelServerWorkspace(): { server: FakeModelServer; ws: TempWorkspace } {
  const env = {} as { server: FakeModelServer; ws: TempWorkspace };
  beforeEach(async () => {
    env.server = await startFakeModelServer();
    env.ws = new TempWorkspace();
  });
  afterEach(async () => {
    await env.server.close();
    env.ws.dispose();
  });
  return env;
}

/** One scripted model turn: text and/or tool calls (arguments as objects or raw JSON text). */
export interface Turn {
  text?: string;
  calls?: Array<{ name: string; args: unknown }>;
  usage?: { inputTokens: number; outputTokens: number };
}

export type Step = Turn | ((request: ModelRequest) => Turn | Promise<Turn>);

export class ScriptedProvider implements ModelProvider {
  readonly id = 'scripted';
  readonly model = 'script-1';
  readonly requests: ModelRequest[] = [];
  private n = 0;

  constructor(private readonly steps: Step[]) {}

  async chat(request: ModelRequest): Promise<ModelResponse> {
    // A deep copy: the runner keeps appending to the same array.
    this.requests.push({ ...request, messages: request.messages.map((m) => ({ ...m })) });
    const step = this.steps[this.n++];
    if (!step) throw new Error(`the script has no turn ${this.n}`);
    const turn = typeof step === 'function' ? await step(request) : step;
    const toolCalls: ToolCall[] = (turn.calls ?? []).map((c, i) => ({
      id: `call_${this.n}_${i}`,
      name: c.name,
      arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
    }));
    return {
      text: turn.text ?? '',
      toolCalls,
      usage: turn.usage ?? { inputTokens: 100, outputTokens: 10 },
      stopReason: toolCalls.length ? 'tool-calls' : 'end',
    };
  }
}

export const RULES = { allow: [...DEFAULT_ALLOW, 'echo *', 'node *'], deny: [...DEFAULT_DENY] };

export function options(
  ws: TempWorkspace,
  provider: ModelProvider,
  extra: Partial<RunTaskOptions> = {},
): RunTaskOptions {
  return {
    workspaceRoot: ws.root,
    spec: 'user-auth',
    task: '2.1',
    provider,
    rules: RULES,
    approver: headlessApprover,
    homeDir: ws.home,
    storageDir: null,
    ...extra,
  };
}

export async function run(
  ws: TempWorkspace,
  steps: Step[],
  extra: Partial<RunTaskOptions> = {},
): Promise<{ result: RunResult; events: TraceEvent[]; provider: ScriptedProvider }> {
  const provider = new ScriptedProvider(steps);
  const result = await runTask(options(ws, provider, extra));
  const { events } = await readTrace(result.trace);
  return { result, events, provider };
}

export function ofType<T extends TraceEvent['type']>(
  events: TraceEvent[],
  type: T,
): Extract<TraceEvent, { type: T }>[] {
  return events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

/** The marker character of a task line in tasks.md. */
export function marker(text: string, id: string): string {
  const line = text.split('\n').find((l) => new RegExp(`^\\s*- \\[.\\]\\*? ${id.replace(/\./g, '\\.')}\\.? `).test(l));
  if (!line) throw new Error(`no task ${id}`);
  return /\[(.)\]/.exec(line)![1];
}

export const complete = (summary = 'Done.'): Turn => ({ calls: [{ name: 'complete_task', args: { summary } }] });
