// A model server for tests: speaks the real OpenAI Chat Completions and Anthropic Messages
// streaming wire formats on 127.0.0.1, answering each request with the next scripted turn and
// recording every request it receives.
//
//   const server = await startFakeModelServer();
//   server.script([{ toolCalls: [{ name: 'read_file', arguments: '{"path":"a.md"}' }] }, { text: 'Done.' }]);
//   createProvider({ provider: 'openai', baseUrl: server.openaiBaseUrl, model: 'fake' });
//   createProvider({ provider: 'anthropic', baseUrl: server.anthropicBaseUrl, model: 'fake' });
//   ... server.requests[0].body.messages ...
//   await server.close();
//
// Routes: POST …/chat/completions (OpenAI, any prefix, so Azure-style deployment paths work),
// POST …/v1/messages (Anthropic). Control routes for tests in another process: GET
// /_fake/requests (the recorded requests as JSON), POST /_fake/script (a JSON array of turns,
// appended). Run it as its own process with fake-model-server-cli.ts.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicFrames, errorBody, KEEP_ALIVE, openAiFrames, type WireFormat } from './fake-model-wire';

export interface FakeToolCall {
  /** Default: `call_fake_<request>_<i>` (OpenAI) or `toolu_fake_<request>_<i>` (Anthropic). */
  id?: string;
  name: string;
  /** JSON text, sent exactly as given (so it may be malformed on purpose). */
  arguments: string;
}

/** A 200 streamed answer. */
export interface FakeReply {
  text?: string;
  /** Two or more make a parallel tool-call turn. */
  toolCalls?: FakeToolCall[];
  /** Default: estimated from the request and reply sizes. OpenAI sends it only when the request asked (`stream_options.include_usage`). */
  usage?: { inputTokens: number; outputTokens: number };
  /** Default: `tool-calls` when there are tool calls, else `end`. */
  stopReason?: 'end' | 'tool-calls' | 'max-tokens';
  /** Characters per text delta and per tool-argument fragment (default 4; 1 for the hardest case). */
  chunkSize?: number;
  /** OpenAI: alternate the fragments of parallel tool calls instead of sending them one after another. */
  interleave?: boolean;
  /**
   * Write every event in several TCP writes, cutting inside `data:`, inside the JSON and between
   * the two newlines (`true`), or every N bytes (a number; may cut a UTF-8 character in two).
   */
  splitWrites?: boolean | number;
  /** A keep-alive before every event: `: ping` comments (OpenAI) or `ping` events (Anthropic). */
  keepAlive?: boolean;
  /** Send a chunk of broken JSON after the first text delta. */
  malformed?: boolean;
  /** Report a failure inside the 200 stream, after the text (OpenRouter-style `error` chunk; Anthropic `error` event, overloaded_error). */
  streamError?: string;
  /** Send only the first N events, then keep the connection open and silent (idle timeouts, cancel mid-stream). */
  hangAfter?: number;
  /** Wait this long between events, for watching a stream arrive. */
  eventGapMs?: number;
  /** Hold the answer until this many model requests have been in flight at once (concurrent clients). */
  holdUntilInFlight?: number;
  /** Wait this long before the first byte (a slow model, for benchmarks). */
  delayMs?: number;
}

/** A plain (not streamed) answer: an error in the format's own error body, or `body` as given. */
export interface FakeHttpError {
  status: number;
  /** Default: a message like the service's own for that status. */
  message?: string;
  /** Sent as the Retry-After header as given: seconds (`1`) or an HTTP date. */
  retryAfter?: number | string;
  /** A raw body instead of the format's error JSON (an HTML proxy page, …). */
  body?: string;
}

/** Accept the request and never answer (time-to-first-byte timeouts). */
export interface FakeHang {
  hang: true;
}

/** Close the connection without a byte of response (a reset the client may retry). */
export interface FakeReset {
  reset: true;
}

export type FakeTurn = FakeReply | FakeHttpError | FakeHang | FakeReset;

/** A turn, or a function choosing one from the request (`req.body` is the parsed JSON). */
export type ScriptEntry = FakeTurn | ((request: RecordedRequest) => FakeTurn);

export interface RecordedRequest {
  /** 0-based position in `requests`. */
  index: number;
  format: WireFormat;
  method: string;
  /** Path and query, e.g. `/v1/chat/completions?api-version=2024-10-21`. */
  path: string;
  /** Lower-case names. Includes the credentials sent, so tests can assert them. */
  headers: Record<string, string>;
  /** The parsed JSON body; `any` because each test reads the shape its own provider sent. */
  body: any;
  /** Set when the exchange ended: `completed`, or `aborted` when the client went away first. */
  outcome?: 'completed' | 'aborted';
}

