// The spec view's phase bar: each phase drafted / approved / stale from the extension's workflow
// stream, the buttons that move a phase on (a blocked draft is disabled and says why), the stale
// note, Refine with its feedback box, the draft streaming in and its Accept / Discard, and the
// health figures.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunSummary, TraceEvent, WorkflowView } from '../../src/protocol';
import { fixtureSpecs, openView, requests } from './harness';

const dir = join(fixtureSpecs, 'user-auth');

const VIEW: WorkflowView = {
  type: 'feature',
  workflow: 'requirements-first',
  phases: [
    {
      phase: 'requirements',
      path: join(dir, 'requirements.md'),
      exists: true,
      approved: true,
      stale: true,
      approvedAt: '2026-12-01T22:45:00.000Z',
      approvedBy: 'ada',
      blockedBy: null,
    },
    {
      phase: 'design',
      path: join(dir, 'design.md'),
      exists: false,
      approved: false,
      stale: false,
      approvedAt: null,
      approvedBy: null,
      blockedBy: 'requirements.md changed since it was approved; review it and approve it again',
    },
    {
      phase: 'tasks',
      path: join(dir, 'tasks.md'),
      exists: true,
      approved: false,
      stale: false,
      approvedAt: null,
      approvedBy: null,
      blockedBy: 'requirements.md changed since it was approved; review it and approve it again',
    },
  ],
  next: 'requirements',
  tracked: true,
  health: {
    criteria: 4,
    earsPercent: 75,
    citedPercent: 50,
    tasks: 3,
    tasksCitingPercent: 67,
    requirementsWithoutCriteria: ['3'],
    ambiguous: [{ criterion: '1.2', words: ['user-friendly'] }],
  },
  drafting: null,
};

const approvedView = (): WorkflowView => ({
  ...VIEW,
  phases: VIEW.phases.map((p) =>
    p.phase === 'requirements' ? { ...p, stale: false } : { ...p, blockedBy: p.phase === 'tasks' ? 'design' : null },
  ),
  next: 'design',
});

const push = (page: Page, delta: Partial<WorkflowView>) => page.evaluate((d) => window.fakeHost.pushWorkflow(d), delta);

const bar = (page: Page) => page.getByRole('region', { name: 'Spec phases' });
const phase = (page: Page, name: string) => bar(page).locator(`li[data-phase="${name}"]`);

