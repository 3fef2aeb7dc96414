// Server-sent events over a fetch body, per the WHATWG event-stream rules: lines may end in
// \n, \r\n or \r and may be split anywhere across network chunks (a UTF-8 character included);
// comment lines (": ping") are keep-alives.

export interface SseEvent {
  /** The `event:` field; `message` when the server sent none (OpenAI never does). */
  event: string;
  data: string;
}

export async function* readSse(body: ReadableStream<Uint8Array>, onChunk?: () => void): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  // Text after the last complete line, and how much of it is known to hold no line end, so
  // that a long line arriving in many small chunks is scanned once, not once per chunk.
  let pending = '';
  let scanned = 0;
  let event = '';
  let data: string[] = [];

  function* takeLines(final: boolean): Generator<SseEvent> {
    const lineEnd = /\r\n|\r|\n/g;
    lineEnd.lastIndex = scanned;
    let start = 0;
    for (;;) {
      const match = lineEnd.exec(pending);
      // A lone \r at the end may be the first half of \r\n.
      if (!match || (!final && match[0] === '\r' && match.index === pending.length - 1)) break;
      const line = pending.slice(start, match.index);
      start = lineEnd.lastIndex;
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
    }
    pending = pending.slice(start);
    scanned = pending.endsWith('\r') ? pending.length - 1 : pending.length;
  }

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk?.();
      pending += decoder.decode(value, { stream: true });
      yield* takeLines(false);
    }
    pending += decoder.decode();
    // Lenient about a stream that ends without the final blank line.
    pending += '\n\n';
    yield* takeLines(true);
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
