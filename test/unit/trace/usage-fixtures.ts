// Trace lines for the usage tests: a run that ended, and one interrupted after its model turns.
import type { TraceEvent } from '../../../src/core/trace';

export function runStart(runId: string, specDir: string, taskId: string, model = 'gpt-test'): TraceEvent {
  return {
    seq: 0,
    time: '2026-01-01T12:00:00.000Z',
    runId,
    type: 'run-start',
    task: {
      spec: specDir.split('/').pop() ?? '',
      specDir,
      id: taskId,
      title: 'A task',
      tasksFile: `${specDir}/tasks.md`,
      requirements: [],
    },
    provider: 'openai',
    model,
    settings: { mode: 'autopilot', maxTurns: 40, maxTokens: null, headless: true, checkpoints: false },
  };
}

export function modelTurn(runId: string, seq: number, inputTokens: number, outputTokens: number): TraceEvent {
  return {
    seq,
    time: '2026-01-01T12:00:01.000Z',
    runId,
    type: 'model-turn',
    turn: seq,
    inputTokens,
    outputTokens,
    latencyMs: 10,
    text: '',
    toolCalls: [],
    stopReason: 'tool-calls',
  };
}

export function runEnd(runId: string, seq: number, inputTokens: number, outputTokens: number): TraceEvent {
  return {
    seq,
    time: '2026-01-01T12:00:05.000Z',
    runId,
    type: 'run-end',
    status: 'completed',
    reason: 'done',
    summary: null,
    turns: 2,
    usage: { inputTokens, outputTokens },
    durationMs: 5000,
    filesChanged: [],
  };
}

export const lines = (events: TraceEvent[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
