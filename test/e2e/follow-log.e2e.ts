// The follow log in the real workbench: a task run on the fake model streams into the Follow view,
// the agent's command waits on an approval card there and runs once it is approved, the spec view
// then shows the run's tokens for the spec and the task, and a command run by hand through the
// policy is approved from the same kind of card.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { waitUntil } from '../support/wait-until';
import { useWorkbench } from './workbench';
import { call, scriptModel, workspace } from './e2e-env';
import { useSpec } from './spec-fixture';

// Sorts before every fixture spec (and run.e2e.ts's), so it holds the workspace's next task.
const SPEC = 'aa-follow-demo';

/**
 * Waits for the approval card asking for `command` and returns it unanswered; cards of other
 * commands met meanwhile (a hook's command, say) are answered with Run once.
 */
async function approvalCard(frame: Frame, command: string): Promise<Locator> {
  return waitUntil(async () => {
    const mine = frame.locator('.approval-card', { hasText: command });
    if (await mine.count()) return mine.first();
    // Not `mine`: the card for the command may appear between the two looks.
    const other = frame.locator('.approval-card').filter({ hasNotText: command }).first();
    if (await other.count()) {
      await other.locator('[data-control="run-once"]').click();
      await other.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
    return undefined;
  }, `an approval card for ${command}`);
}

describe('Follow log in the workbench', function () {
  this.timeout(180_000);
  useSpec(
    SPEC,
    {
      'requirements.md':
        '# Requirements\n\n### Requirement 1: Marker\n\n1. WHEN the task runs THE SYSTEM SHALL leave a marker file.\n',
      'tasks.md': '# Tasks\n\n- [ ] 1. Leave the marker\n  - _Requirements: 1.1_\n',
    },
    ['follow-e2e.txt', 'follow-notes.md', 'shell-e2e.txt'],
  );
  const workbench = useWorkbench();

  it('streams a run and approves its command from the card', async () => {
    await scriptModel([
      call('record_decision', {
        title: 'A marker file',
        decision: 'Touch follow-e2e.txt',
        rationale: 'Requirement 1.1 asks for a marker',
        alternatives: ['Write it with write_file'],
        requirements: ['1.1'],
      }),
      call('run_command', { command: 'touch follow-e2e.txt', rationale: 'Create the marker' }),
      call('write_file', {
        path: 'follow-notes.md',
        content: '# Notes\n\nMarker left.\n',
        rationale: 'Say what was done',
      }),
      call('complete_task', { summary: 'Marker left' }),
    ]);
    const frame = await workbench().followFrame();
    // No spec editor is active, so Run Next Task asks which spec (it never guesses by name).
    await workbench().runCommand('View: Close All Editors');
    await workbench().runCommand('Tiller: Run Next Task');
    await workbench().pickQuickItem(SPEC);

    // The newest run is followed live: while its command waits for a person, the decision made
    // before it is on screen and the run shows as running.
    const card = await approvalCard(frame, 'touch follow-e2e.txt');
    await frame.locator('.card-decision', { hasText: 'A marker file' }).waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('.run-state').textContent()) ?? '', /running/);
    await card.locator('[data-control="run-once"]').click();
    await frame.locator('.card-command', { hasText: 'approved by you' }).waitFor({ timeout: 60_000 });
    assert.match(
      (await frame.locator('.card-command').last().textContent()) ?? '',
      /touch follow-e2e\.txt[\s\S]*exit 0/,
    );
    await frame.locator('.card-edit', { hasText: 'follow-notes.md' }).waitFor({ timeout: 60_000 });
    // The header follows this run (the newest); its end card may sit below the fold once the card
    // was clicked, which stops the auto-scroll.
    await frame.locator('.follow-header .run-state.state-completed').waitFor({ timeout: 60_000 });
    assert.ok(existsSync(join(workspace(), 'follow-e2e.txt')), 'the approved command ran');
    await workbench().screenshot('follow-log-run');

    // The edit opens in VS Code's diff editor: before the edit (a tiller-before: document) beside the file.
    await frame
      .locator('.card-edit', { hasText: 'follow-notes.md' })
      .getByRole('button', { name: 'Open diff' })
      .click();
    const page = workbench().page;
    await page.locator('.part.editor .monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    const tab = page.locator('.part.editor .tab.active').first();
    assert.match((await tab.getAttribute('aria-label')) ?? (await tab.textContent()) ?? '', /follow-notes\.md/);
    await page
      .locator('.part.editor .monaco-diff-editor .view-lines', { hasText: 'Marker left.' })
      .first()
      .waitFor({ timeout: 10_000 });
  });

  it('shows what the run cost: tokens for the spec in its header and for the task on its row', async () => {
    const wb = workbench();
    await wb.runCommand('Tiller: Open Spec');
    await wb.pickQuickItem(SPEC);
    const frame = await wb.webviewFrame('.view-panel .spec-usage', 30_000);
    const usage = frame.locator('.view-panel .spec-usage');
    assert.match((await usage.textContent()) ?? '', /^1 run · [\d.,]+k? in · [\d.,]+k? out$/);
    const task = frame.locator('.view-panel [data-task-id="1"] .task-usage');
    await task.waitFor({ timeout: 30_000 });
    assert.match((await task.textContent()) ?? '', /^[\d.,]+k?$/);
    assert.match((await task.getAttribute('title')) ?? '', /^1 run: [\d,]+ tokens in, [\d,]+ out/);
  });

  it('approves a command run by hand through the policy', async () => {
    const frame = await workbench().followFrame();
    const page = workbench().page;
    await workbench().runCommand('Tiller: Run Shell Command Through Policy');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('touch shell-e2e.txt');
    await page.keyboard.press('Enter');
    const card = await approvalCard(frame, 'touch shell-e2e.txt');
    await card.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitUntil(() => existsSync(join(workspace(), 'shell-e2e.txt')), 'the approved command to run');
  });
});
