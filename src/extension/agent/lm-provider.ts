// The VS Code Language Model API (Copilot or any extension that contributes chat models) behind
// core's neutral ModelProvider. VS Code reports no token usage, so usage is the context budget's
// estimate (UTF-8 bytes / 3, context-budget.ts). tiller.agent.requestTimeoutSeconds bounds the
// wait for an answer to start and any silence in it, as for the HTTP providers, even when the
// model's extension ignores the cancellation: the run fails as timed out, with Retry.
import * as vscode from 'vscode';
import { systemClock, type Clock } from '../../core/clock';
import { estimateTokens } from '../../core/agent/context-budget';
import {
  ModelError,
  type ChatMessage,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
  type ToolCall,
} from '../../core/agent/model';
import { Deadline } from '../../core/agent/providers/deadline';
import { DeadlineFired, readUnderDeadline } from '../../core/agent/providers/deadline-stream';

export class LanguageModelProvider implements ModelProvider {
  readonly id = 'vscode-lm';
  readonly model: string;
  /** The model's own advertised limit: the run's context budget. */
  readonly inputTokenLimit: number | undefined;

  constructor(
    private readonly chatModel: vscode.LanguageModelChat,
    private readonly timeoutMs: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.model = `${chatModel.vendor}/${chatModel.id}`;
    this.inputTokenLimit = chatModel.maxInputTokens > 0 ? chatModel.maxInputTokens : undefined;
  }

  async chat(request: ModelRequest, onEvent?: (event: StreamEvent) => void): Promise<ModelResponse> {
    if (request.signal?.aborted) throw cancelled();
    const deadline = new Deadline(this.timeoutMs, request.signal, this.clock);
    const source = new vscode.CancellationTokenSource();
    const onStop = () => source.cancel();
    deadline.signal.addEventListener('abort', onStop, { once: true });
    let text = '';
    const toolCalls: ToolCall[] = [];
    try {
      const started = this.chatModel
        .sendRequest(
          toLanguageModelMessages(request.messages),
          {
            justification: 'Tiller runs the task you started through this model.',
            tools: request.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.parameters })),
            ...(request.maxOutputTokens ? { modelOptions: { max_tokens: request.maxOutputTokens } } : {}),
          },
          source.token,
        )
        .then((response) => response.stream);
      for await (const part of readUnderDeadline(Promise.resolve(started), deadline)) {
        if (part instanceof vscode.LanguageModelTextPart) {
          text += part.value;
          onEvent?.({ type: 'text', text: part.value });
        } else if (part instanceof vscode.LanguageModelToolCallPart) {
          const call = { id: part.callId, name: part.name, arguments: JSON.stringify(part.input ?? {}) };
          toolCalls.push(call);
          onEvent?.({ type: 'tool-call', call });
        }
      }
    } catch (err) {
      const why = deadline.reason();
      if (why === 'cancelled' || request.signal?.aborted) throw cancelled();
      if (why === 'timeout')
        throw new ModelError(
          'timeout',
          `${this.model} timed out: ${deadline.describeTimeout()} (tiller.agent.requestTimeoutSeconds).`,
        );
      if (err instanceof vscode.CancellationError || err instanceof DeadlineFired) throw cancelled();
      throw toModelError(err, this.model);
    } finally {
      deadline.signal.removeEventListener('abort', onStop);
      deadline.dispose();
      source.dispose();
    }
    if (request.signal?.aborted) throw cancelled();
    const input = request.messages.map((m) => m.content).join('') + JSON.stringify(request.tools);
    const output = text + toolCalls.map((c) => c.arguments).join('');
    return {
      text,
      toolCalls,
      usage: { inputTokens: estimateTokens(input), outputTokens: estimateTokens(output) },
      stopReason: toolCalls.length ? 'tool-calls' : 'end',
    };
  }
}

/**
 * VS Code's stable API has no system role: the system prompt goes first as a user message.
 * Consecutive tool results become one user message, as Anthropic-backed models require.
 */
export function toLanguageModelMessages(messages: ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const out: vscode.LanguageModelChatMessage[] = [];
  let results: vscode.LanguageModelToolResultPart[] = [];
  const flush = () => {
    if (results.length) out.push(vscode.LanguageModelChatMessage.User(results));
    results = [];
  };
  for (const message of messages) {
    if (message.role === 'tool') {
      results.push(
        new vscode.LanguageModelToolResultPart(message.toolCallId, [new vscode.LanguageModelTextPart(message.content)]),
      );
      continue;
    }
    flush();
    if (message.role === 'assistant') {
      const parts: (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[] = [];
      if (message.content) parts.push(new vscode.LanguageModelTextPart(message.content));
      for (const call of message.toolCalls ?? [])
        parts.push(new vscode.LanguageModelToolCallPart(call.id, call.name, parseInput(call.arguments)));
      out.push(vscode.LanguageModelChatMessage.Assistant(parts));
    } else if (message.content) {
      out.push(vscode.LanguageModelChatMessage.User(message.content));
    }
  }
  flush();
  return out;
}

function parseInput(args: string): object {
  try {
    const parsed: unknown = JSON.parse(args);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function cancelled(): ModelError {
  return new ModelError('cancelled', 'The model request was cancelled.');
}

export function toModelError(err: unknown, model: string): ModelError {
  if (err instanceof ModelError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof vscode.LanguageModelError) {
    if (err.code === vscode.LanguageModelError.NoPermissions.name) {
      return new ModelError(
        'auth',
        `VS Code did not give Tiller permission to use ${model} (${message}). Allow it when VS Code asks, or choose another model.`,
      );
    }
    if (err.code === vscode.LanguageModelError.Blocked.name)
      return new ModelError('rate-limit', `${model} is blocked for now, e.g. its quota is spent (${message}).`);
    if (err.code === vscode.LanguageModelError.NotFound.name)
      return new ModelError('not-found', `The language model ${model} is no longer available (${message}).`);
  }
  return new ModelError('server', `${model} failed: ${message}`);
}
