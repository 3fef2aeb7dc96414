// Keeps a run's conversation inside the model's context. Before every request the runner asks the
// budget to fit the messages: when the estimate passes TRIM_AT of the input limit, old tool results
// (and the long strings in old write_file/edit_file arguments) are shortened, oldest first, to
// their head and tail with a marker, until the estimate is under TRIM_TO. Shortening in one go
// rather than a little every turn keeps the conversation's prefix stable between requests, which
// providers' prompt caches depend on. Never shortened: the system prompt, the task, a person's
// guidance, the model's own text, decisions and completion, and the results of the latest turn
// unless they alone overflow. When shortening every old result is not enough (a run of hundreds of
// turns, a small window), they are cut again to a few hundred characters each. The trace is
// written by the tools, so it keeps what they returned.
//
// The estimate: UTF-8 bytes / 3, plus 4 tokens per message. BPE tokenizers (cl100k, o200k, Claude's)
// give about 4 characters per token for English and 3 for source code, and CJK text is about one
// token per character (3 bytes), so this over-counts prose by about a quarter and is close for
// code; dense hex or base64 (about 2 characters per token) is the case it under-counts. A provider's
// reported input tokens correct it upwards: the ratio of reported to estimated for the last request
// scales later estimates (never below 1).
import type { ChatMessage, ToolCall, ToolSpec } from './model';

/** A context window when the model advertises none and nothing is configured (tiller.agent.contextTokens). */
export const DEFAULT_CONTEXT_TOKENS = 128_000;
export const TRIM_AT = 0.85;
export const TRIM_TO = 0.6;
/** Kept of a shortened text: enough of a file's start to recognise it and of a command's end to see how it ended. */
export const HEAD_CHARS = 2_000;
export const TAIL_CHARS = 1_000;
/** What is kept when shortening once is not enough. */
export const TIGHT_HEAD_CHARS = 300;
export const TIGHT_TAIL_CHARS = 200;

interface Cut {
  head: number;
  tail: number;
  /** Texts shorter than this are not worth cutting. */
  min: number;
}
const FIRST_CUT: Cut = { head: HEAD_CHARS, tail: TAIL_CHARS, min: HEAD_CHARS + TAIL_CHARS + 1_000 };
const TIGHT_CUT: Cut = {
  head: TIGHT_HEAD_CHARS,
  tail: TIGHT_TAIL_CHARS,
  min: TIGHT_HEAD_CHARS + TIGHT_TAIL_CHARS + 400,
};
const MARKER = /\n\[… (\d+) bytes elided; read again if needed …\]\n/;
const PER_MESSAGE_TOKENS = 4;
/** Tools whose calls and results carry the run's record: never shortened. */
const KEPT_TOOLS = new Set(['record_decision', 'complete_task']);

