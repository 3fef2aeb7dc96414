import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer } from '../../support/fake-model-server';
import { ask, collect, CONVERSATION, providerFor, READ_FILE, textOf } from './helpers';

describe('Anthropic provider', () => {
  let server: FakeModelServer;
  beforeEach(async () => (server = await startFakeModelServer()));
  afterEach(() => server.close());

  it('streams text, skipping pings, with usage from message_start and message_delta', async () => {
    server.script([
      { text: 'Hello from the fake Claude.', usage: { inputTokens: 30, outputTokens: 9 }, keepAlive: true },
    ]);
    const { response, events } = await collect(providerFor('anthropic', server), ask('Hi'));
    assert.equal(response.text, 'Hello from the fake Claude.');
    assert.equal(textOf(events), 'Hello from the fake Claude.');
    assert.ok(events.filter((e) => e.type === 'text').length > 1);
    assert.deepEqual(response.usage, { inputTokens: 30, outputTokens: 9 });
    assert.equal(response.stopReason, 'end');
  });

  it('assembles a tool_use input sent one character per input_json_delta, split across TCP writes', async () => {
    const args = '{"path":"docs/ünïcode 🚀.md","lines":[1,2,3]}';
    server.script([
      { toolCalls: [{ id: 'toolu_1', name: 'read_file', arguments: args }], chunkSize: 1, splitWrites: true },
    ]);
    const { response, events } = await collect(providerFor('anthropic', server), ask('Read it'));
    assert.deepEqual(response.toolCalls, [{ id: 'toolu_1', name: 'read_file', arguments: args }]);
    assert.deepEqual(events, [{ type: 'tool-call', call: { id: 'toolu_1', name: 'read_file', arguments: args } }]);
    assert.equal(response.stopReason, 'tool-calls');
  });

  it('reads a stream cut every 3 bytes, UTF-8 characters included', async () => {
    server.script([{ text: 'héllo wörld 🚀 ✓', chunkSize: 2, splitWrites: 3 }]);
    const { response } = await collect(providerFor('anthropic', server), ask('Hi'));
    assert.equal(response.text, 'héllo wörld 🚀 ✓');
  });

  it('returns two tool_use blocks of one turn as two calls after the text', async () => {
    server.script([
      {
        text: 'Reading two files.',
        toolCalls: [
          { name: 'read_file', arguments: '{"path":"a.md"}' },
          { name: 'read_file', arguments: '{"path":"b.md"}' },
        ],
        chunkSize: 3,
        keepAlive: true,
      },
    ]);
    const { response, events } = await collect(providerFor('anthropic', server), ask('Read both'));
    assert.equal(response.text, 'Reading two files.');
    assert.deepEqual(response.toolCalls, [
      { id: 'toolu_fake_1_0', name: 'read_file', arguments: '{"path":"a.md"}' },
      { id: 'toolu_fake_1_1', name: 'read_file', arguments: '{"path":"b.md"}' },
    ]);
    assert.deepEqual(
      events.map((e) => e.type),
      [...events.filter((e) => e.type === 'text').map(() => 'text'), 'tool-call', 'tool-call'],
    );
  });

  it('gives a tool called without parameters the arguments {}', async () => {
    server.script([{ toolCalls: [{ name: 'list_specs', arguments: '' }] }]);
    const response = await providerFor('anthropic', server).chat(ask('List'));
    assert.equal(response.toolCalls[0].arguments, '{}');
  });

  it('maps a whole conversation into the request body, tool results merged into one user turn', async () => {
    server.script([{ text: 'ok' }]);
    await providerFor('anthropic', server).chat({ messages: CONVERSATION, tools: [READ_FILE] });
    const { body, headers, path } = server.requests[0];
    assert.equal(path, '/v1/messages');
    assert.equal(headers['x-api-key'], 'sk-test-0123456789abcdef');
    assert.equal(headers['anthropic-version'], '2023-06-01');
    assert.equal(body.model, 'fake-model');
    assert.equal(body.stream, true);
    assert.equal(body.max_tokens, 8192);
    assert.equal(body.system, 'You are Tiller.');
    assert.deepEqual(body.tools, [
      { name: 'read_file', description: READ_FILE.description, input_schema: READ_FILE.parameters },
    ]);
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Do task 1.2.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Reading both files.' },
          { type: 'tool_use', id: 'call_a', name: 'read_file', input: { path: 'a.md' } },
          { type: 'tool_use', id: 'call_b', name: 'read_file', input: { path: 'missing.md' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_a', content: '# A' },
          { type: 'tool_result', tool_use_id: 'call_b', content: 'ENOENT: missing.md', is_error: true },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_c', name: 'read_file', input: { path: 'b.md' } }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_c', content: '# B' },
          { type: 'text', text: 'Go on.' },
        ],
      },
    ]);
  });

  it('accepts a base URL that already ends in /v1 and honours maxOutputTokens', async () => {
    server.script([{ text: 'ok' }]);
    await providerFor('anthropic', server, { baseUrl: `${server.url}/v1/` }).chat(ask('Hi', { maxOutputTokens: 300 }));
    assert.equal(server.requests[0].path, '/v1/messages');
    assert.equal(server.requests[0].body.max_tokens, 300);
  });

  it('maps stop_reason max_tokens to max-tokens', async () => {
    server.script([{ text: 'cut', stopReason: 'max-tokens' }]);
    const response = await providerFor('anthropic', server).chat(ask('Hi'));
    assert.equal(response.stopReason, 'max-tokens');
  });
});
