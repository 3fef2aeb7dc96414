// The HTTP model providers behind one constructor; the VS Code language-model provider lives
// in the extension layer.

import type { ModelProvider } from '../model';
import { AnthropicProvider } from './anthropic';
import { resolveConfig, type ProviderConfig } from './config';
import { OpenAiProvider } from './openai';

export type { ProviderConfig } from './config';

export function createProvider(config: ProviderConfig): ModelProvider {
  const resolved = resolveConfig(config);
  switch (config.provider) {
    case 'openai':
      return new OpenAiProvider(resolved);
    case 'anthropic':
      return new AnthropicProvider(resolved);
    default:
      throw new Error(`Unknown model provider "${String((config as { provider: unknown }).provider)}": expected "openai" or "anthropic".`);
  }
}
