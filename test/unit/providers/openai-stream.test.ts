// Quirks of OpenAI-compatible servers that the fake server does not imitate, fed chunk by chunk.

import assert from 'node:assert/strict';
import type { StreamEvent } from '../../../src/core/agent/model';
import { ModelError } from '../../../src/core/agent/model';
import { resolveConfig } from '../../../src/core/agent/providers/config';
import { OpenAiStream } from '../../../src/core/agent/providers/openai-stream';

const config = resolveConfig({ provider: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'qwen3' });

function run(chunks: Record<string, unknown>[]): { stream: OpenAiStream; events: StreamEvent[] } {
  const events: StreamEvent[] = [];
  const stream = new OpenAiStream((e) => events.push(e), config);
  for (const chunk of chunks) stream.push(chunk);
  return { stream, events };
}

const delta = (d: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});

describe('OpenAI stream assembly', () => {
  it('treats finish_reason "stop" with tool calls as a tool-call turn (Ollama)', () => {
    const { stream } = run([
      delta({ tool_calls: [{ index: 0, id: 'call_x', function: { name: 'read_file', arguments: '{"path":"a"}' } }] }),
      delta({}, 'stop'),
    ]);
    const response = stream.finish();
    assert.equal(response.stopReason, 'tool-calls');
    assert.deepEqual(response.toolCalls, [{ id: 'call_x', name: 'read_file', arguments: '{"path":"a"}' }]);
  });

  it('tells calls apart by id when a server leaves out index, and invents a missing id', () => {
    const { stream } = run([
      delta({ tool_calls: [{ id: 'a', function: { name: 'one', arguments: '{"x"' } }] }),
      delta({ tool_calls: [{ function: { arguments: ':1}' } }] }),
      delta({ tool_calls: [{ id: 'b', function: { name: 'two', arguments: '{}' } }] }),
      delta({ tool_calls: [{ index: 2, function: { name: 'three', arguments: '{}' } }] }),
      delta({}, 'tool_calls'),
    ]);
    assert.deepEqual(stream.finish().toolCalls, [
      { id: 'a', name: 'one', arguments: '{"x":1}' },
      { id: 'b', name: 'two', arguments: '{}' },
      { id: 'call_2', name: 'three', arguments: '{}' },
    ]);
  });

  it('takes usage from whichever chunk carries it and ignores usage: null', () => {
    const { stream } = run([
      { ...delta({ content: 'hi' }), usage: null },
      { ...delta({}, 'stop'), usage: { prompt_tokens: 5, completion_tokens: 2 } },
    ]);
    assert.deepEqual(stream.finish().usage, { inputTokens: 5, outputTokens: 2 });
  });

  it('refuses a stream that ends without a finish_reason', () => {
    const { stream } = run([delta({ content: 'trunc' })]);
    assert.throws(
      () => stream.finish(),
      (e: unknown) => e instanceof ModelError && e.kind === 'bad-response' && /finish_reason/.test(e.message),
    );
  });

  it('announces tool calls only once their arguments are complete', () => {
    const { stream, events } = run([
      delta({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '}' } }] }),
    ]);
    assert.deepEqual(events, []);
    stream.push(delta({}, 'tool_calls'));
    stream.finish();
    assert.deepEqual(events, [{ type: 'tool-call', call: { id: 'c', name: 'f', arguments: '{}' } }]);
  });
});
