// Phases, approvals and gates as state (src/core/specs/workflow): read from the spec folder,
// hashed, and stale the moment the approved text changes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  draftBlocker,
  readApprovals,
  recordApproval,
  runGate,
  sha256,
  withdrawApproval,
  workflowOf,
  workflowState,
} from '../../../src/core/specs/workflow';

describe('spec workflow state', () => {
  let dir: string;
  const put = (name: string, text: string) => writeFileSync(join(dir, name), text);
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'tiller-workflow-')), 'my-spec');
    mkdirSync(dir);
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('orders the phases by workflowType and specType, with Kiro defaults', () => {
    assert.deepEqual(workflowOf(null).phases, ['requirements', 'design', 'tasks']);
    assert.deepEqual(workflowOf({ workflowType: 'design-first' }).phases, ['design', 'requirements', 'tasks']);
    assert.deepEqual(workflowOf({ specType: 'bugfix', workflowType: 'design-first' }).phases, [
      'bugfix',
      'design',
      'tasks',
    ]);
    assert.deepEqual(workflowOf(null, true).phases, ['bugfix', 'design', 'tasks']);
    assert.equal(workflowOf({ workflowType: 'sideways' }).workflow, 'requirements-first');
  });

  it('a spec with no approval records is untracked and runs ungated', async () => {
    put('requirements.md', '# R\n');
    put('tasks.md', '- [ ] 1. x\n');
    const state = await workflowState(dir);
    assert.equal(state.tracked, false);
    assert.equal(runGate(state), null);
    assert.equal(state.next, 'requirements');
    assert.equal(draftBlocker(state, 'requirements'), null);
    assert.match(draftBlocker(state, 'design')!.reason, /requirements \(requirements\.md\) is not approved/);
  });

  it('approval keeps who, when and the sha256; a change makes it stale; withdrawal clears it', async () => {
    put('requirements.md', '# R\n');
    const at = new Date('2026-01-02T03:04:05.000Z');
    await recordApproval(dir, 'my-spec', 'requirements', '# R\n', 'ada', at);
    let state = await workflowState(dir);
    const [req] = state.phases;
    assert.deepEqual(
      { approved: req.approved, stale: req.stale, by: req.approvedBy, at: req.approvedAt, hash: req.approvedHash },
      { approved: true, stale: false, by: 'ada', at: at.toISOString(), hash: sha256('# R\n') },
    );
    assert.equal(state.tracked, true);
    assert.equal(state.next, 'design');
    assert.equal(draftBlocker(state, 'design'), null);
    assert.equal(draftBlocker(state, 'tasks')?.phase, 'design');
    assert.equal(runGate(state)?.phase, 'design');

    put('requirements.md', '# R changed\n');
    state = await workflowState(dir);
    assert.equal(state.phases[0].stale, true);
    assert.equal(state.next, 'requirements');
    assert.match(draftBlocker(state, 'design')!.reason, /changed since it was approved/);

    unlinkSync(join(dir, 'requirements.md'));
    assert.equal((await workflowState(dir)).phases[0].stale, true, 'a deleted approved document is stale');

    await withdrawApproval(dir, 'my-spec', 'requirements');
    const { records, tracked } = await readApprovals(dir);
    assert.deepEqual(records.requirements, { generated: true, approved: false, sha256: null });
    assert.equal(tracked, true, 'a withdrawn approval still makes the spec tracked');
  });

  it('writes cc-sdd spec.json and keeps every key it did not write', async () => {
    put(
      'spec.json',
      JSON.stringify({
        feature_name: 'my-spec',
        language: 'ja',
        phase: 'design-generated',
        approvals: { requirements: { generated: true, approved: true }, design: { generated: true, approved: false } },
      }),
    );
    put('requirements.md', '# R\n');
    put('design.md', '# D\n');
    let state = await workflowState(dir);
    assert.equal(state.tracked, false, "cc-sdd's own booleans are not Tiller's records");
    assert.equal(state.phases[0].approved, true);
    assert.equal(state.phases[0].stale, false, 'no hash, nothing to compare');
    await recordApproval(dir, 'my-spec', 'design', '# D\n', 'ada');
    const json = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8'));
    assert.equal(json.language, 'ja');
    assert.equal(json.phase, 'design-generated');
    assert.deepEqual(json.approvals.requirements, { generated: true, approved: true });
    assert.equal(json.approvals.design.approved, true);
    assert.equal(json.ready_for_implementation, false);
    state = await workflowState(dir);
    assert.equal(state.tracked, true);
    assert.equal(state.next, 'tasks');
  });

  it('refuses to overwrite a spec.json it cannot read', async () => {
    put('spec.json', '{ not json');
    put('requirements.md', '# R\n');
    const state = await workflowState(dir);
    assert.match(state.problem!, /spec\.json is not valid JSON/);
    await assert.rejects(
      recordApproval(dir, 'my-spec', 'requirements', '# R\n', 'ada'),
      /Tiller will not overwrite it/,
    );
    assert.equal(readFileSync(join(dir, 'spec.json'), 'utf8'), '{ not json');
  });
});
