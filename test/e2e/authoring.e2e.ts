// Spec authoring in the real VS Code, as a person does it in the sidebar's spec view, on the fake
// model server: an idea in the New spec form → requirements drafted → approved in the phase bar
// (design's Draft disabled until then) → design drafted (streaming into the view, stopped while
// the model stalls) and approved → tasks drafted and
// approved; a hand edit of tasks.md makes them stale, so Run next task asks and "Run anyway" runs
// the first task (recorded in its trace); Refine shows the new design as a diff (discarded, the
// file unchanged); Update tasks shows the merge in the diff editor and, accepted, keeps the done
// task's marker and its hand-added line.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { waitUntil } from '../support/wait-until';
import { call, scriptModel, workspace } from './e2e-env';
import { useWorkbench, type Workbench } from './workbench';

const SPEC = 'e2e-greeting';
const REL = `.kiro/specs/${SPEC}`;
const dir = () => join(workspace(), '.kiro', 'specs', SPEC);
const onDisk = (name: string) => readFileSync(join(dir(), name), 'utf8');

const REQUIREMENTS = `# Requirements Document

## Introduction

Greet visitors.

## Requirements

### Requirement 1: Greeting

**User Story:** As a visitor, I want a greeting, so that I feel welcome.

#### Acceptance Criteria

1. WHEN the page loads THEN THE SYSTEM SHALL show "Hello" within 1 second
`;
const DESIGN = `# Design Document

## Overview

A banner component (Requirement 1).

## Architecture

One component.

## Components and Interfaces

Banner.

## Data Models

None.

## Error Handling

None.

## Testing Strategy

A unit test of the banner (1.1).
`;
const TASKS = `# Implementation Plan

- [ ] 1. Show the banner
  - _Requirements: 1.1_
`;
const HAND_LINE = '  - note: reuse the header styles';

const write = (file: string, content: string) =>
  call('write_file', { path: `${REL}/${file}`, content, rationale: 'the draft' });

