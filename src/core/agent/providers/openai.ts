// A ModelProvider over any OpenAI-compatible Chat Completions endpoint.

import type { ModelRequest, ModelResponse, StreamEvent } from '../model';
import { parseEventJson } from './errors';
import { openAiBody, openAiHeaders, openAiUrl } from './openai-request';
import { OpenAiStream } from './openai-stream';
import { StreamingProvider } from './streaming-provider';
import { postForEvents } from './transport';

export class OpenAiProvider extends StreamingProvider {
  readonly id = 'openai';

  protected async attempt(request: ModelRequest, emit: (event: StreamEvent) => void): Promise<ModelResponse> {
    const stream = new OpenAiStream(emit, this.config);
    const http = {
      url: openAiUrl(this.config),
      headers: openAiHeaders(this.config),
      body: openAiBody(request, this.config),
      signal: request.signal,
    };
    for await (const event of postForEvents(http, this.config)) {
      if (event.data.trim() === '[DONE]') break;
      stream.push(parseEventJson(event.data, this.config));
    }
    return stream.finish();
  }
}
