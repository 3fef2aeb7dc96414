// Trace events of a made-up run, in the shapes of src/core/trace/events.ts: every type, with
// diffs, decisions and commands in a realistic mix, for the follow log's tests and benchmark.
import type { TraceEvent } from '../../src/protocol';

export const RUN_ID = '20260101-120000-abc123';
const FILES = ['src/auth/login.ts', 'src/auth/session.ts', 'src/api/users.ts', 'test/auth/login.test.ts', 'README.md'];

type Body = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'seq' | 'time' | 'runId'> : never) : never;

export function runStart(): Body {
  return {
    type: 'run-start',
    task: {
      spec: 'user-auth',
      specDir: '.kiro/specs/user-auth',
      id: '2.1',
      title: 'Verify credentials against the user store',
      tasksFile: '.kiro/specs/user-auth/tasks.md',
      requirements: ['1.1', '2'],
    },
    provider: 'openai',
    model: 'gpt-test',
    settings: { mode: 'autopilot', maxTurns: 40, maxTokens: null, headless: false, checkpoints: true },
  };
}

export function context(): Body {
  return {
    type: 'context',
    turn: 0,
    steering: [
      { file: '.kiro/steering/product.md', name: 'product', inclusion: 'always', included: true, reason: 'always' },
      {
        file: '.kiro/steering/api-style.md',
        name: 'api-style',
        inclusion: 'fileMatch',
        included: true,
        reason: 'fileMatch: src/api/users.ts matches src/api/**/*.ts',
        trigger: 'src/api/users.ts',
      },
      {
        file: '.kiro/steering/release-checklist.md',
        name: 'release-checklist',
        inclusion: 'manual',
        included: false,
        reason: 'manual: not referenced',
      },
    ],
    added: ['product', 'api-style'],
    spec: { requirements: ['1', '2'], design: 'whole', designSections: [] },
    filesInPlay: ['src/api/users.ts'],
    systemChars: 12800,
    estimatedTokens: 3200,
  };
}

export function decision(i: number): Body {
  return {
    type: 'decision',
    callId: `call-${i}`,
    title: `Hash comparison in constant time (${i})`,
    decision: 'Use timingSafeEqual on the derived keys.',
    rationale: 'A plain string comparison leaks how many leading bytes matched.',
    alternatives: ['Compare hex strings with ===', 'Use a third-party library'],
    requirements: [`${(i % 3) + 1}.1`],
  };
}

export function edit(i: number, decisionSeq: number | null = null): Body {
  const path = FILES[i % FILES.length];
  const diff = [
    `--- a/${path}`,
    `+++ b/${path}`,
    '@@ -10,6 +10,8 @@',
    ' export async function login(name: string, password: string) {',
    '   const user = await store.find(name);',
    '-  if (user.password !== password) throw new AuthError();',
    `+  const ok = await verify(user.hash, password); // ${i}`,
    '+  if (!ok) throw new AuthError();',
    '+  audit.log(name);',
    '   return session.start(user);',
    ' }',
    '',
  ].join('\n');
  return {
    type: 'edit',
    callId: `call-${i}`,
    tool: 'edit_file',
    path,
    diff,
    created: false,
    rationale: 'Credentials are checked against the stored hash, never the plain text.',
    requirements: [`${(i % 3) + 1}.1`],
    decisionSeq,
    review: 'autopilot',
    applied: true,
  };
}

export function command(i: number): Body {
  return {
    type: 'command',
    callId: `call-${i}`,
    command: 'npm test -- auth',
    rationale: 'Run the auth tests after the change.',
    verdict: 'ask',
    decidedBy: 'person',
    pattern: null,
    reasons: ['npm test is not in the allow list'],
    ran: true,
    exitCode: i % 7 === 0 ? 1 : 0,
    durationMs: 2300,
    timedOut: false,
    output:
      '> tiller@0.1.0 test\n> mocha\n\n  login\n    ✓ accepts the right password\n    ✓ rejects a wrong one\n\n  2 passing (12ms)\n',
  };
}

export function modelTurn(i: number): Body {
  return {
    type: 'model-turn',
    turn: i,
    inputTokens: 1200 + i,
    outputTokens: 300,
    latencyMs: 1800,
    text: `I will look at the login flow next (turn ${i}).\n\nThen I will update the session handling.`,
    toolCalls: [{ id: `call-${i}`, name: 'edit_file' }],
    stopReason: 'tool-calls',
  };
}

const CYCLE: Array<(i: number) => Body> = [
  modelTurn,
  decision,
  edit,
  (i) => ({
    type: 'tool',
    tool: 'read_file',
    callId: `call-${i}`,
    args: { path: FILES[i % FILES.length] },
    isError: false,
    result: 'export async function login…',
    durationMs: 3,
  }),
  command,
  (i) =>
    i % 50 === 0
      ? { type: 'error', message: 'The model answered with no tool call; asking again.', kind: 'bad-response' }
      : { type: 'checkpoint', phase: 'after', commit: 'deadbeefcafe0123', error: undefined },
];

/** A run of `count` events: start, status, context, then a cycle of every other type, and an end when `ended`. */
export function runEvents(
  count: number,
  options: { runId?: string; ended?: boolean; from?: number } = {},
): TraceEvent[] {
  const runId = options.runId ?? RUN_ID;
  const out: TraceEvent[] = [];
  const start = options.from ?? 1;
  const at = (seq: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + seq * 1000).toISOString();
  for (let seq = start; seq < start + count; seq++) {
    let body: Body;
    if (seq === 1) body = runStart();
    else if (seq === 2)
      body = {
        type: 'task-status',
        task: '2.1',
        status: 'in-progress',
        changed: [{ id: '2.1', status: 'in-progress' }],
      };
    else if (seq === 3) body = context();
    else if (options.ended && seq === start + count - 1)
      body = {
        type: 'run-end',
        status: 'completed',
        reason: 'the model called complete_task',
        summary: 'Login checks the stored hash.',
        turns: 12,
        usage: { inputTokens: 40000, outputTokens: 5000 },
        durationMs: 60000,
        filesChanged: FILES.slice(0, 3),
      };
    else body = CYCLE[seq % CYCLE.length](seq);
    out.push({ ...body, seq, time: at(seq), runId } as TraceEvent);
  }
  return out;
}
