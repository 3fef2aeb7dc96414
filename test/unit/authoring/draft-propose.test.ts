// A refinement proposed, not written (draftPhase propose): the model writes and edits the
// document as usual, but the result stays in memory for a person to accept as one diff; the file
// and its approval are untouched, and writes elsewhere are still refused.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { headlessApprover } from '../../../src/core/agent';
import { draftPhase } from '../../../src/core/agent/draft';
import { recordApproval, workflowState } from '../../../src/core/specs/workflow';
import { RULES, ScriptedProvider, TempWorkspace } from '../agent/helpers';

const SPEC = 'greeting';
const REL = `.kiro/specs/${SPEC}`;
const BEFORE = '# Requirements Document\n\n1. WHEN the page loads THEN THE SYSTEM SHALL greet within 1 second\n';

describe('draftPhase propose (refine as one diff)', () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = new TempWorkspace(false);
    mkdirSync(ws.path(REL), { recursive: true });
    writeFileSync(ws.path(`${REL}/requirements.md`), BEFORE);
    await recordApproval(ws.path(REL), SPEC, 'requirements', BEFORE, 'ada');
  });
  afterEach(() => ws.dispose());

  it('stages every write of the document and returns the whole new text; the disk and the approval stay', async () => {
    const provider = new ScriptedProvider([
      {
        calls: [
          {
            name: 'edit_file',
            args: { path: `${REL}/requirements.md`, old_string: '1 second', new_string: '200 ms', rationale: 'r' },
          },
        ],
      },
      // The second edit applies to the staged text, not to the disk.
      {
        calls: [
          {
            name: 'edit_file',
            args: { path: `${REL}/requirements.md`, old_string: '200 ms', new_string: '150 ms', rationale: 'r' },
          },
        ],
      },
      { calls: [{ name: 'read_file', args: { path: `${REL}/requirements.md` } }] },
      { calls: [{ name: 'write_file', args: { path: 'src/app.ts', content: 'x', rationale: 'r' } }] },
      { text: 'Tightened the time.' },
    ]);
    const result = await draftPhase({
      workspaceRoot: ws.root,
      spec: SPEC,
      phase: 'requirements',
      feedback: 'faster',
      propose: true,
      provider,
      rules: RULES,
      approver: headlessApprover,
      homeDir: ws.home,
      storageDir: null,
    });
    assert.equal(result.status, 'proposed', result.reason);
    const after = BEFORE.replace('1 second', '150 ms');
    assert.deepEqual(result.proposal, { before: BEFORE, after });
    assert.equal(ws.read(`${REL}/requirements.md`), BEFORE, 'nothing is written before acceptance');
    const results = provider.requests
      .at(-1)!
      .messages.filter((m) => m.role === 'tool')
      .map((m) => String(m.content));
    assert.ok(
      results.some((c) => c.includes('150 ms')),
      'read_file sees the staged text',
    );
    assert.ok(
      results.some((c) => /drafts .*requirements\.md .*only/.test(c)),
      'a write elsewhere is refused',
    );
    const state = await workflowState(ws.path(REL));
    assert.equal(state.phases[0].approved, true);
    assert.equal(state.phases[0].stale, false, 'the approval stands until the proposal is accepted');
  });

  it('fails when the model proposes no change', async () => {
    const provider = new ScriptedProvider([{ text: 'Nothing to change.' }]);
    const result = await draftPhase({
      workspaceRoot: ws.root,
      spec: SPEC,
      phase: 'requirements',
      feedback: 'looks fine?',
      propose: true,
      provider,
      rules: RULES,
      approver: headlessApprover,
      homeDir: ws.home,
      storageDir: null,
    });
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /without changing/);
    assert.equal(result.proposal, undefined);
  });
});
