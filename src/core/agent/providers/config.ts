// What a person configures to reach a model over HTTP, and the defaults filled in behind it.

import { systemClock, type Clock } from '../../clock';

export interface ProviderConfig {
  provider: 'openai' | 'anthropic';
  /**
   * OpenAI-compatible: everything before `/chat/completions` (`https://api.openai.com/v1`,
   * `http://localhost:11434/v1`, an Azure deployment URL). Anthropic: the origin before
   * `/v1/messages` (`https://api.anthropic.com`).
   */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /**
   * Where the key came from, in words a person recognises (`TILLER_API_KEY`, `the
   * tiller.model.apiKey setting`); auth errors name it. Never the key itself.
   */
  apiKeySource?: string;
  /** Longest wait for the response to start, and longest silence between chunks once it has. */
  timeoutMs?: number;
  /** Further attempts after a 429, a 5xx or a connection reset. */
  maxRetries?: number;
  /** Sent with every request, after (so able to override) the provider's own headers. */
  headers?: Record<string, string>;
  /** Azure OpenAI: the `api-version` query parameter. Setting it also sends the key as `api-key`. */
  apiVersion?: string;
  /** First backoff delay; doubled per attempt, with jitter. */
  retryBaseDelayMs?: number;
  /** Upper bound on any wait between attempts, a server's Retry-After included. */
  maxRetryDelayMs?: number;
  /** Anthropic requires an output limit; used when the request names none. */
  maxOutputTokens?: number;
  /**
   * The model's context window in tokens (input and reply), which the server does not tell us:
   * the run's context budget. Absent: DEFAULT_CONTEXT_TOKENS (context-budget.ts).
   */
  contextTokens?: number;
}

export type ResolvedConfig = Required<
  Omit<ProviderConfig, 'apiKey' | 'apiKeySource' | 'apiVersion' | 'contextTokens'>
> &
  Pick<ProviderConfig, 'apiKey' | 'apiKeySource' | 'apiVersion' | 'contextTokens'> & {
    /** Times the timeouts and the waits between attempts. */
    clock: Clock;
  };

// Generous enough for a local model that loads on first use or a reasoning model that thinks
// before its first token, short enough that a dead server is noticed within minutes.
const DEFAULT_TIMEOUT_MS = 180_000;

export function resolveConfig(config: ProviderConfig, clock: Clock = systemClock): ResolvedConfig {
  return {
    ...config,
    clock,
    baseUrl: config.baseUrl.trim().replace(/\/+$/, ''),
    // Keys pasted from a file or a terminal often carry a trailing newline.
    apiKey: config.apiKey?.trim() || undefined,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: config.maxRetries ?? 3,
    headers: config.headers ?? {},
    retryBaseDelayMs: config.retryBaseDelayMs ?? 1_000,
    maxRetryDelayMs: config.maxRetryDelayMs ?? 60_000,
    maxOutputTokens: config.maxOutputTokens ?? 8_192,
  };
}
