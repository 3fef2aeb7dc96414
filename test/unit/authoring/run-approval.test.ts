// The run gate with a person behind it (RunApproval): an untracked spec runs without a question;
// a tracked one whose approvals are missing or stale asks, and a refusal runs nothing; Run all's
// one decision asks once for the same reason, again for a new one; the reason reaches the trace.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readTrace } from '../../../src/core/trace';
import { runTask } from '../../../src/core/agent';
import { readFromDisk, recordApproval, RunApproval, type Blocker } from '../../../src/core/specs/workflow';
import { complete, marker, options, ScriptedProvider, TempWorkspace } from '../agent/helpers';

const SPEC = '.kiro/specs/gated';
const TASKS = '# Implementation Plan\n\n- [ ] 1. Show the banner\n- [ ] 2. Time the greeting\n';

describe('run approval (the gate before a task runs)', () => {
  let ws: TempWorkspace;
  let asked: Array<{ spec: string; blocker: Blocker }>;
  let answer: boolean;
  const approval = (read?: (path: string) => Promise<string | null>) =>
    new RunApproval(async (spec, blocker) => {
      asked.push({ spec, blocker });
      return answer;
    }, read);
  const put = (name: string, text: string) => writeFileSync(ws.path(`${SPEC}/${name}`), text);

  beforeEach(async () => {
    ws = new TempWorkspace(false);
    mkdirSync(ws.path(SPEC), { recursive: true });
    put('requirements.md', '# Requirements\n');
    put('design.md', '# Design\n');
    put('tasks.md', TASKS);
    asked = [];
    answer = false;
  });
  afterEach(() => ws.dispose());

  const approveAll = async () => {
    for (const [phase, file] of [
      ['requirements', 'requirements.md'],
      ['design', 'design.md'],
      ['tasks', 'tasks.md'],
    ] as const)
      await recordApproval(ws.path(SPEC), 'gated', phase, ws.read(`${SPEC}/${file}`), 'ada');
  };

  it('an untracked spec (no approval records) runs without a question', async () => {
    assert.deepEqual(await approval().check(ws.path(SPEC), 'gated'), { run: true });
    assert.equal(asked.length, 0);
  });

  it('a fully approved spec runs without a question; a hand edit of tasks.md asks, and a refusal says why', async () => {
    await approveAll();
    assert.deepEqual(await approval().check(ws.path(SPEC), 'gated'), { run: true });
    put('tasks.md', `${TASKS}  - note: added by hand\n`);
    const answered = await approval().check(ws.path(SPEC), 'gated');
    assert.deepEqual(answered, {
      run: false,
      reason: 'tasks.md changed since it was approved; review it and approve it again',
    });
    assert.equal(asked.length, 1);
    assert.equal(asked[0].spec, 'gated');
    assert.equal(asked[0].blocker.phase, 'tasks');
  });

  it('an unsaved edit counts: the reader is the one the person sees', async () => {
    await approveAll();
    const typed = async (path: string) => (path.endsWith('tasks.md') ? `${TASKS}- [ ] 3. typed, unsaved\n` : null);
    answer = true;
    const answered = await approval(async (p) => (await typed(p)) ?? readFromDisk(p)).check(ws.path(SPEC), 'gated');
    assert.equal(answered.run, true);
    assert.equal(asked.length, 1);
  });

  it("Run all's one decision asks once while the reason stands, again when another phase goes stale", async () => {
    await approveAll();
    put('tasks.md', `${TASKS}\n`);
    answer = true;
    const shared = approval();
    const first = await shared.check(ws.path(SPEC), 'gated');
    const second = await shared.check(ws.path(SPEC), 'gated');
    assert.deepEqual(first, second);
    assert.equal(asked.length, 1, 'asked before the first task only');
    put('requirements.md', '# Requirements, changed\n');
    await shared.check(ws.path(SPEC), 'gated');
    assert.equal(asked.length, 2, 'a new reason is a new question');
    assert.equal(asked[1].blocker.phase, 'requirements');
  });

  it('"Run anyway" is recorded in the run\'s trace; a refusal starts no run and leaves the marker', async () => {
    await approveAll();
    put('design.md', '# Design, edited\n');
    const gate = approval();
    const refused = await gate.check(ws.path(SPEC), 'gated');
    assert.equal(refused.run, false);
    assert.equal(marker(ws.read(`${SPEC}/tasks.md`), '1'), ' ');

    answer = true;
    const allowed = await approval().check(ws.path(SPEC), 'gated');
    assert.ok(allowed.run && allowed.unapproved);
    const provider = new ScriptedProvider([complete()]);
    const result = await runTask(options(ws, provider, { spec: 'gated', task: '1', unapproved: allowed.unapproved }));
    assert.equal(result.status, 'completed', result.reason);
    const start = (await readTrace(result.trace)).events.find((e) => e.type === 'run-start');
    assert.equal(
      start?.type === 'run-start' ? start.settings.unapproved : undefined,
      'design.md changed since it was approved; review it and approve it again',
    );
  });
});
