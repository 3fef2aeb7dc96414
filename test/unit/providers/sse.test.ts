import assert from 'node:assert/strict';
import { readSse, type SseEvent } from '../../../src/core/agent/providers/sse';

function bodyOf(parts: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
      controller.close();
    },
  });
}

async function events(parts: (string | Uint8Array)[]): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of readSse(bodyOf(parts))) out.push(event);
  return out;
}

describe('SSE reader', () => {
  it('reads data-only events and named events', async () => {
    assert.deepEqual(await events(['data: {"a":1}\n\nevent: ping\ndata: {}\n\n']), [
      { event: 'message', data: '{"a":1}' },
      { event: 'ping', data: '{}' },
    ]);
  });

  it('reassembles an event split at every byte', async () => {
    const text = 'event: delta\ndata: {"text":"héllo 🚀"}\n\ndata: [DONE]\n\n';
    const bytes = new TextEncoder().encode(text);
    const parts = Array.from(bytes, (byte) => Uint8Array.of(byte));
    assert.deepEqual(await events(parts), [
      { event: 'delta', data: '{"text":"héllo 🚀"}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  it('accepts CRLF and CR line ends, a CRLF split between chunks included', async () => {
    assert.deepEqual(await events(['data: one\r', '\n\r\ndata: two\r\r']), [
      { event: 'message', data: 'one' },
      { event: 'message', data: 'two' },
    ]);
  });

  it('skips keep-alive comments and fields it does not know', async () => {
    assert.deepEqual(await events([': ping\n\n: OPENROUTER PROCESSING\n\nid: 7\nretry: 100\ndata: x\n\n']), [
      { event: 'message', data: 'x' },
    ]);
  });

  it('joins multi-line data with newlines and keeps spaces after the first', async () => {
    assert.deepEqual(await events(['data:a\ndata:  b\n\n']), [{ event: 'message', data: 'a\n b' }]);
  });

  it('delivers a last event that lacks its blank line', async () => {
    assert.deepEqual(await events(['data: [DONE]']), [{ event: 'message', data: '[DONE]' }]);
  });

  it('ignores an event with no data', async () => {
    assert.deepEqual(await events(['event: ping\n\n']), []);
  });

  it('handles thousands of events in one chunk and one long line in many chunks', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `data: {"i":${i}}\n\n`).join('');
    assert.equal((await events([many])).length, 5_000);
    const long = `data: "${'x'.repeat(300_000)}"\n\n`;
    const parts: string[] = [];
    for (let i = 0; i < long.length; i += 500) parts.push(long.slice(i, i + 500));
    const [event] = await events(parts);
    assert.equal(event.data.length, 300_002);
  });
});
