// Guidance and pause over the real wire formats: a message sent while the model works reaches the
// model in its next request (the fake model server records it), and a pause lets the tool call
// finish and holds the next request until resume.
import assert from 'node:assert/strict';
import { headlessApprover, RunGuidance, runTask, MAX_QUEUED_GUIDANCE } from '../../../src/core/agent';
import { createProvider } from '../../../src/core/agent/providers';
import { exportMarkdown, readTrace, type TraceEvent } from '../../../src/core/trace';
import { ofType, RULES, useModelServerWorkspace } from './helpers';

const readCall = { toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: 'AGENTS.md' }) }] };
const completeCall = { toolCalls: [{ name: 'complete_task', arguments: JSON.stringify({ summary: 'Done.' }) }] };

describe('guidance and pause', function () {
  this.timeout(20_000);
  const env = useModelServerWorkspace();

  function start(guidance: RunGuidance, onEvent?: (e: TraceEvent) => void) {
    return runTask({
      workspaceRoot: env.ws.root,
      spec: 'user-auth',
      task: '2.1',
      provider: createProvider({ provider: 'openai', baseUrl: env.server.openaiBaseUrl, model: 'fake', maxRetries: 0 }),
      rules: RULES,
      approver: headlessApprover,
      homeDir: env.ws.home,
      storageDir: null,
      guidance,
      onEvent,
    });
  }

  it('adds guidance sent during a turn to the next request, and records who sent it', async () => {
    const guidance = new RunGuidance();
    env.server.script([
      () => {
        // Sent while the model is answering its first request.
        guidance.send('Use bcrypt, not sha256.', 'you');
        return readCall;
      },
      completeCall,
    ]);
    const result = await start(guidance);
    assert.equal(result.status, 'completed', result.reason);
    assert.equal(env.server.requests.length, 2);
    const said = (i: number) => JSON.stringify(env.server.requests[i].body.messages);
    assert.doesNotMatch(said(0), /bcrypt/);
    const last = env.server.requests[1].body.messages.at(-1);
    assert.equal(last.role, 'user');
    assert.match(last.content, /Guidance from you[\s\S]*Use bcrypt, not sha256\./);
    const { events } = await readTrace(result.trace);
    const [event] = ofType(events, 'guidance');
    assert.deepEqual({ text: event.text, from: event.from }, { text: 'Use bcrypt, not sha256.', from: 'you' });
    assert.ok(event.seq > ofType(events, 'tool')[0].seq, 'after the tool call of the turn it was sent in');
    assert.match(exportMarkdown(await readTrace(result.trace)), /### Guidance from you\n\n> Use bcrypt, not sha256\./);
  });

  it('pauses after the tool call under way and sends nothing until resumed', async () => {
    const guidance = new RunGuidance();
    env.server.script([
      () => {
        guidance.pause();
        return readCall;
      },
      completeCall,
    ]);
    let held!: () => void;
    const paused = new Promise<void>((resolve) => (held = resolve));
    const done = start(guidance, (e) => e.type === 'pause' && e.paused && held());
    await paused;
    // The read_file call of the first turn ran; the second request waits.
    assert.equal(env.server.requests.length, 1);
    guidance.send('Now finish.', 'you');
    guidance.resume();
    const result = await done;
    assert.equal(result.status, 'completed', result.reason);
    assert.equal(env.server.requests.length, 2);
    const { events } = await readTrace(result.trace);
    assert.deepEqual(
      events.filter((e) => ['tool', 'pause', 'guidance'].includes(e.type)).map((e) => e.type),
      ['tool', 'pause', 'pause', 'guidance', 'tool'],
    );
  });

  it('ends a paused run that is cancelled, and bounds the queue', async () => {
    const guidance = new RunGuidance();
    for (let i = 0; i < MAX_QUEUED_GUIDANCE; i++) assert.equal(guidance.send(`note ${i}`, 'you'), true);
    assert.equal(guidance.send('one too many', 'you'), false);
    assert.equal(guidance.send('   ', 'you'), false);
    guidance.take();
    const controller = new AbortController();
    guidance.pause();
    const ended = guidance.whenRunning(controller.signal);
    controller.abort();
    await ended;
    assert.equal(guidance.isPaused, true);
  });
});
