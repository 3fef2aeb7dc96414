// The neutral conversation as an Anthropic Messages request body. System prompts move to the
// top-level `system`; tool results travel as `tool_result` blocks in a user turn, and adjacent
// turns of one role merge, so consecutive tool results share ONE user message as the API asks.

import type { ChatMessage, ModelRequest } from '../model';
import type { ResolvedConfig } from './config';

type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: true };

interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: Block[];
}

/** `input` must be an object; arguments the model garbled go back as an empty one. */
function toolInput(args: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toBlocks(message: Exclude<ChatMessage, { role: 'system' }>): Block[] {
  switch (message.role) {
    case 'user':
      // The API refuses empty text blocks.
      return message.content ? [{ type: 'text', text: message.content }] : [];
    case 'assistant': {
      const blocks: Block[] = message.content ? [{ type: 'text', text: message.content }] : [];
      for (const call of message.toolCalls ?? [])
        blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: toolInput(call.arguments) });
      return blocks;
    }
    case 'tool': {
      const block: Block = { type: 'tool_result', tool_use_id: message.toolCallId, content: message.content };
      return [message.isError ? { ...block, is_error: true } : block];
    }
  }
}

export function anthropicBody(request: ModelRequest, config: ResolvedConfig): Record<string, unknown> {
  const system: string[] = [];
  const messages: AnthropicMessage[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') {
      system.push(message.content);
      continue;
    }
    const blocks = toBlocks(message);
    if (blocks.length === 0) continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = messages[messages.length - 1];
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  }
  const body: Record<string, unknown> = {
    model: config.model,
    max_tokens: request.maxOutputTokens ?? config.maxOutputTokens,
    messages,
    stream: true,
  };
  if (system.length > 0) body.system = system.join('\n\n');
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.parameters,
    }));
  }
  return body;
}

/** Accepts a base URL given with or without its `/v1`. */
export function anthropicUrl(config: ResolvedConfig): string {
  return `${config.baseUrl.replace(/\/v1$/, '')}/v1/messages`;
}

export function anthropicHeaders(config: ResolvedConfig): Record<string, string> {
  const auth: Record<string, string> = config.apiKey ? { 'x-api-key': config.apiKey } : {};
  return { ...auth, 'anthropic-version': '2023-06-01', ...config.headers };
}
