// The HTTP model providers behind one constructor; the VS Code language-model provider lives
// in the extension layer.

import { systemClock, type Clock } from '../../clock';
import { ModelError, type ModelProvider } from '../model';
import { AnthropicProvider } from './anthropic';
import { resolveConfig, type ProviderConfig } from './config';
import { OpenAiProvider } from './openai';

export type { ProviderConfig } from './config';

/**
 * Throws a `bad-request` ModelError for a configuration no request could succeed with. `clock` times
 * the request timeouts and the waits between attempts, so tests can move them by hand.
 */
export function createProvider(config: ProviderConfig, clock: Clock = systemClock): ModelProvider {
  const resolved = resolveConfig(config, clock);
  if (!/^https?:\/\/[^/]/i.test(resolved.baseUrl) || !URL.canParse(resolved.baseUrl)) {
    throw new ModelError('bad-request', `The model base URL "${config.baseUrl}" is not an http(s) URL.`);
  }
  if (!resolved.model.trim()) throw new ModelError('bad-request', `No model is configured for ${resolved.baseUrl}.`);
  switch (config.provider) {
    case 'openai':
      return new OpenAiProvider(resolved);
    case 'anthropic':
      return new AnthropicProvider(resolved);
    default:
      throw new ModelError(
        'bad-request',
        `Unknown model provider "${String((config as { provider: unknown }).provider)}": expected "openai" or "anthropic".`,
      );
  }
}
