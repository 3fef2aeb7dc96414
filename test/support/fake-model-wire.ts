// The bytes a real OpenAI Chat Completions or Anthropic Messages server streams for one
// scripted reply, event by event, as those services send them today (chunk envelopes,
// `usage: null` on every chunk when usage was asked for, the empty first partial_json, …).

import type { FakeReply } from './fake-model-server';

export type WireFormat = 'openai' | 'anthropic';

/** Pieces of `count` characters, never splitting a character made of two UTF-16 units. */
function pieces(text: string, count: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += count) out.push(chars.slice(i, i + count).join(''));
  return out;
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

interface Context {
  /** 1-based number of the request, for ids. */
  n: number;
  model: string;
  body: Record<string, unknown>;
}

function usageOf(reply: FakeReply, context: Context): { inputTokens: number; outputTokens: number } {
  const produced = (reply.text ?? '') + (reply.toolCalls ?? []).map((c) => c.name + c.arguments).join('');
  return (
    reply.usage ?? { inputTokens: estimateTokens(JSON.stringify(context.body)), outputTokens: estimateTokens(produced) }
  );
}

function stopOf(reply: FakeReply): 'end' | 'tool-calls' | 'max-tokens' {
  return reply.stopReason ?? ((reply.toolCalls ?? []).length > 0 ? 'tool-calls' : 'end');
}

// A chunk cut short in the middle of a JSON string, as a broken proxy might send it.
const MALFORMED = {
  openai: 'data: {"id":"chatcmpl-broken","choices":[{"index":0,"delta":{"content":"cut sh\n\n',
  anthropic:
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"cut sh\n\n',
};

export const KEEP_ALIVE: Record<WireFormat, string> = {
  openai: ': ping\n\n',
  anthropic: 'event: ping\ndata: {"type": "ping"}\n\n',
};

export function openAiFrames(reply: FakeReply, context: Context): string[] {
  const includeUsage = (context.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({
      id: `chatcmpl-fake-${context.n}`,
      object: 'chat.completion.chunk',
      created,
      model: context.model,
      system_fingerprint: 'fp_fake',
      choices,
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    })}\n\n`;
  const delta = (d: Record<string, unknown>, finish: string | null = null): string =>
    chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
  const size = reply.chunkSize ?? 4;

  const frames = [delta({ role: 'assistant', content: '', refusal: null })];
  const textPieces = pieces(reply.text ?? '', size);
  textPieces.forEach((piece, i) => {
    frames.push(delta({ content: piece }));
    if (i === 0 && reply.malformed) frames.push(MALFORMED.openai);
  });
  if (reply.malformed && textPieces.length === 0) frames.push(MALFORMED.openai);
  // OpenRouter's way of failing inside a 200 stream.
  if (reply.streamError)
    frames.push(`data: ${JSON.stringify({ error: { message: reply.streamError, code: 502 } })}\n\n`);

  const calls = (reply.toolCalls ?? []).map((call, index) => [
    delta({
      tool_calls: [
        {
          index,
          id: call.id ?? `call_fake_${context.n}_${index}`,
          type: 'function',
          function: { name: call.name, arguments: '' },
        },
      ],
    }),
    ...pieces(call.arguments, size).map((piece) => delta({ tool_calls: [{ index, function: { arguments: piece } }] })),
  ]);
  if (reply.interleave) {
    for (let i = 0; calls.some((c) => i < c.length); i++) for (const c of calls) if (i < c.length) frames.push(c[i]);
  } else {
    for (const c of calls) frames.push(...c);
  }

  const finish = { end: 'stop', 'tool-calls': 'tool_calls', 'max-tokens': 'length' }[stopOf(reply)];
  frames.push(delta({}, finish));
  if (includeUsage) {
    const usage = usageOf(reply, context);
    frames.push(
      chunk([], {
        usage: {
          prompt_tokens: usage.inputTokens,
          completion_tokens: usage.outputTokens,
          total_tokens: usage.inputTokens + usage.outputTokens,
        },
      }),
    );
  }
  frames.push('data: [DONE]\n\n');
  return frames;
}

export function anthropicFrames(reply: FakeReply, context: Context): string[] {
  const event = (type: string, data: Record<string, unknown>): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const size = reply.chunkSize ?? 4;
  const usage = usageOf(reply, context);
  const frames = [
    event('message_start', {
      message: {
        id: `msg_fake_${context.n}`,
        type: 'message',
        role: 'assistant',
        model: context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: usage.inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
        },
      },
    }),
  ];
  let index = 0;
  if (reply.text) {
    frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    pieces(reply.text, size).forEach((piece, i) => {
      frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
      if (i === 0 && reply.malformed) frames.push(MALFORMED.anthropic);
    });
    frames.push(event('content_block_stop', { index }));
    index++;
  } else if (reply.malformed) {
    frames.push(MALFORMED.anthropic);
  }
  if (reply.streamError)
    frames.push(event('error', { error: { type: 'overloaded_error', message: reply.streamError } }));
  (reply.toolCalls ?? []).forEach((call, i) => {
    const id = call.id ?? `toolu_fake_${context.n}_${i}`;
    frames.push(
      event('content_block_start', { index, content_block: { type: 'tool_use', id, name: call.name, input: {} } }),
    );
    for (const piece of ['', ...pieces(call.arguments, size)])
      frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
    frames.push(event('content_block_stop', { index }));
    index++;
  });
  const stop = { end: 'end_turn', 'tool-calls': 'tool_use', 'max-tokens': 'max_tokens' }[stopOf(reply)];
  frames.push(
    event('message_delta', {
      delta: { stop_reason: stop, stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    }),
  );
  frames.push(event('message_stop', {}));
  return frames;
}

const OPENAI_ERROR_TYPES: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['invalid_request_error', 'unsupported_country_region_territory'],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
};

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** An error body in the shape the service uses for that status. */
export function errorBody(format: WireFormat, status: number, message: string): string {
  if (format === 'openai') {
    const [type, code] = OPENAI_ERROR_TYPES[status] ?? ['server_error', null];
    return JSON.stringify({ error: { message, type, param: null, code } });
  }
  return JSON.stringify({ type: 'error', error: { type: ANTHROPIC_ERROR_TYPES[status] ?? 'api_error', message } });
}
