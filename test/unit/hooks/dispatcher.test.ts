// The dispatcher on a fake clock: the quiet window passes when a test says so (settle()), never
// on the wall clock, so a busy machine cannot change what a test sees.
import assert from 'node:assert/strict';
import { HookDispatcher, type DispatcherOptions, type HookRun } from '../../../src/core/hooks';
import { fakeClock } from '../../support/fake-clock';
import { deferred, FakeAgent, FakeCommands, hook } from './helpers';

const WS = '/ws';

function dispatcher(options: Partial<DispatcherOptions> & Pick<DispatcherOptions, 'commands'>) {
  const runs: HookRun[] = [];
  const clock = fakeClock();
  const d = new HookDispatcher({ workspaceRoot: WS, debounceMs: 30, clock, onRun: (r) => runs.push(r), ...options });
  /** Lets the quiet window pass and waits until every run it started has finished. */
  const settle = async () => {
    clock.runAll();
    await d.idle();
  };
  return { d, runs, clock, settle };
}

/** One turn of the event loop: what the dispatcher started with setImmediate has begun. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('hooks: dispatcher', () => {
  it('coalesces a burst of 2,000 paths into one run with every path', async () => {
    const commands = new FakeCommands();
    const { d, runs, settle } = dispatcher({ commands });
    d.setHooks([hook({ id: 'h', trigger: 'fileSaved', patterns: ['**/*.ts'] })]);
    const paths = Array.from({ length: 2000 }, (_, i) => `${WS}/src/f${i}.ts`);
    for (const p of paths) d.fire({ type: 'saved', paths: [p] });
    d.fire({ type: 'saved', paths: [`${WS}/README.md`] });
    await settle();
    assert.equal(commands.calls.length, 1);
    assert.equal(runs[0].payload.paths.length, 2000);
    assert.equal(runs[0].payload.paths[0], 'src/f0.ts');
    const stdin = JSON.parse(commands.calls[0].stdin);
    assert.equal(stdin.trigger, 'fileSaved');
    assert.equal(stdin.paths.length, 2000);
    assert.equal(stdin.hook.id, 'h');
    assert.equal(commands.calls[0].cwd, WS);
  });

  it('does not block the caller: fire returns before any run starts', () => {
    const commands = new FakeCommands();
    const { d } = dispatcher({ commands });
    d.setHooks([hook({ id: 'm', trigger: 'manual' })]);
    d.fire({ type: 'manual', hookId: 'm' });
    assert.equal(commands.calls.length, 0);
    return d.idle().then(() => assert.equal(commands.calls.length, 1));
  });

  it('runs a hook one at a time and queues what arrives meanwhile into one coalesced run', async () => {
    const commands = new FakeCommands();
    const gate = deferred();
    commands.gate = gate.promise;
    const { d, runs, clock } = dispatcher({ commands });
    d.setHooks([hook({ id: 'h', trigger: 'fileSaved', patterns: ['**'] })]);
    d.fire({ type: 'saved', paths: ['a'] });
    clock.runAll();
    await commands.started(1);
    for (const p of ['b', 'c', 'd']) d.fire({ type: 'saved', paths: [p] });
    clock.runAll();
    await turn();
    assert.equal(commands.calls.length, 1, 'the second batch waits for the first run');
    gate.resolve();
    await d.idle();
    assert.equal(commands.maxActive, 1);
    assert.deepEqual(
      runs.map((r) => r.payload.paths),
      [['a'], ['b', 'c', 'd']],
    );
  });

  it('does not re-fire a hook on the files its own run wrote', async () => {
    const agent = new FakeAgent(async () => ({ writtenPaths: [`${WS}/src/generated.ts`] }));
    const commands = new FakeCommands();
    const { d, runs, settle } = dispatcher({ commands, agent });
    d.setHooks([
      hook({ id: 'gen', trigger: 'fileSaved', patterns: ['src/**'], action: { type: 'agent', prompt: 'Regenerate' } }),
      hook({ id: 'other', trigger: 'fileSaved', patterns: ['src/**'] }),
    ]);
    d.fire({ type: 'saved', paths: ['src/a.ts'] });
    await settle();
    assert.equal(agent.calls.length, 1);
    assert.match(agent.calls[0].prompt, /^Regenerate\n\nHook event \(fileSaved\):\nFiles saved:\n- src\/a\.ts$/);
    d.fire({ type: 'saved', paths: [`${WS}/src/generated.ts`] });
    await settle();
    assert.equal(agent.calls.length, 1, 'the write of its own run does not fire it again');
    assert.equal(commands.calls.length, 2, 'another hook still sees that write');
    d.fire({ type: 'saved', paths: ['src/a.ts'] });
    await settle();
    assert.equal(agent.calls.length, 2);
    assert.equal(runs.length, 5);
  });

  it('honours suppress() from the host for paths written during a run', async () => {
    const commands = new FakeCommands();
    const { d, settle } = dispatcher({ commands });
    d.setHooks([hook({ id: 'h', trigger: 'fileCreated', patterns: ['**'] })]);
    d.suppress('h', ['out.txt']);
    d.fire({ type: 'created', paths: ['out.txt', 'in.txt'] });
    await settle();
    assert.deepEqual(JSON.parse(commands.calls[0].stdin).paths, ['in.txt']);
  });

  it('fires nothing for disabled hooks, and nothing at all when the workspace is untrusted', async () => {
    const commands = new FakeCommands();
    let trusted = false;
    const { d, runs } = dispatcher({ commands, isTrusted: () => trusted });
    d.setHooks([hook({ id: 'on', trigger: 'manual' }), hook({ id: 'off', trigger: 'manual', enabled: false })]);
    d.fire({ type: 'manual', hookId: 'on' });
    assert.deepEqual(await d.fireAndWait({ type: 'manual', hookId: 'on' }), []);
    trusted = true;
    assert.deepEqual(await d.fireAndWait({ type: 'manual', hookId: 'off' }), []);
    await d.idle();
    assert.equal(commands.calls.length, 0);
    assert.equal(runs.length, 0);
    assert.equal((await d.fireAndWait({ type: 'manual', hookId: 'on' })).length, 1);
  });

  it('blocks a task when a pre-task command exits 2, with its output as the reason', async () => {
    const commands = new FakeCommands((r) => ({
      status: 'ran',
      exitCode: r.command === 'check' ? 2 : 0,
      timedOut: false,
      output: r.command === 'check' ? 'conflict markers in src/a.ts\n' : '',
    }));
    const { d } = dispatcher({ commands });
    d.setHooks([hook({ id: 'ok', trigger: 'preTask', action: { type: 'command', command: 'fine' } })]);
    assert.equal((await d.firePreTask({ spec: 's', task: '1' })).blocked, false);
    d.setHooks([
      hook({ id: 'ok', trigger: 'preTask', action: { type: 'command', command: 'fine' } }),
      hook({
        id: 'check',
        name: 'Check',
        trigger: 'preTask',
        action: { type: 'command', command: 'check', timeoutMs: 5000 },
      }),
    ]);
    const result = await d.firePreTask({ spec: 's', task: '2.1' });
    assert.equal(result.blocked, true);
    assert.equal(result.reason, 'hook "Check" blocked the task: conflict markers in src/a.ts');
    const call = commands.calls.find((c) => c.command === 'check')!;
    assert.equal(call.timeoutMs, 5000);
    assert.deepEqual(JSON.parse(call.stdin).task, { spec: 's', task: '2.1' });
  });

  it('does not block a task for other exit codes or for a post-task hook exiting 2', async () => {
    const commands = new FakeCommands(() => ({ status: 'ran', exitCode: 1, timedOut: false, output: '' }));
    const { d } = dispatcher({ commands });
    d.setHooks([hook({ id: 'pre', trigger: 'preTask' })]);
    assert.equal((await d.firePreTask({ spec: 's', task: '1' })).blocked, false);
  });

  it('reports refused commands and skips agent actions without a launcher', async () => {
    const commands = new FakeCommands(() => ({ status: 'refused', reason: 'the command policy asks for approval' }));
    const { d, runs } = dispatcher({ commands });
    d.setHooks([
      hook({ id: 'c', trigger: 'agentStop' }),
      hook({ id: 'a', trigger: 'agentStop', action: { type: 'agent', prompt: 'x' } }),
    ]);
    d.fire({ type: 'agent-stop' });
    await d.idle();
    assert.deepEqual(runs.map((r) => [r.hook.id, r.outcome.kind]).sort(), [
      ['a', 'skipped'],
      ['c', 'refused'],
    ]);
    const skipped = runs.find((r) => r.hook.id === 'a')!.outcome;
    assert.equal(skipped.kind === 'skipped' && skipped.reason, 'agent actions need a configured model');
  });

  it('coalesces several commits into one run with every commit', async () => {
    const commands = new FakeCommands();
    const { d, runs, settle } = dispatcher({ commands });
    d.setHooks([hook({ id: 'c', trigger: 'commit' })]);
    d.fire({ type: 'commit', sha: '1', message: 'one', files: [`${WS}/a`] });
    d.fire({ type: 'commit', sha: '2', message: 'two', files: [`${WS}/b`] });
    await settle();
    assert.equal(runs.length, 1);
    assert.deepEqual(
      runs[0].payload.commits?.map((c) => c.sha),
      ['1', '2'],
    );
    assert.deepEqual(runs[0].payload.paths, ['a', 'b']);
  });

  it('a steady stream still fires after maxWaitMs, with everything that came until then', async () => {
    const commands = new FakeCommands();
    const { d, runs, clock } = dispatcher({ commands, debounceMs: 50, maxWaitMs: 120 });
    d.setHooks([hook({ id: 'h', trigger: 'fileSaved', patterns: ['**'] })]);
    // An event every 20 ms never leaves a 50 ms quiet window.
    for (let t = 0; t <= 100; t += 20) {
      d.fire({ type: 'saved', paths: [`f${t}`] });
      clock.tick(t < 100 ? 20 : 19);
      await turn();
      assert.equal(commands.calls.length, 0, `nothing runs before maxWaitMs (at ${clock.now() - 1_000_000} ms)`);
    }
    clock.tick(1);
    await d.idle();
    assert.equal(commands.calls.length, 1);
    assert.deepEqual(runs[0].payload.paths, ['f0', 'f20', 'f40', 'f60', 'f80', 'f100']);
  });

  it('skips a queued run when its hook is disabled meanwhile', async () => {
    const commands = new FakeCommands();
    const { d, runs, settle } = dispatcher({ commands });
    const h = hook({ id: 'h', trigger: 'fileSaved', patterns: ['**'] });
    d.setHooks([h]);
    d.fire({ type: 'saved', paths: ['a'] });
    d.setHooks([{ ...h, enabled: false }]);
    await settle();
    assert.equal(commands.calls.length, 0);
    assert.equal(runs[0].outcome.kind, 'skipped');
  });

  it('does not count the write that creates a file as a save of it', async () => {
    const commands = new FakeCommands();
    const { d, runs, settle } = dispatcher({ commands, changedIsSave: true });
    d.setHooks([
      hook({ id: 'save', trigger: 'fileSaved', patterns: ['**'] }),
      hook({ id: 'create', trigger: 'fileCreated', patterns: ['**'] }),
    ]);
    d.fire({ type: 'created', paths: ['new.ts'] });
    d.fire({ type: 'changed', paths: ['new.ts'] });
    d.fire({ type: 'changed', paths: ['old.ts'] });
    await settle();
    assert.deepEqual(runs.map((r) => [r.hook.id, r.payload.paths]).sort(), [
      ['create', ['new.ts']],
      ['save', ['old.ts']],
    ]);
  });

  it('lets idle() resolve when disposed while events are collecting, and drops them', async () => {
    const commands = new FakeCommands();
    const { d, runs, clock } = dispatcher({ commands });
    d.setHooks([hook({ id: 'h', trigger: 'fileSaved', patterns: ['**'] })]);
    const waited = d.fireAndWait({ type: 'saved', paths: ['a'] });
    d.dispose();
    await d.idle();
    assert.deepEqual(
      (await waited).map((r) => r.outcome),
      [{ kind: 'skipped', reason: 'the dispatcher was disposed' }],
    );
    clock.runAll();
    await turn();
    assert.equal(commands.calls.length, 0);
    assert.equal(runs.length, 0);
    d.fire({ type: 'saved', paths: ['b'] });
    await d.idle();
  });

  it('aborts a running command on dispose, so idle() does not wait for it to end on its own', async () => {
    const commands = new FakeCommands();
    commands.gate = deferred().promise;
    const { d, runs } = dispatcher({ commands });
    d.setHooks([hook({ id: 'm', trigger: 'manual' })]);
    d.fire({ type: 'manual', hookId: 'm' });
    await commands.started(1);
    d.fire({ type: 'manual', hookId: 'm' });
    d.dispose();
    await d.idle();
    assert.equal(commands.aborted.length, 1);
    assert.equal(commands.calls.length, 1, 'the queued second run was dropped');
    assert.equal(runs.length, 1);
  });
});
