// The one interface between the runner and any model: the VS Code language-model API, an
// OpenAI-compatible Chat Completions endpoint, or Anthropic Messages. Providers translate this
// neutral conversation to and from their wire format; the runner never sees a wire format.

export interface ToolCall {
  /** The provider's id for the call, echoed back with its result. */
  id: string;
  name: string;
  /** The arguments exactly as the model produced them (JSON text; may be malformed). */
  arguments: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string; isError?: boolean };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  messages: ChatMessage[];
  tools: ToolSpec[];
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** Streamed while the response arrives, for the live follow log. */
export type StreamEvent =
  /** A request goes out (the runner, before each model turn): the wait for an answer starts. */
  | { type: 'request'; turn: number }
  | { type: 'text'; text: string }
  | { type: 'tool-call'; call: ToolCall }
  | { type: 'retry'; attempt: number; delayMs: number; reason: string };

export interface ModelResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  stopReason: 'end' | 'tool-calls' | 'max-tokens' | 'other';
}

export interface ModelProvider {
  /** `vscode-lm`, `openai`, `anthropic`. */
  readonly id: string;
  readonly model: string;
  /**
   * The most input tokens one request may carry, where the model or its configuration says so
   * (vscode.lm's maxInputTokens; an HTTP provider's context window less its reply's room). The
   * runner's context budget (context-budget.ts) holds the conversation under it.
   */
  readonly inputTokenLimit?: number;
  chat(request: ModelRequest, onEvent?: (event: StreamEvent) => void): Promise<ModelResponse>;
}

export type ModelErrorKind =
  | 'auth'
  | 'not-found'
  | 'connection'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'cancelled'
  | 'bad-request'
  | 'bad-response';

/** Every provider failure, with a message a person can act on (which setting, which key). */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