export interface FakeModelServerOptions {
  /** Models the server knows; any other gets the format's 404 model-not-found. Default: any. */
  models?: string[];
  /** When set, a request must carry this key (Bearer, `api-key` or `x-api-key`) or gets a 401. */
  apiKey?: string;
  /** Closes itself after this long, so a forgotten server cannot outlive its test run. Default 10 minutes. */
  lifetimeMs?: number;
  /** The answer when the script has run out. Default: HTTP 400 saying so (400 is not retried, so the test fails fast). */
  whenEmpty?: FakeTurn;
  /** Default 0: a free port. */
  port?: number;
}

export interface FakeModelServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `<url>/v1`, the OpenAI-style base URL. */
  readonly openaiBaseUrl: string;
  /** `<url>`, the Anthropic-style base URL. */
  readonly anthropicBaseUrl: string;
  /** Every model request received, in order (control routes excluded). */
  readonly requests: RecordedRequest[];
  /** Appends turns; each model request takes the next one. */
  script(turns: ScriptEntry[]): void;
  /** Turns not yet taken. */
  readonly remaining: number;
  /** Model requests being answered right now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves when request `index` has ended, saying whether the client stayed to the end. */
  waitForOutcome(index: number, timeoutMs?: number): Promise<'completed' | 'aborted'>;
  /** Stops listening and drops every open connection, hung ones included. */
  close(): Promise<void>;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'Incorrect API key provided.',
  403: 'You are not allowed to use this model.',
  404: 'Not found.',
  429: 'Rate limit reached for requests. Please try again shortly.',
  500: 'The server had an error while processing your request.',
  503: 'The service is temporarily unavailable.',
  529: 'Overloaded.',
};

