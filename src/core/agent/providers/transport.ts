// One HTTP attempt at a streaming model call: POST the body, turn a non-2xx status into its
// ModelError, then hand over the server-sent events while enforcing the timeout and the
// caller's cancel at every await.

import { ModelError } from '../model';
import type { ResolvedConfig } from './config';
import { Deadline } from './deadline';
import { badResponse, cancelled, connectionError, httpError } from './errors';
import { retryAfterMs } from './retry';
import { readSse, type SseEvent } from './sse';

export interface StreamRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal;
}

export async function* postForEvents(request: StreamRequest, config: ResolvedConfig): AsyncGenerator<SseEvent> {
  if (request.signal?.aborted) throw cancelled();
  const deadline = new Deadline(config.timeoutMs, request.signal, config.clock);
  let started = false;
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...request.headers },
      body: JSON.stringify(request.body),
      signal: deadline.signal,
    });
    started = true;
    deadline.responseStarted();
    if (!response.ok) {
      const text = await response.text();
      throw httpError(response.status, text, retryAfterMs(response.headers, config.clock.now()), config);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('text/event-stream') || !response.body) {
      const text = await response.text();
      throw badResponse(`expected an event stream, got ${type || 'no content type'}: ${text.slice(0, 200)}`, config);
    }
    yield* readSse(response.body, () => deadline.touch());
  } catch (error) {
    const why = deadline.reason();
    if (why === 'cancelled') throw cancelled();
    if (why === 'timeout')
      throw new ModelError(
        'timeout',
        `${config.baseUrl} timed out for model "${config.model}": ${deadline.describeTimeout()}.`,
      );
    if (error instanceof ModelError) throw error;
    throw connectionError(error, !started, config);
  } finally {
    deadline.dispose();
  }
}
