// Turns every way an HTTP model call can fail into a ModelError whose message says what to
// check. The API key never appears in a message, even when a server echoes it back.

import { ModelError, type ModelErrorKind } from '../model';
import type { ResolvedConfig } from './config';

/** A failure another attempt may cure; `retryAfterMs` is the server's own wish when it sent one. */
export class TransientModelError extends ModelError {
  constructor(
    kind: ModelErrorKind,
    message: string,
    status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(kind, message, status);
  }
}

export function redact(text: string, config: ResolvedConfig): string {
  const key = config.apiKey;
  // Very short keys would redact ordinary words; no real key is that short.
  return key && key.length >= 8 ? text.split(key).join('***') : text;
}

/** The human part of an error body, in OpenAI (`error.message`), Anthropic, Ollama (`error: "..."`) or plain form. */
export function serverMessage(body: string): { message: string; code?: string } {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const error = parsed.error;
    if (typeof error === 'string') return { message: error };
    if (error && typeof error === 'object') {
      const e = error as Record<string, unknown>;
      return {
        message: typeof e.message === 'string' ? e.message : JSON.stringify(error),
        code: typeof e.code === 'string' ? e.code : typeof e.type === 'string' ? e.type : undefined,
      };
    }
    if (typeof parsed.message === 'string') return { message: parsed.message };
    if (typeof parsed.detail === 'string') return { message: parsed.detail };
  } catch {
    // Not JSON: a proxy's HTML page or plain text; show its start.
  }
  const text = body.replace(/\s+/g, ' ').trim();
  return { message: text.length > 300 ? `${text.slice(0, 300)}…` : text };
}

const MODEL_MISSING = /model.*(not found|does not exist|not exist|unknown)|unknown model|no such model/i;

export function httpError(
  status: number,
  body: string,
  retryAfterMs: number | undefined,
  config: ResolvedConfig,
): ModelError {
  const { message: raw, code } = serverMessage(body);
  // Our sentence supplies the full stop.
  const said = redact(raw, config).replace(/\.+$/, '');
  const detail = said ? `HTTP ${status}: ${said}` : `HTTP ${status}`;
  const where = config.baseUrl;
  if (status === 401 || status === 403) {
    if (!config.apiKey) {
      const looked = config.apiKeySource ? ` (none found in ${config.apiKeySource})` : '';
      return new ModelError('auth', `${where} requires an API key and none was sent${looked} (${detail}).`, status);
    }
    const source = config.apiKeySource ?? 'the configuration';
    return new ModelError('auth', `The API key in ${source} was refused by ${where} (${detail}).`, status);
  }
  if (
    status === 404 ||
    code === 'model_not_found' ||
    (status >= 400 && status < 500 && status !== 429 && MODEL_MISSING.test(raw))
  ) {
    return new ModelError(
      'not-found',
      `Model "${config.model}" was not found at ${where} (${detail}). Check the model name and the base URL.`,
      status,
    );
  }
  if (status === 429)
    return new TransientModelError(
      'rate-limit',
      `${where} is rate-limiting requests (${detail}).`,
      status,
      retryAfterMs,
    );
  if (status === 408)
    return new TransientModelError('timeout', `${where} timed out the request (${detail}).`, status, retryAfterMs);
  if (status === 409 || status >= 500) {
    return new TransientModelError('server', `${where} failed with a server error (${detail}).`, status, retryAfterMs);
  }
  return new ModelError(
    'bad-request',
    `${where} rejected the request for model "${config.model}" (${detail}).`,
    status,
  );
}

function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') return e.code;
  // Node reports a refused dual-stack connect as an AggregateError of one error per address.
  if (Array.isArray(e.errors) && e.errors.length > 0) return errorCode(e.errors[0]);
  return errorCode(e.cause);
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * A fetch or body-read failure that was not ours (not a timeout, not a cancel).
 * `beforeResponse`: nothing had arrived yet, so a reset is safe to retry.
 */
export function connectionError(error: unknown, beforeResponse: boolean, config: ResolvedConfig): ModelError {
  const code = errorCode(error);
  const where = config.baseUrl;
  if (code === 'ECONNREFUSED')
    return new ModelError('connection', `Could not connect to ${where}: connection refused (is the server running?).`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ModelError('connection', `Could not connect to ${where}: the host name did not resolve (${code}).`);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ModelError('timeout', `${where} did not answer in time (${code}).`);
  }
  if (code && RESET_CODES.has(code)) {
    const message = `The connection to ${where} was closed ${beforeResponse ? 'before a response' : 'in the middle of the response'} (${code}).`;
    return beforeResponse ? new TransientModelError('connection', message) : new ModelError('connection', message);
  }
  const why =
    error instanceof Error
      ? redact(error.cause instanceof Error ? error.cause.message : error.message, config)
      : String(error);
  return new ModelError('connection', `Could not reach ${where}: ${why}${code ? ` (${code})` : ''}.`);
}

export function badResponse(message: string, config: ResolvedConfig): ModelError {
  return new ModelError(
    'bad-response',
    `${config.baseUrl} sent a response Tiller cannot read: ${redact(message, config)}`,
  );
}

export function cancelled(): ModelError {
  return new ModelError('cancelled', 'The model request was cancelled.');
}

/** A stream event's JSON; anything else means the stream cannot be trusted further. */
export function parseEventJson(data: string, config: ResolvedConfig): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw badResponse(`malformed JSON in the stream: ${data.length > 200 ? `${data.slice(0, 200)}…` : data}`, config);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badResponse(`a stream event is not a JSON object: ${data.slice(0, 200)}`, config);
  return parsed as Record<string, unknown>;
}
