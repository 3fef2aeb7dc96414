// What both HTTP providers share: the retry policy around one streamed attempt. Each wire format
// only says how to send a request and read its events.
import { DEFAULT_CONTEXT_TOKENS, replyRoom } from '../context-budget';
import type { ModelProvider, ModelRequest, ModelResponse, StreamEvent } from '../model';
import type { ResolvedConfig } from './config';
import { withRetries } from './retry';

export abstract class StreamingProvider implements ModelProvider {
  abstract readonly id: string;
  readonly model: string;
  readonly inputTokenLimit: number;

  constructor(protected readonly config: ResolvedConfig) {
    this.model = config.model;
    const window = config.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
    this.inputTokenLimit = window - replyRoom(window, config.maxOutputTokens);
  }

  chat(request: ModelRequest, onEvent?: (event: StreamEvent) => void): Promise<ModelResponse> {
    const policy = {
      maxRetries: this.config.maxRetries,
      baseDelayMs: this.config.retryBaseDelayMs,
      maxDelayMs: this.config.maxRetryDelayMs,
    };
    return withRetries(policy, request.signal, onEvent, (emit) => this.attempt(request, emit), this.config.clock);
  }

  /** One request and its streamed answer; throws ModelError for the retry policy to judge. */
  protected abstract attempt(request: ModelRequest, emit: (event: StreamEvent) => void): Promise<ModelResponse>;
}
