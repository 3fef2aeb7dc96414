// What each event type must hold for a reader (the follow log, export, recovery) to use it. A line
// that parses as JSON but lacks what its type promises (an `edit` without its diff, say) is
// skipped like a torn one: one bad line is one skipped line, never a blank log. Types this build
// does not know pass with their common fields, so a newer trace still shows what it can.
import type { TraceEvent } from './events';

type Kind =
  'string' | 'number' | 'boolean' | 'array' | 'object' | 'string?' | 'number?' | 'string|null' | 'number|null';

const FIELDS: Record<string, Record<string, Kind>> = {
  'run-start': { task: 'object', provider: 'string', model: 'string', settings: 'object' },
  context: { turn: 'number', steering: 'array', added: 'array', spec: 'object', filesInPlay: 'array' },
  'context-trim': { turn: 'number', shortened: 'number', bytes: 'number', limitTokens: 'number' },
  'model-turn': { turn: 'number', inputTokens: 'number', outputTokens: 'number', text: 'string', toolCalls: 'array' },
  tool: { tool: 'string', callId: 'string', isError: 'boolean', result: 'string' },
  decision: { title: 'string', decision: 'string', rationale: 'string', alternatives: 'array', requirements: 'array' },
  edit: {
    path: 'string',
    diff: 'string',
    created: 'boolean',
    rationale: 'string',
    requirements: 'array',
    review: 'string',
    applied: 'boolean',
    decisionSeq: 'number|null',
  },
  command: {
    command: 'string',
    verdict: 'string',
    decidedBy: 'string',
    reasons: 'array',
    ran: 'boolean',
    exitCode: 'number|null',
    output: 'string',
  },
  'task-status': { task: 'string', status: 'string', changed: 'array' },
  checkpoint: { phase: 'string', commit: 'string|null' },
  error: { message: 'string' },
  revert: { reverted: 'array', conflicts: 'array', by: 'string' },
  merge: { merged: 'boolean', branch: 'string', conflicts: 'array', reason: 'string' },
  'run-end': {
    status: 'string',
    reason: 'string',
    summary: 'string|null',
    turns: 'number',
    usage: 'object',
    durationMs: 'number',
    filesChanged: 'array',
  },
};

const TASK_FIELDS: Record<string, Kind> = {
  spec: 'string',
  specDir: 'string?',
  id: 'string',
  title: 'string',
  tasksFile: 'string',
  requirements: 'array',
};

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'string?':
      return value === undefined || typeof value === 'string';
    case 'number?':
      return value === undefined || typeof value === 'number';
    case 'string|null':
      return value === null || typeof value === 'string';
    case 'number|null':
      return value === null || typeof value === 'number';
    default:
      return typeof value === kind;
  }
}

function holds(v: Record<string, unknown>, fields: Record<string, Kind>): boolean {
  return Object.entries(fields).every(([name, kind]) => fits(v[name], kind));
}

/** The event, with what older traces lack filled in; null when the line is not a usable event. */
export function validEvent(value: unknown): TraceEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.seq !== 'number' || typeof v.type !== 'string' || typeof v.runId !== 'string') return null;
  if (typeof v.time !== 'string') return null;
  const fields = FIELDS[v.type];
  if (fields && !holds(v, fields)) return null;
  if (v.type === 'run-start') {
    const task = v.task as Record<string, unknown>;
    if (!holds(task, TASK_FIELDS)) return null;
    if (task.specDir === undefined) return { ...v, task: { ...task, specDir: '' } } as unknown as TraceEvent;
  }
  return v as unknown as TraceEvent;
}
