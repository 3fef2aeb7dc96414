// The neutral conversation as an OpenAI Chat Completions request body, and where to send it
// (OpenAI, Azure OpenAI, Ollama, LM Studio, vLLM, OpenRouter all take this shape).

import type { ChatMessage, ModelRequest } from '../model';
import type { ResolvedConfig } from './config';

type OpenAiMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

function toOpenAiMessage(message: ChatMessage): OpenAiMessage {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content === '' ? null : message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    case 'tool':
      // The wire has no error flag for tool results; the model must still learn the call failed.
      return {
        role: 'tool',
        tool_call_id: message.toolCallId,
        content: message.isError ? `Error: ${message.content}` : message.content,
      };
  }
}

function isAzure(config: ResolvedConfig): boolean {
  if (config.apiVersion) return true;
  try {
    return /\.(openai|cognitiveservices)\.azure\.com$|\.services\.ai\.azure\.com$/.test(
      new URL(config.baseUrl).hostname,
    );
  } catch {
    return false;
  }
}

/** OpenAI's own API refuses `max_tokens` for its reasoning models; compatible servers know only `max_tokens`. */
function outputLimitField(config: ResolvedConfig): 'max_tokens' | 'max_completion_tokens' {
  try {
    const host = new URL(config.baseUrl).hostname;
    return host === 'api.openai.com' || isAzure(config) ? 'max_completion_tokens' : 'max_tokens';
  } catch {
    return 'max_tokens';
  }
}

export function openAiBody(request: ModelRequest, config: ResolvedConfig): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: config.model,
    messages: request.messages.map(toOpenAiMessage),
    stream: true,
    stream_options: { include_usage: true },
  };
  // An empty tools array is a 400 at OpenAI.
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (request.maxOutputTokens !== undefined) body[outputLimitField(config)] = request.maxOutputTokens;
  return body;
}

export function openAiUrl(config: ResolvedConfig): string {
  const url = `${config.baseUrl}/chat/completions`;
  return config.apiVersion ? `${url}?api-version=${encodeURIComponent(config.apiVersion)}` : url;
}

export function openAiHeaders(config: ResolvedConfig): Record<string, string> {
  const auth: Record<string, string> = {};
  if (config.apiKey) {
    if (isAzure(config)) auth['api-key'] = config.apiKey;
    else auth.authorization = `Bearer ${config.apiKey}`;
  }
  return { ...auth, ...config.headers };
}
