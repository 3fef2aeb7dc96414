// The spec view's phase bar: each phase drafted / approved / stale from the extension's workflow
// state, the buttons that move a phase on (a blocked draft is disabled and says why), and the
// health figures.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { WorkflowView } from '../../src/protocol';
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
};

describe('spec view: phase bar', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('shows each phase state, disables a blocked draft with the reason, and sends Approve', async () => {
    page = await openView({ results: { 'spec.workflow': VIEW } });
    const bar = page.getByRole('region', { name: 'Spec phases' });
    await bar.waitFor();
    const phase = (name: string) => bar.locator(`li[data-phase="${name}"]`);
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
    assert.ok((await requests(page, 'spec.workflow')).length >= 2, 'the bar asks again after the approval');
  });

  it('renders nothing when the extension has no workflow to show', async () => {
    page = await openView();
    assert.equal(await page.getByRole('region', { name: 'Spec phases' }).count(), 0);
  });
});
