import assert from 'node:assert/strict';
import { ModelError } from '../../../src/core/agent/model';
import { createProvider, type ProviderConfig } from '../../../src/core/agent/providers';
import { startFakeModelServer } from '../../support/fake-model-server';
import { ask } from './helpers';

function refusal(config: ProviderConfig): ModelError {
  try {
    createProvider(config);
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected createProvider to refuse');
}

describe('createProvider', () => {
  it('builds each provider with its id and model', () => {
    const openai = createProvider({ provider: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'qwen3' });
    const anthropic = createProvider({
      provider: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      model: 'claude-sonnet-4-5',
    });
    assert.deepEqual(
      [openai.id, openai.model, anthropic.id, anthropic.model],
      ['openai', 'qwen3', 'anthropic', 'claude-sonnet-4-5'],
    );
  });

  it('refuses a base URL that is not http(s), a missing model, an unknown provider', () => {
    assert.match(
      refusal({ provider: 'openai', baseUrl: 'localhost:11434', model: 'm' }).message,
      /"localhost:11434" is not an http\(s\) URL/,
    );
    assert.match(
      refusal({ provider: 'anthropic', baseUrl: 'https://api.anthropic.com', model: ' ' }).message,
      /No model is configured/,
    );
    assert.match(
      refusal({ provider: 'gemini' as 'openai', baseUrl: 'https://x.test', model: 'm' }).message,
      /Unknown model provider "gemini"/,
    );
  });

  it('sends a key pasted with a trailing newline without it', async () => {
    const server = await startFakeModelServer({ apiKey: 'sk-pasted-key-1234' });
    try {
      server.script([{ text: 'ok' }]);
      const provider = createProvider({
        provider: 'openai',
        baseUrl: `${server.openaiBaseUrl}/`,
        model: 'm',
        apiKey: 'sk-pasted-key-1234\n',
      });
      assert.equal((await provider.chat(ask('Hi'))).text, 'ok');
    } finally {
      await server.close();
    }
  });
});
