// Spec authoring in VS Code on the fake model server: draft, the gate, approve, a hand edit that
// makes an approval stale, refine shown as a diff to accept, and Update tasks merged and reviewed
// in the diff editor before it is written.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DraftResult } from '../../src/core/agent/draft';
import type { TaskMerge, WorkflowState } from '../../src/core/specs/workflow';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server';
import { setAgent, tiller, waitFor, workspaceRoot } from './util';

const SPEC = 'authoring-probe';
const KEY = 'sk-tiller-authoring-0123456789';
const REL = `.kiro/specs/${SPEC}`;

const REQUIREMENTS = `# Requirements Document

## Requirements

### Requirement 1: Greeting

**User Story:** As a visitor, I want a greeting, so that I feel welcome.

#### Acceptance Criteria

1. WHEN the page loads THEN THE SYSTEM SHALL show "Hello" within 1 second
`;

const dir = () => join(workspaceRoot().fsPath, '.kiro', 'specs', SPEC);
const write = (path: string, content: string) => ({
  toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path, content, rationale: 'the draft' }) }],
});

const workflow = () => vscode.commands.executeCommand<WorkflowState>('tiller.specWorkflow', dir());

/** Accepts the one edit review waiting for `path`, once it is there. */
async function acceptReview(path: string): Promise<void> {
  const api = await tiller();
  const review = await waitFor(
    `a review of ${path}`,
    () => api.runs.editReviews().find((r) => r.path === path),
    20_000,
  );
  assert.equal(api.runs.answerEditReview(review.id, { accept: true }), true);
}

