import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { ContextBuilder, DESIGN_WHOLE_CHARS } from '../../../src/core/agent';
import { loadSteering } from '../../../src/core/steering';
import { loadSpecIndex, requireSpec, requireTask } from '../../../src/core/workspace';
import type { TraceEvent } from '../../../src/core/trace';
import { complete, ofType, run, TempWorkspace } from './helpers';

describe('agent context', function () {
  // Real git, real processes and real sockets: slow on a loaded CI machine.
  this.timeout(20_000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => ws.dispose());

  async function builder(extra: { openFiles?: string[]; prompt?: string; task?: string } = {}) {
    const spec = requireSpec(await loadSpecIndex(ws.root), 'user-auth');
    const task = requireTask(spec, extra.task ?? '2.1');
    const steering = await loadSteering({ workspaceRoot: ws.root, homeDir: null });
    return new ContextBuilder({
      workspaceRoot: ws.root,
      spec,
      task,
      steering: steering.docs,
      openFiles: extra.openFiles,
      prompt: extra.prompt,
    });
  }
  const contextOf = (event: unknown) => event as Extract<TraceEvent, { type: 'context' }>;

  it('includes always steering and the root AGENTS.md, not fileMatch, manual or auto ones', async () => {
    const { system, event } = (await builder()).build(0);
    const ctx = contextOf(event);
    const included = ctx.steering.filter((s) => s.included).map((s) => s.name);
    assert.deepEqual(included.sort(), ['AGENTS.md', 'architecture', 'product', 'tech']);
    assert.match(system, /# Tech stack/);
    assert.doesNotMatch(system, /# API style/);
    assert.doesNotMatch(system, /# Release checklist/);
    const manual = ctx.steering.find((s) => s.name === 'release-checklist');
    assert.match(manual!.reason, /manual: not referenced/);
    assert.deepEqual(ctx.added.sort(), included.sort());
  });

  it('includes a manual doc when the prompt references #name', async () => {
    const { system, event } = (await builder({ prompt: 'Follow #release-checklist please' })).build(0);
    assert.match(system, /# Release checklist/);
    assert.match(
      contextOf(event).steering.find((s) => s.name === 'release-checklist')!.reason,
      /referenced as #release-checklist/,
    );
  });

  it('editor-open files bring fileMatch docs in, naming the file', async () => {
    const { system, event } = (await builder({ openFiles: ['src/api/routes.ts'] })).build(0);
    assert.match(system, /# API style/);
    const doc = contextOf(event).steering.find((s) => s.name === 'api-style')!;
    assert.equal(doc.included, true);
    assert.equal(doc.trigger, 'src/api/routes.ts');
  });

  it('a file the agent touches brings its fileMatch doc into the NEXT request only', async () => {
    writeFileSync(ws.path('src/api/routes.ts'), 'export {};\n');
    const { events, provider } = await run(ws, [
      { calls: [{ name: 'read_file', args: { path: 'src/api/routes.ts' } }] },
      complete(),
    ]);
    const first = provider.requests[0].messages[0].content;
    const second = provider.requests[1].messages[0].content;
    assert.doesNotMatch(first, /# API style/);
    assert.match(second, /# API style/);
    assert.match(second, /# Agents: the API layer/);
    const contexts = ofType(events, 'context');
    assert.equal(contexts.length, 2);
    assert.equal(contexts[1].turn, 1);
    assert.deepEqual(contexts[1].added.sort(), ['api-style', 'src/api/AGENTS.md']);
    const api = contexts[1].steering.find((s) => s.name === 'api-style')!;
    assert.equal(api.trigger, 'src/api/routes.ts');
    assert.match(api.reason, /fileMatch: src\/api\/routes\.ts matches src\/api\/\*\*\/\*\.ts/);
  });

  it('files the task names are in play from the start', async () => {
    const tasks = ws
      .read('.kiro/specs/user-auth/tasks.md')
      .replace('Return the same error', 'Touch `src/api/auth.ts`; return the same error');
    writeFileSync(ws.path('.kiro/specs/user-auth/tasks.md'), tasks);
    const b = await builder();
    assert.ok(b.filesInPlay().includes('src/api/auth.ts'));
    assert.match(b.build(0).system, /# API style/);
  });

  it('holds the task, the full text of the cited requirements, and a small design whole', async () => {
    const b = await builder();
    const { system, event } = b.build(0);
    assert.match(b.taskMessage(), /task 2\.1 of spec "user-auth": Verify credentials and start a session/);
    assert.match(b.taskMessage(), /part of task 2: Implement sign-in/);
    assert.match(b.taskMessage(), /Return the same error for unknown email/);
    assert.match(system, /### Requirement 1: Sign in[\s\S]*lock the account for fifteen minutes/);
    assert.doesNotMatch(system, /### Requirement 2/);
    assert.match(system, /## Error Handling\n\nSign-in failures never say/);
    assert.deepEqual(contextOf(event).spec, { requirements: ['1'], design: 'whole', designSections: [] });
  });

  it('takes only the relevant sections of a large design', async () => {
    let design = '# Design\n\n## Overview\n\nIntro.\n';
    for (let i = 0; i < 40; i++)
      design += `\n## Component ${i}\n\n${'Filler text about nothing in particular. '.repeat(20)}\n`;
    design += '\n## Sign-in flow\n\nServes Requirement 1: compare hashes in constant time.\n';
    assert.ok(design.length > DESIGN_WHOLE_CHARS);
    writeFileSync(ws.path('.kiro/specs/user-auth/design.md'), design);
    const { system, event } = (await builder()).build(0);
    assert.deepEqual(contextOf(event).spec.designSections, ['Overview', 'Sign-in flow']);
    assert.match(system, /constant time/);
    assert.match(system, /- Component 39/);
    assert.doesNotMatch(system, /Filler text/);
  });

  it('inlines files that steering references with #[[file:]]', async () => {
    const { system } = (await builder()).build(0);
    assert.match(system, /### Referenced file docs\/architecture\.md[\s\S]*Three layers/);
  });
});
