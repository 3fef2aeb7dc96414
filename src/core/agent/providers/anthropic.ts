// A ModelProvider over the Anthropic Messages API.

import type { ModelRequest, ModelResponse, StreamEvent } from '../model';
import { anthropicBody, anthropicHeaders, anthropicUrl } from './anthropic-request';
import { AnthropicStream } from './anthropic-stream';
import { parseEventJson } from './errors';
import { StreamingProvider } from './streaming-provider';
import { postForEvents } from './transport';

export class AnthropicProvider extends StreamingProvider {
  readonly id = 'anthropic';

  protected async attempt(request: ModelRequest, emit: (event: StreamEvent) => void): Promise<ModelResponse> {
    const stream = new AnthropicStream(emit, this.config);
    const http = {
      url: anthropicUrl(this.config),
      headers: anthropicHeaders(this.config),
      body: anthropicBody(request, this.config),
      signal: request.signal,
    };
    for await (const event of postForEvents(http, this.config)) {
      stream.push(event, parseEventJson(event.data, this.config));
      if (stream.done) break;
    }
    return stream.finish();
  }
}