describe('Spec authoring in VS Code', function () {
  this.timeout(60_000);
  let server: FakeModelServer;

  before(async () => {
    server = await startFakeModelServer({ apiKey: KEY });
    await setAgent({ provider: 'openai', baseUrl: server.openaiBaseUrl, model: 'fake-model' });
    assert.equal(await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY), true);
    await mkdir(dir(), { recursive: true });
    await writeFile(join(dir(), '.config.kiro'), '{"specType":"feature","workflowType":"requirements-first"}\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setAgent({ provider: undefined, baseUrl: undefined, model: undefined });
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', '');
    await rm(dir(), { recursive: true, force: true });
    await vscode.commands.executeCommand('tiller.refresh');
    await server?.close();
  });

  it('drafts requirements, refuses design until they are approved, and a hand edit makes the approval stale', async () => {
    server.script([
      write(`${REL}/design.md`, '# Too early\n'),
      write(`${REL}/requirements.md`, REQUIREMENTS),
      { text: 'Requirements drafted.' },
    ]);
    const draft = await vscode.commands.executeCommand<DraftResult>('tiller.draftPhase', {
      specDir: dir(),
      phase: 'requirements',
      idea: 'Greet visitors',
    });
    assert.equal(draft?.status, 'drafted', draft?.reason);
    assert.equal(await readFile(join(dir(), 'requirements.md'), 'utf8'), REQUIREMENTS);
    await assert.rejects(readFile(join(dir(), 'design.md'), 'utf8'), 'the model may not write design.md yet');

    const asked = server.requests.length;
    const blocked = await vscode.commands.executeCommand('tiller.draftPhase', { specDir: dir(), phase: 'design' });
    assert.equal(blocked, undefined);
    assert.equal(server.requests.length, asked, 'a refused draft asks the model nothing');

    let state = await vscode.commands.executeCommand<WorkflowState>('tiller.approvePhase', {
      specDir: dir(),
      phase: 'requirements',
    });
    assert.equal(state.phases[0].approved, true);
    assert.equal(state.phases[0].stale, false);
    assert.equal(state.next, 'design');

    // A hand edit in the editor, unsaved: the approval is stale at once.
    const doc = await vscode.workspace.openTextDocument(join(dir(), 'requirements.md'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(doc.positionAt(doc.getText().length), '2. extra\n'));
    state = await workflow();
    assert.equal(state.phases[0].stale, true);
    assert.equal(state.next, 'requirements');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal((await workflow()).phases[0].stale, false);
  });

  it('refine stages the new draft, shows it whole as a diff to accept, and withdraws the approval on Accept', async () => {
    server.script([
      {
        toolCalls: [
          {
            name: 'edit_file',
            arguments: JSON.stringify({
              path: `${REL}/requirements.md`,
              old_string: 'within 1 second',
              new_string: 'within 200 ms',
              rationale: 'feedback: faster',
            }),
          },
        ],
      },
      { text: 'Tightened.' },
    ]);
    const refining = vscode.commands.executeCommand<DraftResult>('tiller.refinePhase', {
      specDir: dir(),
      phase: 'requirements',
      feedback: '200 ms, not a second',
    });
    const api = await tiller();
    const review = await waitFor(
      'the whole new draft in review',
      () => api.runs.editReviews().find((r) => r.path === `${REL}/requirements.md`),
      20_000,
    );
    assert.match(review.diff, /-1\. WHEN the page loads THEN THE SYSTEM SHALL show "Hello" within 1 second/);
    assert.match(review.diff, /\+1\. WHEN the page loads THEN THE SYSTEM SHALL show "Hello" within 200 ms/);
    assert.equal(
      await readFile(join(dir(), 'requirements.md'), 'utf8'),
      REQUIREMENTS,
      'nothing is written before Accept',
    );
    assert.equal((await workflow()).phases[0].approved, true, 'the approval stands until the draft is accepted');
    assert.equal(api.runs.answerEditReview(review.id, { accept: true }), true);
    const result = await refining;
    assert.equal(result?.status, 'drafted', result?.reason);
    const buffer = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === join(dir(), 'requirements.md'));
    assert.match(
      await readFile(join(dir(), 'requirements.md'), 'utf8'),
      /within 200 ms/,
      `on disk (the editor holds ${buffer ? (buffer.isDirty ? 'unsaved ' : 'saved ') + JSON.stringify(buffer.getText()) : 'nothing'})`,
    );
    const state = await workflow();
    assert.equal(state.phases[0].approved, false);
    assert.equal(state.next, 'requirements');
  });

  it('update tasks merges the revised plan, keeps status and notes, and writes only after the diff is accepted', async () => {
    await writeFile(join(dir(), 'design.md'), '# Design Document\n\n## Overview\n\nA banner.\n');
    await writeFile(
      join(dir(), 'tasks.md'),
      '# Implementation Plan\n\n- [x] 1. Show the banner\n  - note: reuse the header\n  - _Requirements: 1.1_\n',
    );
    for (const phase of ['requirements', 'design'])
      await vscode.commands.executeCommand('tiller.approvePhase', { specDir: dir(), phase });
    server.script([
      {
        text: '# Implementation Plan\n\n- [ ] 1. Show the banner\n  - _Requirements: 1.1_\n- [ ] 2. Measure the time to greet\n  - _Requirements: 1.1_\n',
      },
    ]);
    const updating = vscode.commands.executeCommand<TaskMerge>('tiller.updateTasks', { specDir: dir(), remove: [] });
    await acceptReview(`${REL}/tasks.md`);
    const merge = await updating;
    assert.deepEqual(
      merge?.added.map((a) => a.id),
      ['2'],
    );
    assert.equal(
      await readFile(join(dir(), 'tasks.md'), 'utf8'),
      '# Implementation Plan\n\n- [x] 1. Show the banner\n  - _Requirements: 1.1_\n  - note: reuse the header\n- [ ] 2. Measure the time to greet\n  - _Requirements: 1.1_\n',
    );
    const state = await workflow();
    assert.equal(state.phases[2].approved, false, 'the merged plan waits for its own approval');
    assert.equal(state.next, 'tasks');
  });

  it("new spec with the agent (the form's command) creates the folder and drafts the first phase of its workflow", async () => {
    const other = join(workspaceRoot().fsPath, '.kiro', 'specs', 'authoring-new-probe');
    try {
      server.script([
        write('.kiro/specs/authoring-new-probe/design.md', '# Design Document\n\n## Overview\n\nA banner.\n'),
        { text: 'Drafted.' },
      ]);
      const draft = await vscode.commands.executeCommand<DraftResult>('tiller.newSpecWithAgent', {
        name: 'authoring-new-probe',
        idea: 'Greet visitors with a banner',
        type: 'feature',
        workflow: 'design-first',
      });
      assert.equal(draft?.status, 'drafted', draft?.reason);
      assert.equal(draft?.phase, 'design');
      const config = JSON.parse(await readFile(join(other, '.config.kiro'), 'utf8'));
      assert.deepEqual([config.workflowType, config.specType], ['design-first', 'feature']);
      assert.match(JSON.stringify(server.requests.at(-1)?.body), /Greet visitors with a banner/);
      const taken = await vscode.commands.executeCommand('tiller.newSpecWithAgent', {
        name: 'authoring-new-probe',
        idea: 'again',
        type: 'feature',
      });
      assert.equal(taken, undefined, 'a taken name is refused');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
