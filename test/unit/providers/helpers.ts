// Shared by the provider tests: one provider per wire format against the fake server, a
// conversation that uses every message kind, and a port nobody listens on.

import { createServer } from 'node:net';
import type { Clock } from '../../../src/core/clock';
import type {
  ChatMessage,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  StreamEvent,
  ToolSpec,
} from '../../../src/core/agent/model';
import { ModelError } from '../../../src/core/agent/model';
import { createProvider, type ProviderConfig } from '../../../src/core/agent/providers';
import type { FakeModelServer } from '../../support/fake-model-server';

export type Flavor = 'openai' | 'anthropic';
export const FLAVORS: Flavor[] = ['openai', 'anthropic'];

/** `clock` times the provider's timeouts and waits; pass a fake one to move them by hand. */
export function providerFor(
  flavor: Flavor,
  server: FakeModelServer,
  overrides: Partial<ProviderConfig> = {},
  clock?: Clock,
): ModelProvider {
  return createProvider(
    {
      provider: flavor,
      baseUrl: flavor === 'openai' ? server.openaiBaseUrl : server.anthropicBaseUrl,
      model: 'fake-model',
      apiKey: 'sk-test-0123456789abcdef',
      apiKeySource: 'TILLER_API_KEY',
      retryBaseDelayMs: 20,
      ...overrides,
    },
    clock,
  );
}

export const READ_FILE: ToolSpec = {
  name: 'read_file',
  description: 'Read a file of the workspace.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

export function ask(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return { messages: [{ role: 'user', content: text }], tools: [READ_FILE], ...extra };
}

/** System prompt, a user turn, an assistant turn with two tool calls, their results (one failed), and a follow-up. */
export const CONVERSATION: ChatMessage[] = [
  { role: 'system', content: 'You are Tiller.' },
  { role: 'user', content: 'Do task 1.2.' },
  {
    role: 'assistant',
    content: 'Reading both files.',
    toolCalls: [
      { id: 'call_a', name: 'read_file', arguments: '{"path":"a.md"}' },
      { id: 'call_b', name: 'read_file', arguments: '{"path":"missing.md"}' },
    ],
  },
  { role: 'tool', toolCallId: 'call_a', name: 'read_file', content: '# A' },
  { role: 'tool', toolCallId: 'call_b', name: 'read_file', content: 'ENOENT: missing.md', isError: true },
  { role: 'assistant', content: '', toolCalls: [{ id: 'call_c', name: 'read_file', arguments: '{"path":"b.md"}' }] },
  { role: 'tool', toolCallId: 'call_c', name: 'read_file', content: '# B' },
  { role: 'user', content: 'Go on.' },
];

export interface Collected {
  response: ModelResponse;
  events: StreamEvent[];
}

export async function collect(provider: ModelProvider, request: ModelRequest): Promise<Collected> {
  const events: StreamEvent[] = [];
  const response = await provider.chat(request, (event) => events.push(event));
  return { response, events };
}

/** The ModelError a call fails with; fails the test if it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function textOf(events: StreamEvent[]): string {
  return events.map((e) => (e.type === 'text' ? e.text : '')).join('');
}

/** A port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