describe('Spec authoring with the agent in the spec view', function () {
  this.timeout(300_000);
  const workbench = useWorkbench();
  after(() => rmSync(dir(), { recursive: true, force: true }));

  /** The sidebar's spec view (the panel tab of a spec is another webview). */
  const view = (wb: Workbench, selector = '.phase-bar'): Promise<Frame> => wb.webviewFrame(`.view-sidebar ${selector}`);
  const phase = async (wb: Workbench, name: string) => (await view(wb)).locator(`li[data-phase="${name}"]`);
  const button = async (wb: Workbench, name: string, label: string) =>
    (await phase(wb, name)).locator('vscode-button', { hasText: label });
  const waitState = async (wb: Workbench, name: string, state: string) =>
    (await phase(wb, name)).locator('.phase-state', { hasText: new RegExp(`^${state}$`) }).waitFor({ timeout: 60_000 });

  /** The authoring run has ended: the view shows no draft at work. */
  const idle = async (wb: Workbench) =>
    waitUntil(async () => (await (await view(wb)).locator('.draft-progress').count()) === 0, 'no draft at work');

  it('from an idea to the first task run, with every gate held, Refine as a diff and Update tasks merged', async () => {
    const wb = workbench();
    await wb.openContainer('Tiller');
    await wb.collapseView('Steering');
    await wb.collapseView('Specs');

    // 1. The palette opens the form in the sidebar's spec view.
    await scriptModel([write('requirements.md', REQUIREMENTS), { text: 'Drafted the requirements.' }]);
    await wb.runCommand('Tiller: New Spec with the Agent');
    const form = (await view(wb, 'form.new-spec')).locator('form.new-spec');
    await form.getByLabel('The idea').fill('Greet visitors with a banner when the page loads');
    await form.getByLabel(/^Name/).fill(SPEC);
    await form.locator('vscode-button', { hasText: 'Create and draft' }).click();

    // 2. Requirements drafted; design and tasks cannot be drafted before they are approved.
    await waitState(wb, 'requirements', 'drafted');
    await idle(wb);
    assert.equal(onDisk('requirements.md'), REQUIREMENTS);
    assert.equal(JSON.parse(onDisk('.config.kiro')).workflowType, 'requirements-first');
    const designDraft = await button(wb, 'design', 'Draft');
    assert.equal(await designDraft.getAttribute('disabled'), '');
    assert.match((await designDraft.getAttribute('title')) ?? '', /requirements/);
    assert.equal(await (await button(wb, 'tasks', 'Draft')).getAttribute('disabled'), '');

    // 3. Approve requirements in the phase bar; design drafts, then is approved.
    await (await button(wb, 'requirements', 'Approve')).click();
    await waitState(wb, 'requirements', 'approved');
    await waitUntil(async () => (await designDraft.getAttribute('disabled')) === null, 'design Draft enabled');
    // The draft streams into the view: its step, the model's words, the document so far; the model
    // then stalls mid-answer, and Stop ends the run (the document it wrote stays, to review).
    await scriptModel([
      write('design.md', DESIGN),
      { text: 'Drafted the design; open question: server or client rendering?', chunkSize: 200, hangAfter: 2 },
    ]);
    await designDraft.click();
    const drafting = (await view(wb, '.draft-progress[data-state="running"]')).locator('.draft-progress');
    await drafting.getByText(`wrote ${REL}/design.md`).waitFor({ timeout: 60_000 });
    await drafting
      .getByLabel('The model is writing')
      .getByText(/open question: server or client/)
      .waitFor();
    await drafting.getByLabel(`${REL}/design.md as drafted so far`).getByText('## Overview').waitFor();
    await drafting.locator('vscode-button', { hasText: 'Stop' }).click();
    await idle(wb);
    await waitState(wb, 'design', 'drafted');
    assert.equal(onDisk('design.md'), DESIGN);
    await (await button(wb, 'design', 'Approve')).click();
    await waitState(wb, 'design', 'approved');

    // 4. Tasks drafted and approved.
    await scriptModel([write('tasks.md', TASKS), { text: 'Planned one task.' }]);
    await (await button(wb, 'tasks', 'Draft')).click();
    await waitState(wb, 'tasks', 'drafted');
    await idle(wb);
    await (await button(wb, 'tasks', 'Approve')).click();
    await waitState(wb, 'tasks', 'approved');
    const approvals = JSON.parse(onDisk('spec.json')).approvals;
    assert.deepEqual(
      ['requirements', 'design', 'tasks'].map((p) => approvals[p].approved),
      [true, true, true],
    );

    // 5. A line added by hand to tasks.md: the tasks approval is stale, visibly.
    writeFileSync(
      join(dir(), 'tasks.md'),
      TASKS.replace('  - _Requirements: 1.1_\n', `${HAND_LINE}\n  - _Requirements: 1.1_\n`),
    );
    await waitState(wb, 'tasks', 'stale');
    await (await view(wb)).locator('.phase-stale-note[data-phase="tasks"]').waitFor();

    // 6. Run next task asks first; "Run anyway" runs the first task and the trace says so.
    await scriptModel([call('complete_task', { summary: 'Banner shown' })]);
    await (await view(wb, '.spec-header')).locator('vscode-button', { hasText: 'Run next task' }).click();
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog
      .getByText(/is not approved to run: tasks\.md changed since it was approved/)
      .waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Run anyway' }).click();
    await waitUntil(
      () => /- \[x\] 1\. Show the banner/.test(onDisk('tasks.md')),
      () => `task 1 done: ${onDisk('tasks.md')}`,
    );
    const runs = join(workspace(), '.kiro', 'tiller', 'runs');
    const start = await waitUntil(
      () =>
        (existsSync(runs) ? readdirSync(runs).filter((n) => n.endsWith('.jsonl')) : [])
          .flatMap((n) => readFileSync(join(runs, n), 'utf8').split('\n').filter(Boolean))
          .map(
            (l) =>
              JSON.parse(l) as {
                type: string;
                task?: { spec: string; id: string };
                settings?: { unapproved?: string };
              },
          )
          .find((e) => e.type === 'run-start' && e.task?.spec === SPEC && e.task.id === '1'),
      'the first task run trace',
    );
    assert.match(start.settings?.unapproved ?? '', /tasks\.md changed since it was approved/);

    // 7. Refine the design: the new draft opens as a diff; discarded, design.md stays as approved.
    const refined = DESIGN.replace('One component.', 'One component, rendered on the server.');
    await scriptModel([
      call('edit_file', {
        path: `${REL}/design.md`,
        old_string: 'One component.',
        new_string: 'One component, rendered on the server.',
        rationale: 'feedback',
      }),
      { text: 'Server-rendered now.' },
    ]);
    await (await button(wb, 'design', 'Refine')).click();
    const feedback = (await view(wb, '.refine-box')).getByLabel(/What should change in design\.md/);
    await feedback.fill('Render the banner on the server');
    await feedback.press('Control+Enter');
    await wb.page.locator('.tab', { hasText: 'design.md (proposed by the agent)' }).waitFor({ timeout: 60_000 });
    await wb.page.locator('.part.editor .view-line', { hasText: 'rendered on the server' }).first().waitFor();
    const progress = (await view(wb, '.draft-progress[data-state="review"]')).locator('.draft-progress');
    await progress.locator('vscode-button', { hasText: 'Discard' }).click();
    await progress.waitFor({ state: 'detached', timeout: 60_000 });
    assert.equal(onDisk('design.md'), DESIGN);
    assert.notEqual(onDisk('design.md'), refined);
    await waitState(wb, 'design', 'approved');

    // 8. Update tasks: the merge opens in the diff editor; accepted, the done task keeps [x] and the hand line.
    await scriptModel([
      {
        text: '# Implementation Plan\n\n- [ ] 1. Show the banner\n  - _Requirements: 1.1_\n- [ ] 2. Time the greeting\n  - _Requirements: 1.1_\n',
      },
    ]);
    await (await button(wb, 'tasks', 'Update tasks')).click();
    await wb.page.locator('.tab', { hasText: 'tasks.md (proposed by the agent)' }).waitFor({ timeout: 60_000 });
    await wb.page.locator('.part.editor .view-line', { hasText: '2. Time the greeting' }).first().waitFor();
    await wb.page.locator('.part.editor .editor-actions a.action-label[aria-label^="Accept Edit"]').first().click();
    await waitUntil(
      () => /2\. Time the greeting/.test(onDisk('tasks.md')),
      () => `merged tasks.md: ${onDisk('tasks.md')}`,
    );
    assert.equal(
      onDisk('tasks.md'),
      `# Implementation Plan\n\n- [x] 1. Show the banner\n  - _Requirements: 1.1_\n${HAND_LINE}\n- [ ] 2. Time the greeting\n  - _Requirements: 1.1_\n`,
    );
    await waitState(wb, 'tasks', 'drafted');
  });
});
