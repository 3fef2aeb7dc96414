// Trust as a person grants and revokes it in the real workbench. During a run, "Trust and run…" on
// the card of the first `npm run` command trusts `npm run *` for this workspace, and the run's next
// `npm run` command runs by the policy without a card. The Trusted Commands view then lists the
// pattern with its source, and its inline Remove takes it away; a built-in default has no Remove,
// and Delete on it says why it stays.
import * as assert from 'node:assert/strict';
import { waitUntil } from '../support/wait-until';
import { useWorkbench } from './workbench';
import { call, scriptModel } from './e2e-env';
import { useSpec } from './spec-fixture';

// Sorts before every fixture spec, so it holds the workspace's next task while this file runs.
const SPEC = 'aa-trust-demo';
const FIRST = 'npm run e2e-trust-first --if-present';
const SECOND = 'npm run e2e-trust-second --if-present';

describe('Trust granted mid-run, seen and revoked in the workbench', function () {
  this.timeout(180_000);
  useSpec(SPEC, {
    'requirements.md':
      '# Requirements\n\n### Requirement 1: Scripts\n\n1. WHEN the task runs THE SYSTEM SHALL run both scripts.\n',
    'tasks.md': '# Tasks\n\n- [ ] 1. Run both scripts\n  - _Requirements: 1.1_\n',
  });
  const workbench = useWorkbench();

  it('trusts npm run * from the card, and the same run’s next npm run command does not ask', async () => {
    await scriptModel([
      call('run_command', { command: FIRST, rationale: 'The first script' }),
      call('run_command', { command: SECOND, rationale: 'The second script' }),
      call('complete_task', { summary: 'Both scripts ran' }),
    ]);
    const frame = await workbench().followFrame();
    // No spec editor is active, so Run Next Task asks which spec (it never guesses by name).
    await workbench().runCommand('View: Close All Editors');
    await workbench().runCommand('Tiller: Run Next Task');
    await workbench().pickQuickItem(SPEC);
    const card = frame.locator('.approval-card', { hasText: FIRST }).first();
    await card.waitFor({ timeout: 60_000 });
    await card.locator('[data-control="trust"]').click();
    // The select is a web component: set its value as its own change would.
    await card.locator('[data-control="pattern-0"]').evaluate((el) => {
      (el as HTMLElement & { value: string }).value = 'npm run *';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await card.locator('[data-control="trust-confirm"]').click();
    await frame
      .locator('.card-command', { hasText: SECOND })
      .filter({ hasText: 'by the policy (npm run *)' })
      .waitFor({ timeout: 60_000 });
    // The header follows the newest run, which is this one by now; its end card may sit below the
    // fold once the person has clicked into the log (which stops the auto-scroll).
    await frame.locator('.follow-header .run-state.state-completed').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('.approval-card', { hasText: SECOND }).count(), 0);
    assert.match(
      (await frame.locator('.card-command', { hasText: FIRST }).first().textContent()) ?? '',
      /approved by you/,
    );
  });

  it('lists the trusted pattern with its source in the Trusted Commands view and removes it with one click', async () => {
    await workbench().openContainer('Tiller');
    for (const other of ['Specs', 'Steering', 'Spec', 'Hooks', 'Follow'])
      await workbench()
        .collapseView(other)
        .catch(() => undefined);
    const view = 'Trusted Commands';
    // The view fills in once first shown; look for rows only then, from the top.
    const pane = await workbench().view(view);
    await pane.locator('.monaco-list-row', { hasText: 'Run without asking' }).waitFor({ timeout: 20_000 });
    assert.equal(await workbench().treeItemDescription('npm run *', { view }), "this workspace's stored trust");
    const row = await workbench().treeItem('npm run *', { view });
    await row.hover();
    await workbench().screenshot('trusted-commands-view');
    await row.locator('.actions .action-label[aria-label^="Remove"]').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });

    const builtIn = await workbench().treeItem('git status', { view });
    assert.equal(await workbench().treeItemDescription('git status', { view }), 'built-in default');
    await builtIn.hover();
    assert.equal(await builtIn.locator('.actions .action-label[aria-label^="Remove"]').count(), 0);
    // From the keyboard, Delete on the focused row: a built-in default says why it stays.
    await builtIn.click();
    await workbench().page.keyboard.press('Delete');
    let texts: string[] = [];
    await waitUntil(
      async () =>
        (texts = await workbench().notifications()).some((t) =>
          t.includes("'git status' is a built-in default and cannot be removed"),
        ),
      () => `the notification; the notification centre shows: ${JSON.stringify(texts)}`,
    );
    assert.equal(await workbench().treeItemDescription('make deploy *', { view }), 'workspace deny setting');
  });
});