function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`fake model server: ${what} did not happen within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function formatOf(pathname: string): WireFormat | undefined {
  if (pathname.endsWith('/chat/completions')) return 'openai';
  if (pathname.endsWith('/v1/messages')) return 'anthropic';
  return undefined;
}

function keyOf(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const header = req.headers['x-api-key'] ?? req.headers['api-key'];
  return bearer ?? (typeof header === 'string' ? header : undefined);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Points to cut one event's bytes at: inside `data:`, in the middle, between the final newlines. */
function cutPoints(length: number, split: boolean | number): number[] {
  if (typeof split === 'number') {
    const points: number[] = [];
    for (let at = split; at < length; at += split) points.push(at);
    return points;
  }
  return [...new Set([2, Math.floor(length / 2), length - 1])]
    .filter((at) => at > 0 && at < length)
    .sort((a, b) => a - b);
}

// Lets the other side read what was written before the next write goes out, so pieces arrive as separate TCP reads.
const nextTurnOfLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function writeEvent(res: ServerResponse, frame: string, split: boolean | number | undefined): Promise<void> {
  const bytes = Buffer.from(frame, 'utf8');
  if (!split) {
    res.write(bytes);
    return;
  }
  let start = 0;
  for (const at of [...cutPoints(bytes.length, split), bytes.length]) {
    if (res.destroyed) return;
    res.write(bytes.subarray(start, at));
    start = at;
    await nextTurnOfLoop();
  }
}

async function stream(res: ServerResponse, format: WireFormat, frames: string[], reply: FakeReply): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  for (let i = 0; i < frames.length; i++) {
    if (reply.hangAfter !== undefined && i >= reply.hangAfter) return;
    if (res.destroyed) return;
    if (reply.keepAlive) await writeEvent(res, KEEP_ALIVE[format], reply.splitWrites);
    await writeEvent(res, frames[i], reply.splitWrites);
    if (reply.eventGapMs) await pause(reply.eventGapMs);
  }
  res.end();
}

function sendError(res: ServerResponse, format: WireFormat | undefined, turn: FakeHttpError): void {
  const message = turn.message ?? DEFAULT_MESSAGES[turn.status] ?? `HTTP ${turn.status}`;
  const headers: Record<string, string> = {
    'content-type': turn.body !== undefined ? 'text/html' : 'application/json',
  };
  if (turn.retryAfter !== undefined) headers['retry-after'] = String(turn.retryAfter);
  res.writeHead(turn.status, headers);
  res.end(turn.body ?? (format ? errorBody(format, turn.status, message) : JSON.stringify({ error: { message } })));
}

export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const queue: ScriptEntry[] = [];
  const requests: RecordedRequest[] = [];
  const outcomes = new Map<number, Promise<'completed' | 'aborted'>>();
  const arrivals = new Set<() => void>();
  let inFlight = 0;
  let maxInFlight = 0;

  async function serveModel(req: IncomingMessage, res: ServerResponse, format: WireFormat): Promise<void> {
    const text = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendError(res, format, { status: 400, message: 'The request body is not valid JSON.' });
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? ''),
      ]),
    );
    const record: RecordedRequest = {
      index: requests.length,
      format,
      method: req.method ?? 'POST',
      path: req.url ?? '',
      headers,
      body,
    };
    requests.push(record);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    outcomes.set(
      record.index,
      new Promise((resolve) =>
        res.on('close', () => {
          inFlight--;
          record.outcome = res.writableFinished ? 'completed' : 'aborted';
          resolve(record.outcome);
        }),
      ),
    );
    for (const wake of arrivals) wake();

    if (options.apiKey !== undefined && keyOf(req) !== options.apiKey) return sendError(res, format, { status: 401 });
    const model = String(body.model ?? '');
    if (options.models && !options.models.includes(model)) {
      const message =
        format === 'openai'
          ? `The model \`${model}\` does not exist or you do not have access to it.`
          : `model: ${model}`;
      return sendError(res, format, { status: 404, message });
    }
    const entry = queue.shift() ??
      options.whenEmpty ?? {
        status: 400,
        message: `fake model server: the script has no turn left for request #${record.index + 1}`,
      };
    const turn = typeof entry === 'function' ? entry(record) : entry;
    if ('hang' in turn) return;
    if ('reset' in turn) return void req.socket.destroy();
    if ('status' in turn) return sendError(res, format, turn);
    if (turn.holdUntilInFlight !== undefined) await heldUntil(turn.holdUntilInFlight, res);
    if (turn.delayMs) await pause(turn.delayMs);
    if (res.destroyed) return;
    const context = { n: record.index + 1, model, body };
    const frames = format === 'openai' ? openAiFrames(turn, context) : anthropicFrames(turn, context);
    await stream(res, format, frames, turn);
  }

  /**
   * Resolves once `count` requests are in flight at once while this one waits (this one among them),
   * or the client went away. Counted from now, not over the server's life: a later test's hold must
   * not pass on an earlier test's concurrency.
   */
  function heldUntil(count: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        if (inFlight < count && !res.destroyed) return;
        arrivals.delete(wake);
        resolve();
      };
      arrivals.add(wake);
      res.on('close', wake);
      wake();
    });
  }

  async function serveControl(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method === 'GET' && pathname === '/_fake/requests') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(requests));
      return;
    }
    if (req.method === 'POST' && pathname === '/_fake/script') {
      const turns: unknown = JSON.parse(await readBody(req));
      if (!Array.isArray(turns))
        return sendError(res, undefined, { status: 400, message: 'POST /_fake/script takes a JSON array of turns.' });
      queue.push(...(turns as FakeTurn[]));
      res.writeHead(204).end();
      return;
    }
    sendError(res, undefined, {
      status: 404,
      message: `fake model server: no control route ${req.method} ${pathname}`,
    });
  }

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const format = req.method === 'POST' ? formatOf(pathname) : undefined;
    const work = pathname.startsWith('/_fake/')
      ? serveControl(req, res, pathname)
      : format
        ? serveModel(req, res, format)
        : Promise.resolve(
            sendError(res, undefined, {
              status: 404,
              message: `fake model server: no route ${req.method} ${pathname}`,
            }),
          );
    work.catch((error: unknown) => {
      if (!res.headersSent) sendError(res, undefined, { status: 500, message: `fake model server: ${String(error)}` });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const lifetime = setTimeout(() => void close(), options.lifetimeMs ?? 10 * 60_000);
  lifetime.unref();

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    requests,
    script: (turns) => void queue.push(...turns),
    get remaining() {
      return queue.length;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    waitForRequests: (count, timeoutMs = 5_000) => {
      if (requests.length >= count) return Promise.resolve();
      let wake = (): void => undefined;
      const arrived = new Promise<void>((resolve) => {
        wake = () => {
          if (requests.length >= count) resolve();
        };
        arrivals.add(wake);
      });
      return within(arrived, timeoutMs, `request #${count}`).finally(() => arrivals.delete(wake));
    },
    waitForOutcome: (index, timeoutMs = 5_000) => {
      const outcome = outcomes.get(index);
      if (!outcome) return Promise.reject(new Error(`fake model server: no request #${index} yet`));
      return within(outcome, timeoutMs, `the end of request #${index}`);
    },
    close,
  };
}
