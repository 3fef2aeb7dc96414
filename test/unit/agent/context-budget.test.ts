// The context budget: a long run of big reads stays inside the model's context on the real wire
// format, the newest results reach the model whole, and what is never shortened is not.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { runTask } from '../../../src/core/agent';
import {
  ContextBudget,
  estimateRequest,
  estimateTokens,
  HEAD_CHARS,
  shorten,
  TAIL_CHARS,
  TIGHT_HEAD_CHARS,
  TIGHT_TAIL_CHARS,
  TRIM_AT,
  utf8Bytes,
} from '../../../src/core/agent/context-budget';
import type { ChatMessage } from '../../../src/core/agent/model';
import { createProvider } from '../../../src/core/agent/providers';
import { readTrace } from '../../../src/core/trace';
import type { RecordedRequest } from '../../support/fake-model-server';
import { ofType, options, useModelServerWorkspace } from './helpers';

/** A file just under read_file's 256 KB limit, distinct per n, code-like. */
function bigFile(n: number): string {
  let text = '';
  for (let i = 0; text.length < 250 * 1024; i++) text += `export const value_${n}_${i} = compute(${i}, 'file ${n}');\n`;
  return text;
}

/** What an OpenAI request body carries as text: every message's content and tool-call arguments. */
function bodyMessages(request: RecordedRequest): { role: string; text: string }[] {
  return (request.body.messages as Array<Record<string, any>>).map((m) => ({
    role: m.role,
    text:
      (typeof m.content === 'string' ? m.content : '') +
      ((m.tool_calls as Array<{ function: { arguments: string } }> | undefined) ?? [])
        .map((c) => c.function.arguments)
        .join(''),
  }));
}

