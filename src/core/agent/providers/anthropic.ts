// A ModelProvider over the Anthropic Messages API.

import type { ModelProvider, ModelRequest, ModelResponse, StreamEvent } from '../model';
import { anthropicBody, anthropicHeaders, anthropicUrl } from './anthropic-request';
import { AnthropicStream } from './anthropic-stream';
import type { ResolvedConfig } from './config';
import { parseEventJson } from './errors';
import { withRetries } from './retry';
import { postForEvents } from './transport';

export class AnthropicProvider implements ModelProvider {
  readonly id = 'anthropic';
  readonly model: string;

  constructor(private readonly config: ResolvedConfig) {
    this.model = config.model;
  }

  chat(request: ModelRequest, onEvent?: (event: StreamEvent) => void): Promise<ModelResponse> {
    const policy = { maxRetries: this.config.maxRetries, baseDelayMs: this.config.retryBaseDelayMs, maxDelayMs: this.config.maxRetryDelayMs };
    return withRetries(policy, request.signal, onEvent, (emit) => this.attempt(request, emit));
  }

  private async attempt(request: ModelRequest, emit: (event: StreamEvent) => void): Promise<ModelResponse> {
    const stream = new AnthropicStream(emit, this.config);
    const http = { url: anthropicUrl(this.config), headers: anthropicHeaders(this.config), body: anthropicBody(request, this.config), signal: request.signal };
    for await (const event of postForEvents(http, this.config)) {
      stream.push(event, parseEventJson(event.data, this.config));
      if (stream.done) break;
    }
    return stream.finish();
  }
}
