// The fake model server's own contract, as other suites (runner, CLI, VS Code end-to-end) use it.

import assert from 'node:assert/strict';
import { startFakeModelServer } from '../../support/fake-model-server';
import { spawnFakeModelServer } from '../../support/fake-model-process';
import { ask, failure, providerFor } from './helpers';
import { createProvider } from '../../../src/core/agent/providers';

describe('fake model server', function () {
  this.timeout(20_000);

  it('listens on 127.0.0.1 only, and answers from a function turn', async () => {
    const server = await startFakeModelServer();
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      server.script([(request) => ({ text: `you said ${request.body.messages.at(-1).content}` })]);
      const response = await providerFor('openai', server).chat(ask('ping'));
      assert.equal(response.text, 'you said ping');
      assert.equal(server.remaining, 0);
    } finally {
      await server.close();
    }
  });

  it('fails fast with a clear message when the script runs out', async () => {
    const server = await startFakeModelServer();
    try {
      const error = await failure(providerFor('anthropic', server).chat(ask('Hi')));
      assert.equal(error.kind, 'bad-request');
      assert.match(error.message, /no turn left for request #1/);
    } finally {
      await server.close();
    }
  });

  it('closes itself when its lifetime ends, hung connections included', async () => {
    const server = await startFakeModelServer({ lifetimeMs: 300 });
    server.script([{ hang: true }]);
    const error = await failure(providerFor('openai', server, { maxRetries: 0 }).chat(ask('Hi')));
    assert.equal(error.kind, 'connection');
    assert.equal(await server.waitForOutcome(0), 'aborted');
    await server.close();
  });

  it('runs as a separate process: prints its URL, takes a script file and more turns over HTTP, reports requests', async () => {
    const fake = await spawnFakeModelServer({ script: [{ text: 'from the script file' }], apiKey: 'process-key-123' });
    try {
      assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const provider = createProvider({
        provider: 'openai',
        baseUrl: `${fake.url}/v1`,
        model: 'm',
        apiKey: 'process-key-123',
      });
      assert.equal((await provider.chat(ask('one'))).text, 'from the script file');
      await fake.script([{ toolCalls: [{ name: 'read_file', arguments: '{"path":"x"}' }] }]);
      assert.equal((await provider.chat(ask('two'))).toolCalls[0].arguments, '{"path":"x"}');
      const requests = await fake.requests();
      assert.deepEqual(
        requests.map((r) => [r.format, r.body.messages[0].content, r.outcome]),
        [
          ['openai', 'one', 'completed'],
          ['openai', 'two', 'completed'],
        ],
      );
    } finally {
      await fake.stop();
    }
    assert.notEqual(fake.child.exitCode ?? fake.child.signalCode, null);
  });
});