describe('context budget', function () {
  this.timeout(60_000);

  describe('on the wire: 30 reads of 250 KB files', () => {
    const env = useModelServerWorkspace();

    it('every request stays inside the budget; the newest result, the system prompt and the task are whole', async () => {
      const files = [0, 1, 2, 3, 4].map((n) => {
        const text = bigFile(n);
        writeFileSync(env.ws.path(`big-${n}.ts`), text);
        return text;
      });
      const reads = 30;
      for (let i = 0; i < reads; i++)
        env.server.script([
          {
            toolCalls: [
              { name: 'record_decision', arguments: JSON.stringify(decision(i)) },
              { name: 'read_file', arguments: JSON.stringify({ path: `big-${i % 5}.ts` }) },
            ],
          },
        ]);
      env.server.script([
        { toolCalls: [{ name: 'complete_task', arguments: JSON.stringify({ summary: 'Read them.' }) }] },
      ]);
      const contextTokens = 200_000;
      const provider = createProvider({
        provider: 'openai',
        baseUrl: env.server.openaiBaseUrl,
        model: 'fake',
        maxRetries: 0,
        contextTokens,
      });
      const limit = provider.inputTokenLimit as number;
      assert.equal(limit, contextTokens - 8_192, 'the window less the reply room');

      const result = await runTask({ ...options(env.ws, provider), maxTurns: reads + 2 });
      assert.equal(result.status, 'completed', result.reason);
      assert.equal(env.server.requests.length, reads + 1);

      const first = bodyMessages(env.server.requests[0]);
      let largestBytes = 0;
      for (const request of env.server.requests) {
        const messages = bodyMessages(request);
        const bytes = messages.reduce((n, m) => n + utf8Bytes(m.text), 0);
        largestBytes = Math.max(largestBytes, bytes);
        assert.ok(
          bytes / 3 <= limit,
          `request ${request.index} carries ~${Math.ceil(bytes / 3)} tokens, over ${limit}`,
        );
        // The system prompt and the task go out exactly as in the first request.
        assert.equal(messages[0].text, first[0].text);
        assert.equal(messages[1].text, first[1].text);
        if (request.index === 0) continue;
        // The newest result is the whole file it read.
        const latest = messages[messages.length - 1];
        assert.equal(latest.role, 'tool');
        assert.equal(latest.text, files[(request.index - 1) % 5], `request ${request.index}: newest read is whole`);
        // Every decision's call and result went out whole, however old.
        const decisions = messages.filter((m) => m.text.includes('"title":"Decision '));
        assert.equal(decisions.length, request.index);
        for (const [i, m] of decisions.entries()) assert.ok(m.text.includes(JSON.stringify(decision(i)).slice(1, -1)));
      }
      // Without the budget the last request would carry all 30 files (7.5 MB).
      assert.ok(largestBytes < 1.2 * 1024 * 1024, `largest request ${largestBytes} bytes`);

      const last = bodyMessages(env.server.requests[reads]);
      const shortened = last.filter((m) => m.role === 'tool' && m.text.includes('bytes elided; read again if needed'));
      assert.ok(shortened.length >= reads - 2, `${shortened.length} old reads shortened`);
      // The read before the newest is shortened once: its first 2,000 and last 1,000 characters.
      const marked = shortened[shortened.length - 1].text;
      const previous = files[(reads - 2) % 5];
      assert.equal(marked.slice(0, HEAD_CHARS), previous.slice(0, HEAD_CHARS));
      assert.ok(marked.endsWith(previous.slice(-TAIL_CHARS)));
      const elided = Number(/\[… (\d+) bytes elided/.exec(marked)?.[1]);
      assert.equal(elided, utf8Bytes(previous) - HEAD_CHARS - TAIL_CHARS);

      const { events } = await readTrace(result.trace);
      const trims = ofType(events, 'context-trim');
      assert.ok(trims.length > 0);
      for (const trim of trims) {
        assert.ok(trim.afterTokens < trim.beforeTokens);
        assert.ok(trim.afterTokens <= limit);
        assert.equal(trim.limitTokens, limit);
        assert.equal(trim.latest, false);
      }
      assert.equal(ofType(events, 'run-start')[0].settings.contextTokens, limit);
      // The trace keeps every read as the tools returned it.
      assert.equal(ofType(events, 'tool').filter((t) => t.tool === 'read_file' && !t.isError).length, reads);
    });
  });

  it('fit: shortens oldest first down to the target, keeps what it must, and keeps arguments valid JSON', () => {
    const big = 'x'.repeat(60_000);
    const messages: ChatMessage[] = [
      { role: 'system', content: 's'.repeat(9_000) },
      { role: 'user', content: `task ${'t'.repeat(9_000)}` },
      { role: 'assistant', content: 'first', toolCalls: [call('a', 'read_file', { path: 'a' })] },
      { role: 'tool', toolCallId: 'a', name: 'read_file', content: big },
      { role: 'user', content: `guidance ${'g'.repeat(9_000)}` },
      {
        role: 'assistant',
        content: 'writing',
        toolCalls: [
          call('b', 'write_file', { path: 'b', content: big, rationale: 'why' }),
          call('d', 'record_decision', { title: 'D', decision: 'd'.repeat(9_000) }),
        ],
      },
      { role: 'tool', toolCallId: 'b', name: 'write_file', content: 'Wrote b.' },
      { role: 'tool', toolCallId: 'd', name: 'record_decision', content: `Recorded ${'r'.repeat(9_000)}` },
      { role: 'assistant', content: 'again', toolCalls: [call('c', 'read_file', { path: 'c' })] },
      { role: 'tool', toolCallId: 'c', name: 'read_file', content: big },
    ];
    const kept = structuredClone(messages);
    const tokens = estimateRequest(messages, []);
    // Just past the trim point: the oldest result goes, the write's content is not needed yet.
    const budget = new ContextBudget(Math.floor(tokens / TRIM_AT) - 1);
    const trim = budget.fit(messages, []);
    assert.ok(trim);
    assert.equal(trim.shortened, 2, 'the oldest read, then the write, until under the target');
    assert.match(messages[3].content, /^x{2000}\n\[… 57000 bytes elided; read again if needed …\]\nx{1000}$/);
    const write = (messages[5] as Extract<ChatMessage, { role: 'assistant' }>).toolCalls!;
    const args = JSON.parse(write[0].arguments) as { content: string; rationale: string; path: string };
    assert.match(args.content, /57000 bytes elided/);
    assert.deepEqual([args.path, args.rationale], ['b', 'why']);
    assert.deepEqual(
      write[1],
      (kept[5] as Extract<ChatMessage, { role: 'assistant' }>).toolCalls![1],
      'decision whole',
    );
    for (const at of [0, 1, 2, 4, 6, 7, 8, 9]) assert.deepEqual(messages[at], kept[at], `message ${at} untouched`);
    assert.equal(trim.afterTokens, estimateRequest(messages, []));
    const keptArgs = (kept[5] as Extract<ChatMessage, { role: 'assistant' }>).toolCalls![0].arguments;
    const taken = utf8Bytes(kept[3].content) - utf8Bytes(messages[3].content);
    assert.equal(trim.bytes, taken + utf8Bytes(keptArgs) - utf8Bytes(write[0].arguments));

    // Fitting again changes nothing: the shortened conversation is stable between requests.
    assert.equal(budget.fit(messages, []), null);
  });

  it('fit: 200 turns of 30 KB reads stay inside the budget: old results are cut again, the newest stays whole', () => {
    const file = bigFile(9).slice(0, 30 * 1024);
    const budget = new ContextBudget(60_000);
    const messages: ChatMessage[] = [
      { role: 'system', content: 's'.repeat(9_000) },
      { role: 'user', content: 'the task' },
    ];
    let tight = 0;
    for (let turn = 0; turn < 200; turn++) {
      messages.push({ role: 'assistant', content: '', toolCalls: [call(`c${turn}`, 'read_file', { path: 'f' })] });
      messages.push({ role: 'tool', toolCallId: `c${turn}`, name: 'read_file', content: file });
      budget.fit(messages, []);
      const tokens = budget.estimate(messages, []);
      assert.ok(tokens <= budget.limitTokens, `turn ${turn}: ~${tokens} tokens`);
      assert.equal(messages.at(-1)?.content, file, `turn ${turn}: the newest read is whole`);
      assert.equal(messages[0].content.length, 9_000);
      tight = messages.filter((m) => m.role === 'tool' && m.content.length < 1_000).length;
    }
    assert.ok(tight > 150, `${tight} results cut again`);
    const oldest = messages[3].content;
    assert.equal(oldest.slice(0, TIGHT_HEAD_CHARS), file.slice(0, TIGHT_HEAD_CHARS));
    assert.ok(oldest.endsWith(file.slice(-TIGHT_TAIL_CHARS)));
    const elided = Number(/\[… (\d+) bytes elided/.exec(oldest)?.[1]);
    assert.equal(elided, utf8Bytes(file) - TIGHT_HEAD_CHARS - TIGHT_TAIL_CHARS, 'counts the original bytes');
  });

  it('fit: the latest results are shortened only when they alone do not fit', () => {
    const big = 'y'.repeat(90_000);
    const messages: ChatMessage[] = [
      { role: 'system', content: 'system' },
      { role: 'user', content: 'task' },
      { role: 'assistant', content: '', toolCalls: [call('a', 'read_file', { path: 'a' })] },
      { role: 'tool', toolCallId: 'a', name: 'read_file', content: big },
    ];
    const trim = new ContextBudget(10_000).fit(messages, []);
    assert.ok(trim);
    assert.equal(trim.latest, true);
    assert.match(messages[3].content, /87000 bytes elided/);
    assert.equal(new ContextBudget(40_000).fit([...messages.slice(0, 3), { ...messages[3], content: big }], []), null);
  });

  it('the estimate: UTF-8 bytes / 3, corrected upwards by what the provider reports', () => {
    assert.equal(estimateTokens('abc'), 1);
    assert.equal(estimateTokens('日本語'), 3, 'about a token per CJK character');
    assert.equal(utf8Bytes('é😀'), 6);
    const messages: ChatMessage[] = [
      { role: 'system', content: 'a'.repeat(3_000) },
      { role: 'user', content: 'b'.repeat(3_000) },
    ];
    const budget = new ContextBudget(100_000);
    const raw = budget.estimate(messages, []);
    assert.equal(raw, 2_008);
    budget.observe(raw, raw * 2);
    assert.equal(budget.estimate(messages, []), raw * 2);
    budget.observe(raw, raw / 2);
    assert.equal(budget.estimate(messages, []), raw, 'never below the estimate itself');
    budget.observe(raw, 0);
    assert.equal(budget.estimate(messages, []), raw, 'a provider that reports nothing changes nothing');
  });

  it('shorten keeps the head and tail and counts the bytes between', () => {
    const text = `${'h'.repeat(HEAD_CHARS)}${'é'.repeat(5_000)}${'t'.repeat(TAIL_CHARS)}`;
    assert.equal(
      shorten(text),
      `${'h'.repeat(HEAD_CHARS)}\n[… 10000 bytes elided; read again if needed …]\n${'t'.repeat(TAIL_CHARS)}`,
    );
  });
});

function decision(i: number): Record<string, unknown> {
  return {
    title: `Decision ${i}`,
    decision: `Read file ${i % 5}`,
    rationale: 'to see it',
    alternatives: [],
    requirements: [],
  };
}

function call(id: string, name: string, args: unknown) {
  return { id, name, arguments: JSON.stringify(args) };
}
