// The model flags every agent command shares (`tiller run`'s): --provider, --base-url, --model,
// --api-key-env, and the run budget. The key's variable is returned so commands can keep it out
// of every child process's environment.
import { createProvider } from '../core/agent/providers';
import { ModelError, type ModelProvider } from '../core/agent';
import type { TraceEvent } from '../core/trace';
import { required, UsageError } from './args';
import { progress } from './run';

export const MODEL_OPTIONS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  'api-key-env': { type: 'string' },
  'max-turns': { type: 'string' },
  'max-tokens': { type: 'string' },
  'context-tokens': { type: 'string' },
  'no-checkpoint': { type: 'boolean', default: false },
} as const;

export const MODEL_USAGE = `model: --provider openai|anthropic --base-url URL --model NAME [--api-key-env VAR]
       [--max-turns N] [--max-tokens N] [--context-tokens N] [--no-checkpoint]`;

export interface ModelValues {
  provider?: string;
  'base-url'?: string;
  model?: string;
  'api-key-env'?: string;
  'max-turns'?: string;
  'max-tokens'?: string;
  'context-tokens'?: string;
  'no-checkpoint': boolean;
}

export interface ModelChoice {
  provider: ModelProvider;
  keyVar: string;
  maxTurns?: number;
  maxTokens?: number;
  /** null: no checkpoint; undefined: the default storage. */
  storageDir: null | undefined;
}

export function modelFromFlags(values: ModelValues, usage: string): ModelChoice {
  const kind = required(values.provider, 'provider', usage);
  if (kind !== 'openai' && kind !== 'anthropic')
    throw new UsageError(`--provider must be openai or anthropic, not '${kind}'`, usage);
  const baseUrl = required(values['base-url'], 'base-url', usage);
  const model = required(values.model, 'model', usage);
  const keyVar = values['api-key-env'] ?? (kind === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY');
  const apiKey = process.env[keyVar];
  if (values['api-key-env'] !== undefined && !apiKey)
    throw new UsageError(`--api-key-env ${keyVar}: the variable is not set`, usage);
  try {
    return {
      provider: createProvider({
        provider: kind,
        baseUrl,
        model,
        apiKey,
        apiKeySource: apiKey ? keyVar : undefined,
        contextTokens: positiveInt(values['context-tokens'], 'context-tokens', usage),
      }),
      keyVar,
      maxTurns: positiveInt(values['max-turns'], 'max-turns', usage),
      maxTokens: positiveInt(values['max-tokens'], 'max-tokens', usage),
      storageDir: values['no-checkpoint'] ? null : undefined,
    };
  } catch (err) {
    if (err instanceof ModelError) throw new UsageError(err.message, usage);
    throw err;
  }
}

/**
 * What an authoring run (a draft, a tasks update, steering) takes from the flags: the model and its
 * budget, no command rules (an authoring run runs no shell command), the key's variable kept out
 * of child processes, and its progress as lines on stderr.
 */
export function authoringRunOptions(choice: ModelChoice, signal: AbortSignal, storageDir = choice.storageDir) {
  return {
    provider: choice.provider,
    rules: { allow: [], deny: [] },
    storageDir,
    maxTurns: choice.maxTurns,
    maxTokens: choice.maxTokens,
    signal,
    commands: { secretNames: [choice.keyVar] },
    onEvent: (e: TraceEvent) => {
      const line = progress(e);
      if (line) process.stderr.write(`${line}\n`);
    },
  };
}

function positiveInt(value: string | undefined, name: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number`, usage);
  return n;
}

/** Ctrl-C cancels the run through the signal; a second one quits at once. */
export async function withCancel<T>(what: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`${what}: cancelling (Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await body(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
