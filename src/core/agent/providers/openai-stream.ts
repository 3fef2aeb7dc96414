// Assembles a streamed Chat Completions answer chunk by chunk. Tool calls arrive as fragments
// keyed by `index` (the id and name once, the arguments in pieces, several calls interleaved
// or one after another); a call is announced only once its arguments are complete.

import type { ModelResponse, StreamEvent, ToolCall, Usage } from '../model';
import type { ResolvedConfig } from './config';
import { badResponse, TransientModelError } from './errors';

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

type Chunk = Record<string, unknown>;

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export class OpenAiStream {
  private text = '';
  private readonly calls = new Map<number, PartialCall>();
  private lastIndex = -1;
  private finishReason: string | undefined;
  private usage: Usage = { inputTokens: 0, outputTokens: 0 };

  constructor(
    private readonly emit: (event: StreamEvent) => void,
    private readonly config: ResolvedConfig,
  ) {}

  push(chunk: Chunk): void {
    // OpenRouter and some proxies report a failure inside a 200 stream.
    const error = chunk.error;
    if (error !== undefined && error !== null) {
      const e = record(error);
      const message = e ? text(e.message) || JSON.stringify(error) : String(error);
      throw new TransientModelError('server', `${this.config.baseUrl} reported an error mid-stream: ${message}`);
    }
    const usage = record(chunk.usage);
    if (usage) {
      this.usage = {
        inputTokens: Number(usage.prompt_tokens) || 0,
        outputTokens: Number(usage.completion_tokens) || 0,
      };
    }
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      const c = record(choice);
      if (!c || (c.index !== undefined && c.index !== 0)) continue;
      const delta = record(c.delta);
      if (delta) this.pushDelta(delta);
      if (typeof c.finish_reason === 'string') this.finishReason = c.finish_reason;
    }
  }

  private pushDelta(delta: Record<string, unknown>): void {
    const piece = text(delta.content);
    if (piece) {
      this.text += piece;
      this.emit({ type: 'text', text: piece });
    }
    if (!Array.isArray(delta.tool_calls)) return;
    for (const fragment of delta.tool_calls) {
      const f = record(fragment);
      if (!f) continue;
      const fn = record(f.function) ?? {};
      const id = text(f.id);
      // Some servers leave out `index`: a new id starts a call, otherwise it continues the last.
      const index =
        typeof f.index === 'number'
          ? f.index
          : id && !this.hasId(id)
            ? this.lastIndex + 1
            : Math.max(this.lastIndex, 0);
      this.lastIndex = Math.max(this.lastIndex, index);
      const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
      this.calls.set(index, call);
      if (id && !call.id) call.id = id;
      if (text(fn.name) && !call.name) call.name = text(fn.name);
      call.arguments += text(fn.arguments);
    }
  }

  private hasId(id: string): boolean {
    for (const call of this.calls.values()) if (call.id === id) return true;
    return false;
  }

  finish(): ModelResponse {
    if (this.finishReason === undefined)
      throw badResponse('the stream ended before the answer was complete (no finish_reason).', this.config);
    const toolCalls: ToolCall[] = [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => {
        if (!call.name) throw badResponse(`tool call ${index} has no function name.`, this.config);
        // Local servers sometimes omit ids; the runner still needs one to pair the result.
        return { id: call.id || `call_${index}`, name: call.name, arguments: call.arguments };
      });
    for (const call of toolCalls) this.emit({ type: 'tool-call', call });
    return { text: this.text, toolCalls, usage: this.usage, stopReason: this.stopReason(toolCalls.length > 0) };
  }

  private stopReason(hasCalls: boolean): ModelResponse['stopReason'] {
    switch (this.finishReason) {
      case 'length':
        return 'max-tokens';
      case 'tool_calls':
      case 'function_call':
        return 'tool-calls';
      case 'stop':
        // Ollama says "stop" even when the turn ends in tool calls.
        return hasCalls ? 'tool-calls' : 'end';
      default:
        return hasCalls ? 'tool-calls' : 'other';
    }
  }
}
