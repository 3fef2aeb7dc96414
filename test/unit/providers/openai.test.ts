import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer } from '../../support/fake-model-server';
import { ask, collect, CONVERSATION, providerFor, READ_FILE, textOf } from './helpers';

describe('OpenAI-compatible provider', () => {
  let server: FakeModelServer;
  beforeEach(async () => (server = await startFakeModelServer()));
  afterEach(() => server.close());

  it('streams text and reports usage from the final chunk with empty choices', async () => {
    server.script([
      { text: 'Hello from the fake model.', usage: { inputTokens: 42, outputTokens: 7 }, keepAlive: true },
    ]);
    const { response, events } = await collect(providerFor('openai', server), ask('Hi'));
    assert.equal(response.text, 'Hello from the fake model.');
    assert.equal(textOf(events), 'Hello from the fake model.');
    assert.ok(events.filter((e) => e.type === 'text').length > 1, 'text arrives in several events');
    assert.deepEqual(response.usage, { inputTokens: 42, outputTokens: 7 });
    assert.equal(response.stopReason, 'end');
    assert.deepEqual(response.toolCalls, []);
  });

  it('assembles one tool call whose arguments come one character per chunk, split across TCP writes', async () => {
    const args = '{"path":"docs/ünïcode 🚀.md","lines":[1,2,3]}';
    server.script([
      { toolCalls: [{ id: 'call_1', name: 'read_file', arguments: args }], chunkSize: 1, splitWrites: true },
    ]);
    const { response, events } = await collect(providerFor('openai', server), ask('Read it'));
    assert.deepEqual(response.toolCalls, [{ id: 'call_1', name: 'read_file', arguments: args }]);
    assert.deepEqual(events, [{ type: 'tool-call', call: { id: 'call_1', name: 'read_file', arguments: args } }]);
    assert.equal(response.stopReason, 'tool-calls');
  });

  it('reads a stream cut every 3 bytes, UTF-8 characters included', async () => {
    server.script([{ text: 'héllo wörld 🚀 ✓', chunkSize: 2, splitWrites: 3 }]);
    const { response } = await collect(providerFor('openai', server), ask('Hi'));
    assert.equal(response.text, 'héllo wörld 🚀 ✓');
  });

  it('keeps two parallel tool calls apart by index, fragments interleaved', async () => {
    server.script([
      {
        text: 'Reading two files.',
        toolCalls: [
          { name: 'read_file', arguments: '{"path":"a.md"}' },
          { name: 'read_file', arguments: '{"path":"b.md"}' },
        ],
        chunkSize: 2,
        interleave: true,
        keepAlive: true,
      },
    ]);
    const { response, events } = await collect(providerFor('openai', server), ask('Read both'));
    assert.equal(response.text, 'Reading two files.');
    assert.deepEqual(response.toolCalls, [
      { id: 'call_fake_1_0', name: 'read_file', arguments: '{"path":"a.md"}' },
      { id: 'call_fake_1_1', name: 'read_file', arguments: '{"path":"b.md"}' },
    ]);
    assert.deepEqual(
      events.filter((e) => e.type === 'tool-call').map((e) => (e.type === 'tool-call' ? e.call.arguments : '')),
      ['{"path":"a.md"}', '{"path":"b.md"}'],
    );
  });

  it('maps a whole conversation into the request body', async () => {
    server.script([{ text: 'ok' }]);
    await providerFor('openai', server).chat({ messages: CONVERSATION, tools: [READ_FILE], maxOutputTokens: 1000 });
    const { body, headers, path } = server.requests[0];
    assert.equal(path, '/v1/chat/completions');
    assert.equal(headers.authorization, 'Bearer sk-test-0123456789abcdef');
    assert.equal(body.model, 'fake-model');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.max_tokens, 1000);
    assert.deepEqual(body.tools, [
      {
        type: 'function',
        function: { name: 'read_file', description: READ_FILE.description, parameters: READ_FILE.parameters },
      },
    ]);
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You are Tiller.' },
      { role: 'user', content: 'Do task 1.2.' },
      {
        role: 'assistant',
        content: 'Reading both files.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.md"}' } },
          { id: 'call_b', type: 'function', function: { name: 'read_file', arguments: '{"path":"missing.md"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '# A' },
      { role: 'tool', tool_call_id: 'call_b', content: 'Error: ENOENT: missing.md' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_c', type: 'function', function: { name: 'read_file', arguments: '{"path":"b.md"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_c', content: '# B' },
      { role: 'user', content: 'Go on.' },
    ]);
  });

  it('leaves out an empty tool list and sends no auth header without a key', async () => {
    server.script([{ text: 'ok' }]);
    await providerFor('openai', server, { apiKey: undefined, headers: { 'x-title': 'Tiller' } }).chat({
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [],
    });
    const { body, headers } = server.requests[0];
    assert.equal('tools' in body, false);
    assert.equal(headers.authorization, undefined);
    assert.equal(headers['x-title'], 'Tiller');
  });

  it('speaks Azure OpenAI: api-key header and api-version query', async () => {
    server.script([{ text: 'ok' }]);
    const baseUrl = `${server.url}/openai/deployments/my-gpt`;
    await providerFor('openai', server, { baseUrl, apiVersion: '2024-10-21' }).chat(ask('Hi', { maxOutputTokens: 50 }));
    const { path, headers, body } = server.requests[0];
    assert.equal(path, '/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21');
    assert.equal(headers['api-key'], 'sk-test-0123456789abcdef');
    assert.equal(headers.authorization, undefined);
    assert.equal(body.max_completion_tokens, 50);
  });

  it('maps finish_reason length to max-tokens', async () => {
    server.script([{ text: 'cut', stopReason: 'max-tokens' }]);
    const response = await providerFor('openai', server).chat(ask('Hi'));
    assert.equal(response.stopReason, 'max-tokens');
  });
});
