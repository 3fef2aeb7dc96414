// A ModelProvider over any OpenAI-compatible Chat Completions endpoint.

import type { ModelProvider, ModelRequest, ModelResponse, StreamEvent } from '../model';
import type { ResolvedConfig } from './config';
import { parseEventJson } from './errors';
import { openAiBody, openAiHeaders, openAiUrl } from './openai-request';
import { OpenAiStream } from './openai-stream';
import { withRetries } from './retry';
import { postForEvents } from './transport';

export class OpenAiProvider implements ModelProvider {
  readonly id = 'openai';
  readonly model: string;

  constructor(private readonly config: ResolvedConfig) {
    this.model = config.model;
  }

  chat(request: ModelRequest, onEvent?: (event: StreamEvent) => void): Promise<ModelResponse> {
    const policy = { maxRetries: this.config.maxRetries, baseDelayMs: this.config.retryBaseDelayMs, maxDelayMs: this.config.maxRetryDelayMs };
    return withRetries(policy, request.signal, onEvent, (emit) => this.attempt(request, emit));
  }

  private async attempt(request: ModelRequest, emit: (event: StreamEvent) => void): Promise<ModelResponse> {
    const stream = new OpenAiStream(emit, this.config);
    const http = { url: openAiUrl(this.config), headers: openAiHeaders(this.config), body: openAiBody(request, this.config), signal: request.signal };
    for await (const event of postForEvents(http, this.config)) {
      if (event.data.trim() === '[DONE]') break;
      stream.push(parseEventJson(event.data, this.config));
    }
    return stream.finish();
  }
}