describe('spec view: phase bar', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('folds to one line of phase states in the sidebar; Enter on it shows the buttons and the health', async () => {
    // A spec written by hand (no approvals kept): nothing asks for a decision, so the bar is folded.
    page = await openView({
      view: 'sidebar',
      viewport: { width: 300, height: 500 },
      results: { 'spec.workflow': { ...VIEW, tracked: false } },
    });
    const summary = bar(page).locator('summary.phase-summary');
    await summary.waitFor();
    assert.deepEqual(await summary.locator('.phase-chip').allTextContents(), [
      'Requirements: stale',
      'Design: not drafted',
      'Tasks: drafted',
    ]);
    assert.equal(await phase(page, 'requirements').isVisible(), false);
    assert.equal(await page.getByLabel('Spec health').isVisible(), false);
    // The stale note is not folded away: it asks for a decision.
    assert.equal(await page.locator('.phase-stale-note').isVisible(), true);
    // The tasks get the room: the first task row is on screen below the folded bar.
    const firstRow = await page.locator('.task-row').first().boundingBox();
    assert.ok(firstRow && firstRow.y + firstRow.height <= 500, `the first task row is at ${JSON.stringify(firstRow)}`);
    await summary.focus();
    await page.keyboard.press('Enter');
    await phase(page, 'requirements').locator('vscode-button', { hasText: 'Approve' }).waitFor();
    assert.equal(await page.getByLabel('Spec health').isVisible(), true);
  });

  it('opens by itself in the sidebar while a tracked spec has a phase to draft or approve', async () => {
    page = await openView({
      view: 'sidebar',
      viewport: { width: 300, height: 500 },
      results: { 'spec.workflow': VIEW },
    });
    await phase(page, 'requirements').locator('vscode-button', { hasText: 'Approve' }).waitFor();
    // Folded by hand, it stays folded while the stream changes.
    await bar(page).locator('summary.phase-summary').click();
    await push(page, { phases: approvedView().phases, next: 'design' });
    await bar(page).locator('.phase-chip', { hasText: 'Requirements: approved' }).waitFor();
    assert.equal(await phase(page, 'design').isVisible(), false);
  });

  it('shows each phase state, disables a blocked draft with the reason, and sends Approve', async () => {
    page = await openView({ results: { 'spec.workflow': VIEW } });
    await bar(page).waitFor();
    const phase = (name: string) => bar(page).locator(`li[data-phase="${name}"]`);
    assert.match((await phase('requirements').textContent()) ?? '', /Requirements\s*stale/);
    assert.match((await phase('design').textContent()) ?? '', /Design\s*not drafted/);
    assert.match((await phase('tasks').textContent()) ?? '', /Tasks\s*drafted/);
    const draft = phase('design').locator('vscode-button', { hasText: 'Draft' });
    assert.equal(await draft.getAttribute('disabled'), '');
    assert.match((await draft.getAttribute('title')) ?? '', /requirements\.md changed since it was approved/);
    assert.equal(
      await phase('tasks').locator('vscode-button', { hasText: 'Update tasks' }).getAttribute('disabled'),
      '',
    );
    assert.match(
      (await page.getByLabel('Spec health').textContent()) ?? '',
      /4 criteria · 75% EARS · 50% cited by a task · 3 tasks · 67% cite a requirement · requirements without criteria: 3 · ambiguous: 1\.2 \(user-friendly\)/,
    );
    await phase('requirements').locator('vscode-button', { hasText: 'Approve' }).click();
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'spec.phase'));
    assert.deepEqual((await requests(page, 'spec.phase'))[0].params, {
      specDir: dir,
      phase: 'requirements',
      action: 'approve',
    });
    // The extension's stream says what changed; the bar follows it.
    await push(page, { phases: approvedView().phases, next: 'design' });
    await phase('requirements').getByText('approved').waitFor();
    assert.equal(await page.locator('.phase-stale-note').count(), 0);
    assert.equal(await phase('design').locator('vscode-button', { hasText: 'Draft' }).getAttribute('disabled'), null);
  });

  it('says visibly that an approved document changed by hand', async () => {
    page = await openView({ results: { 'spec.workflow': VIEW } });
    const note = page.locator('.phase-stale-note[data-phase="requirements"]');
    await note.waitFor();
    assert.match(
      (await note.textContent()) ?? '',
      /requirements\.md changed since it was approved by ada on 2026-12-01 22:45\. Approve it again/,
    );
  });

  it('Refine opens a feedback box; Ctrl+Enter sends the feedback and Escape closes it', async () => {
    page = await openView({ results: { 'spec.workflow': approvedView() } });
    await phase(page, 'requirements').locator('vscode-button', { hasText: 'Refine' }).click();
    const box = page.getByRole('region', { name: 'Refine requirements.md' });
    const input = box.getByLabel(/What should change in requirements\.md/);
    await input.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'refine-feedback', 'the box takes focus');
    await input.press('Control+Enter');
    await box.getByRole('alert').waitFor();
    assert.equal((await requests(page, 'spec.phase')).length, 0, 'empty feedback is not sent');
    await input.fill('Give criterion 1.2 a number instead of "user-friendly"');
    await input.press('Control+Enter');
    await box.waitFor({ state: 'detached' });
    assert.deepEqual((await requests(page, 'spec.phase'))[0].params, {
      specDir: dir,
      phase: 'requirements',
      action: 'refine',
      feedback: 'Give criterion 1.2 a number instead of "user-friendly"',
    });
    await phase(page, 'requirements').locator('vscode-button', { hasText: 'Refine' }).click();
    await box.getByLabel(/What should change/).press('Escape');
    await box.waitFor({ state: 'detached' });
    assert.equal((await requests(page, 'spec.phase')).length, 1);
  });

  it('streams a draft at work (step, model text, the document so far) and offers Accept / Discard for its review', async () => {
    page = await openView({ results: { 'spec.workflow': approvedView() } });
    await bar(page).waitFor();
    const summary: RunSummary = {
      runId: 'draft-1',
      title: 'Draft .kiro/specs/user-auth/design.md',
      spec: 'user-auth',
      specDir: dir,
      state: 'running',
      trigger: 'you',
      started: 1,
    };
    const base = { runId: 'draft-1', time: '2026-12-02T01:00:00.000Z' };
    const events = [
      {
        ...base,
        seq: 1,
        type: 'tool',
        tool: 'read_file',
        callId: 'c1',
        args: { path: 'src/auth.ts' },
        isError: false,
        result: '',
        durationMs: 1,
      },
      {
        ...base,
        seq: 2,
        type: 'edit',
        callId: 'c2',
        tool: 'write_file',
        path: '.kiro/specs/user-auth/design.md',
        diff: '--- /dev/null\n+++ b/.kiro/specs/user-auth/design.md\n@@ -0,0 +1,3 @@\n+# Design Document\n+\n+## Overview\n',
        created: true,
        rationale: 'the draft',
        requirements: [],
        decisionSeq: null,
        review: 'autopilot',
        applied: true,
      },
    ] as unknown as TraceEvent[];
    await page.evaluate(({ s, e }) => window.fakeHost.runs.setRun(s, e, 'Reading the auth module'), {
      s: summary,
      e: events,
    });
    await push(page, {
      drafting: { phase: 'design', action: 'draft', runId: 'draft-1', state: 'running', reviewId: null },
    });
    const progress = page.getByRole('region', { name: 'Draft in progress' });
    await progress.getByText('Drafting design.md… wrote .kiro/specs/user-auth/design.md').waitFor();
    assert.match((await progress.getByLabel('The model is writing').textContent()) ?? '', /Reading the auth module/);
    assert.match(
      (await progress.getByLabel('.kiro/specs/user-auth/design.md as drafted so far').textContent()) ?? '',
      /# Design Document\s+## Overview/,
    );
    assert.equal(
      await phase(page, 'tasks').locator('vscode-button', { hasText: 'Refine' }).getAttribute('disabled'),
      '',
      'nothing else is drafted while a draft runs',
    );
    await page.evaluate(() => window.fakeHost.runs.append('draft-1', [], ' and the session store'));
    await progress.getByText(/Reading the auth module and the session store/).waitFor();

    await push(page, {
      drafting: { phase: 'design', action: 'refine', runId: 'draft-1', state: 'review', reviewId: 'review-7' },
    });
    await progress.getByText('The new design.md is open in the diff editor').waitFor();
    await progress.locator('vscode-button', { hasText: 'Discard' }).click();
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'review.answer'));
    assert.deepEqual((await requests(page, 'review.answer'))[0].params, { id: 'review-7', accept: false });
    await push(page, { drafting: null });
    await progress.waitFor({ state: 'detached' });
  });

  it('renders nothing when the extension has no workflow to show', async () => {
    page = await openView();
    assert.equal(await page.getByRole('region', { name: 'Spec phases' }).count(), 0);
  });
});
