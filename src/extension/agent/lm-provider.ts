// The VS Code Language Model API (Copilot or any extension that contributes chat models) behind
// core's neutral ModelProvider. VS Code reports no token usage, so usage is estimated at four
// characters per token, the same estimate the context trace uses.
import * as vscode from 'vscode';
import {
  ModelError,
  type ChatMessage,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
  type ToolCall,
} from '../../core/agent/model';

export class LanguageModelProvider implements ModelProvider {
  readonly id = 'vscode-lm';
  readonly model: string;
  /** The model's own advertised limit: the run's context budget. */
  readonly inputTokenLimit: number | undefined;

  constructor(private readonly chatModel: vscode.LanguageModelChat) {
    this.model = `${chatModel.vendor}/${chatModel.id}`;
    this.inputTokenLimit = chatModel.maxInputTokens > 0 ? chatModel.maxInputTokens : undefined;
  }

  async chat(request: ModelRequest, onEvent?: (event: StreamEvent) => void): Promise<ModelResponse> {
    if (request.signal?.aborted) throw cancelled();
    const source = new vscode.CancellationTokenSource();
    const onAbort = () => source.cancel();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    let text = '';
    const toolCalls: ToolCall[] = [];
    try {
      const response = await this.chatModel.sendRequest(
        toLanguageModelMessages(request.messages),
        {
          justification: 'Tiller runs the task you started through this model.',
          tools: request.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.parameters })),
          ...(request.maxOutputTokens ? { modelOptions: { max_tokens: request.maxOutputTokens } } : {}),
        },
        source.token,
      );
      for await (const part of response.stream) {
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
      if (request.signal?.aborted || err instanceof vscode.CancellationError) throw cancelled();
      throw toModelError(err, this.model);
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      source.dispose();
    }
    if (request.signal?.aborted) throw cancelled();
    const inputChars =
      request.messages.reduce((n, m) => n + m.content.length, 0) + JSON.stringify(request.tools).length;
    const outputChars = text.length + toolCalls.reduce((n, c) => n + c.arguments.length, 0);
    return {
      text,
      toolCalls,
      usage: { inputTokens: Math.ceil(inputChars / 4), outputTokens: Math.ceil(outputChars / 4) },
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