export function utf8Bytes(text: string): number {
  // Counting without encoding: surrogate pairs are 4 bytes, other code units 1 to 3.
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function estimateTokens(text: string): number {
  return Math.ceil(utf8Bytes(text) / 3);
}

function messageTokens(message: ChatMessage): number {
  let tokens = PER_MESSAGE_TOKENS + estimateTokens(message.content);
  if (message.role === 'assistant')
    for (const call of message.toolCalls ?? [])
      tokens += PER_MESSAGE_TOKENS + estimateTokens(call.name + call.arguments);
  return tokens;
}

/** The estimated input tokens of one request: its messages and its tool definitions. */
export function estimateRequest(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): number {
  return (
    messages.reduce((n, m) => n + messageTokens(m), 0) + (tools.length ? estimateTokens(JSON.stringify(tools)) : 0)
  );
}

/**
 * Head and tail of `text` with a marker saying how many bytes of the original went: a marker in
 * the part cut again counts what it stood for.
 */
export function shorten(text: string, head = HEAD_CHARS, tail = TAIL_CHARS): string {
  const start = text.slice(0, head);
  const middle = text.slice(head, text.length - tail);
  const end = text.slice(text.length - tail);
  const inner = MARKER.exec(middle);
  const elided = utf8Bytes(middle) + (inner ? Number(inner[1]) - utf8Bytes(inner[0]) : 0);
  return `${start}\n[… ${elided} bytes elided; read again if needed …]\n${end}`;
}

/** What one fit did, for the trace; null when nothing needed shortening. */
export interface Trim {
  /** Messages whose content or arguments were shortened. */
  shortened: number;
  /** UTF-8 bytes taken out. */
  bytes: number;
  /** The estimate before and after, in tokens, and the limit they are held to. */
  beforeTokens: number;
  afterTokens: number;
  limitTokens: number;
  /** True when the latest turn's results had to be shortened too. */
  latest: boolean;
}

/** The part of a context window (input and reply share it) kept for the reply. */
export function replyRoom(windowTokens: number, maxOutputTokens: number | undefined): number {
  return Math.min(maxOutputTokens ?? 8_192, Math.floor(windowTokens / 4));
}

export class ContextBudget {
  private scale = 1;

  /** `limitTokens`: the most input tokens one request may carry (the window less the reply's room). */
  constructor(readonly limitTokens: number) {}

  /** The estimate for this request, corrected by what the provider reported for earlier ones. */
  estimate(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): number {
    return Math.ceil(estimateRequest(messages, tools) * this.scale);
  }

  /** The provider's count for the request just sent (0: it reports none). */
  observe(estimatedTokens: number, reportedTokens: number): void {
    if (reportedTokens > 0 && estimatedTokens > 0) this.scale = Math.max(1, reportedTokens / estimatedTokens);
  }

  /** Shortens `messages` in place when the request would pass TRIM_AT of the limit. */
  fit(messages: ChatMessage[], tools: readonly ToolSpec[]): Trim | null {
    const before = this.estimate(messages, tools);
    if (before <= this.limitTokens * TRIM_AT) return null;
    const target = this.limitTokens * TRIM_TO;
    let now = before;
    let shortened = 0;
    let bytes = 0;
    const apply = (at: number, next: ChatMessage): void => {
      const was = messages[at];
      const saved = Math.ceil((messageTokens(was) - messageTokens(next)) * this.scale);
      bytes += messageBytes(was) - messageBytes(next);
      messages[at] = next;
      now -= saved;
      shortened++;
    };
    const latest = lastAssistant(messages);
    for (const cut of [FIRST_CUT, TIGHT_CUT])
      for (let at = 2; at < latest && now > target; at++) {
        const next = shortenedMessage(messages[at], cut);
        if (next) apply(at, next);
      }
    let latestToo = false;
    // The newest results alone overflow (a 256 KB read into a small window): the model could not
    // take them whole anyway, and the marker tells it to read a smaller part.
    for (let at = Math.max(latest, 2); at < messages.length && now > this.limitTokens; at++) {
      const next = shortenedMessage(messages[at], FIRST_CUT);
      if (next) {
        apply(at, next);
        latestToo = true;
      }
    }
    if (shortened === 0) return null;
    return {
      shortened,
      bytes,
      beforeTokens: before,
      afterTokens: Math.max(0, now),
      limitTokens: this.limitTokens,
      latest: latestToo,
    };
  }
}

function lastAssistant(messages: readonly ChatMessage[]): number {
  for (let at = messages.length - 1; at >= 0; at--) if (messages[at].role === 'assistant') return at;
  return messages.length;
}

function messageBytes(message: ChatMessage): number {
  const calls = message.role === 'assistant' ? (message.toolCalls ?? []) : [];
  return utf8Bytes(message.content) + calls.reduce((n, c) => n + utf8Bytes(c.arguments), 0);
}

/** The message with its long parts shortened, or null when it has none that may be. */
function shortenedMessage(message: ChatMessage, cut: Cut): ChatMessage | null {
  if (message.role === 'tool') {
    if (KEPT_TOOLS.has(message.name) || message.content.length < cut.min) return null;
    return { ...message, content: shorten(message.content, cut.head, cut.tail) };
  }
  if (message.role !== 'assistant' || !message.toolCalls) return null;
  let changed = false;
  const toolCalls = message.toolCalls.map((call) => {
    const next = KEPT_TOOLS.has(call.name) ? null : shortenedArguments(call, cut);
    if (next) changed = true;
    return next ?? call;
  });
  return changed ? { ...message, toolCalls } : null;
}

/** The call with its long string arguments shortened, still valid JSON; null when none is long. */
function shortenedArguments(call: ToolCall, cut: Cut): ToolCall | null {
  if (call.arguments.length < cut.min) return null;
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    // Garbled arguments the model will not see again as such: keep their ends as text.
    return { ...call, arguments: JSON.stringify({ elided: shorten(call.arguments, cut.head, cut.tail) }) };
  }
  if (!args || typeof args !== 'object' || Array.isArray(args)) return null;
  let changed = false;
  const out = Object.fromEntries(
    Object.entries(args as Record<string, unknown>).map(([key, value]) => {
      if (typeof value !== 'string' || value.length < cut.min) return [key, value];
      changed = true;
      return [key, shorten(value, cut.head, cut.tail)];
    }),
  );
  return changed ? { ...call, arguments: JSON.stringify(out) } : null;
}
