// Assembles a streamed Anthropic Messages answer event by event. Content blocks are numbered;
// a tool_use block's input arrives as partial JSON pieces and is complete at its
// content_block_stop. Thinking and server-tool blocks are not part of the neutral answer.

import type { ModelErrorKind, ModelResponse, StreamEvent, ToolCall, Usage } from '../model';
import { ModelError } from '../model';
import type { ResolvedConfig } from './config';
import { badResponse, TransientModelError } from './errors';
import type { SseEvent } from './sse';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

const ERROR_KINDS: Record<string, { kind: ModelErrorKind; transient: boolean }> = {
  overloaded_error: { kind: 'server', transient: true },
  api_error: { kind: 'server', transient: true },
  rate_limit_error: { kind: 'rate-limit', transient: true },
  timeout_error: { kind: 'timeout', transient: true },
  authentication_error: { kind: 'auth', transient: false },
  permission_error: { kind: 'auth', transient: false },
  not_found_error: { kind: 'not-found', transient: false },
  invalid_request_error: { kind: 'bad-request', transient: false },
  request_too_large: { kind: 'bad-request', transient: false },
};

export class AnthropicStream {
  private text = '';
  private readonly toolBlocks = new Map<number, { id: string; name: string; json: string }>();
  private readonly toolCalls: ToolCall[] = [];
  private stopReasonWire: string | undefined;
  private stopped = false;
  private readonly usage: Usage = { inputTokens: 0, outputTokens: 0 };

  constructor(
    private readonly emit: (event: StreamEvent) => void,
    private readonly config: ResolvedConfig,
  ) {}

  get done(): boolean {
    return this.stopped;
  }

  push(event: SseEvent, data: Json): void {
    const type = typeof data.type === 'string' ? data.type : event.event;
    switch (type) {
      case 'message_start': {
        const usage = record(record(data.message).usage);
        // Cached prompt tokens are counted apart from input_tokens; all of them were input.
        this.usage.inputTokens =
          count(usage.input_tokens) + count(usage.cache_creation_input_tokens) + count(usage.cache_read_input_tokens);
        this.usage.outputTokens = count(usage.output_tokens);
        return;
      }
      case 'content_block_start': {
        const block = record(data.content_block);
        if (block.type === 'tool_use') {
          this.toolBlocks.set(count(data.index), {
            id: String(block.id ?? ''),
            name: String(block.name ?? ''),
            json: '',
          });
        }
        return;
      }
      case 'content_block_delta':
        return this.pushDelta(count(data.index), record(data.delta));
      case 'content_block_stop': {
        const block = this.toolBlocks.get(count(data.index));
        if (!block) return;
        this.toolBlocks.delete(count(data.index));
        // A tool without parameters streams no input at all.
        const call: ToolCall = { id: block.id, name: block.name, arguments: block.json === '' ? '{}' : block.json };
        this.toolCalls.push(call);
        this.emit({ type: 'tool-call', call });
        return;
      }
      case 'message_delta': {
        const delta = record(data.delta);
        if (typeof delta.stop_reason === 'string') this.stopReasonWire = delta.stop_reason;
        const usage = record(data.usage);
        // Both are running totals, not increments.
        if (typeof usage.output_tokens === 'number') this.usage.outputTokens = usage.output_tokens;
        if (typeof usage.input_tokens === 'number' && usage.input_tokens > 0) {
          this.usage.inputTokens =
            usage.input_tokens + count(usage.cache_creation_input_tokens) + count(usage.cache_read_input_tokens);
        }
        return;
      }
      case 'message_stop':
        this.stopped = true;
        return;
      case 'error':
        throw this.streamError(record(data.error));
      default:
        // ping, and event types added after this was written.
        return;
    }
  }

  private pushDelta(index: number, delta: Json): void {
    if (delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
      this.text += delta.text;
      this.emit({ type: 'text', text: delta.text });
    } else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
      const block = this.toolBlocks.get(index);
      if (!block)
        throw badResponse(`input_json_delta for block ${index}, which is not an open tool_use block.`, this.config);
      block.json += delta.partial_json;
    }
  }

  private streamError(error: Json): ModelError {
    const wireType = typeof error.type === 'string' ? error.type : 'api_error';
    const message = `${this.config.baseUrl} reported ${wireType} mid-stream: ${typeof error.message === 'string' ? error.message : 'no message'}`;
    const known = ERROR_KINDS[wireType] ?? { kind: 'server', transient: false };
    return known.transient ? new TransientModelError(known.kind, message) : new ModelError(known.kind, message);
  }

  finish(): ModelResponse {
    if (!this.stopped && this.stopReasonWire === undefined)
      throw badResponse('the stream ended before the answer was complete (no message_stop).', this.config);
    return { text: this.text, toolCalls: this.toolCalls, usage: { ...this.usage }, stopReason: this.stopReason() };
  }

  private stopReason(): ModelResponse['stopReason'] {
    switch (this.stopReasonWire) {
      case 'end_turn':
      case 'stop_sequence':
        return 'end';
      case 'tool_use':
        return 'tool-calls';
      case 'max_tokens':
        return 'max-tokens';
      default:
        return this.toolCalls.length > 0 ? 'tool-calls' : 'other';
    }
  }
}
