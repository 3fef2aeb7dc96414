// The agent's settings. Where the model is and which provider speaks to it are user settings
// (application scope): a repository's .vscode/settings.json could otherwise point Tiller, and the
// API key it sends, at a server of its own. The key itself lives in VS Code's SecretStorage, one
// per provider, never in a settings file. A workspace may ask for supervised mode, never lift it.
import * as vscode from 'vscode';
import { DEFAULT_CONTEXT_TOKENS } from '../../core/agent/context-budget';

export type ProviderKind = 'vscode-lm' | 'openai' | 'anthropic';
export type RunMode = 'autopilot' | 'supervised';

export const PROVIDERS: readonly ProviderKind[] = ['vscode-lm', 'openai', 'anthropic'];
export const KEYED_PROVIDERS = ['openai', 'anthropic'] as const;
export type KeyedProvider = (typeof KEYED_PROVIDERS)[number];

export const DEFAULT_BASE_URL: Record<KeyedProvider, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

export const PROVIDER_NAMES: Record<ProviderKind, string> = {
  'vscode-lm': 'VS Code language models',
  openai: 'OpenAI-compatible',
  anthropic: 'Anthropic',
};

export interface AgentSettings {
  provider: ProviderKind;
  /** Empty: the provider's public endpoint. */
  baseUrl: string;
  /** Empty for vscode-lm: the first model VS Code offers. */
  model: string;
  maxTurns: number | undefined;
  maxTokens: number | undefined;
  mode: RunMode;
  /** Wait for a response to start, and silence allowed in a stream (tiller.agent.requestTimeoutSeconds). */
  requestTimeoutMs: number;
  /** The HTTP model's context window (tiller.agent.contextTokens); a vscode-lm model advertises its own. */
  contextTokens: number;
  /** Traces kept per workspace (tiller.agent.keepRuns). */
  keepRuns: number;
  /** Tasks of a wave run at once by Run All (tiller.agent.parallelism); above 1 in git worktrees. */
  parallelism: number;
}

/** Each task of a wave is a model conversation and a worktree: more than this only queues at the model. */
const MAX_PARALLELISM = 8;

export function secretKey(provider: KeyedProvider): string {
  return `tiller.apiKey.${provider}`;
}

export function readAgentSettings(): AgentSettings {
  const config = vscode.workspace.getConfiguration('tiller.agent');
  const user = <T>(key: string): T | undefined => config.inspect<T>(key)?.globalValue;
  const provider = user<string>('provider');
  const mode = config.inspect<string>('mode');
  const supervised = [mode?.globalValue, mode?.workspaceValue, mode?.workspaceFolderValue].includes('supervised');
  return {
    provider: PROVIDERS.includes(provider as ProviderKind) ? (provider as ProviderKind) : 'vscode-lm',
    baseUrl: (user<string>('baseUrl') ?? '').trim(),
    model: (config.get<string>('model') ?? '').trim(),
    maxTurns: positive(config.get<number>('maxTurns')),
    maxTokens: positive(config.get<number>('maxTokens')),
    mode: supervised ? 'supervised' : 'autopilot',
    requestTimeoutMs: (positive(config.get<number>('requestTimeoutSeconds')) ?? 180) * 1000,
    contextTokens: positive(config.get<number>('contextTokens')) ?? DEFAULT_CONTEXT_TOKENS,
    keepRuns: positive(config.get<number>('keepRuns')) ?? 50,
    parallelism: Math.min(MAX_PARALLELISM, positive(config.get<number>('parallelism')) ?? 1),
  };
}

function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}

/** `tiller.agent.pricing`: per model, per million input and output tokens; entries that are not numbers are left out. */
export function readPricing(): Record<string, { input: number; output: number }> {
  const given = vscode.workspace.getConfiguration('tiller.agent').inspect<unknown>('pricing')?.globalValue;
  const pricing: Record<string, { input: number; output: number }> = {};
  if (!given || typeof given !== 'object') return pricing;
  for (const [model, price] of Object.entries(given as Record<string, unknown>)) {
    const p = price as { input?: unknown; output?: unknown } | null;
    if (p && typeof p.input === 'number' && typeof p.output === 'number')
      pricing[model] = { input: p.input, output: p.output };
  }
  return pricing;
}
