// Hooks as a person meets them: the Hooks view lists a hook with its trigger and pattern; opening
// a matching file, typing and saving fires it, and its command, which the policy does not allow,
// asks for approval in a notification naming the hook; rejecting it there settles it.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkbench } from './workbench';

function workspacePath(...parts: string[]): string {
  const workspace = process.env.TILLER_E2E_WORKSPACE;
  if (!workspace) throw new Error('TILLER_E2E_WORKSPACE is not set: run through scripts/run-e2e.mjs');
  return join(workspace, ...parts);
}

describe('Hooks: a save fires a hook whose command waits for approval', function () {
  this.timeout(120_000);
  const hookFile = workspacePath('.kiro', 'hooks', 'e2e-save.json');
  const notes = workspacePath('e2e-notes');

  before(() => {
    writeFileSync(
      hookFile,
      `${JSON.stringify({ version: 'v1', hooks: [{ name: 'Announce saved notes', trigger: 'PostFileSave', matcher: '^e2e-notes/.*\\.txt$', action: { type: 'command', command: 'echo saved a note' } }] }, null, 2)}\n`,
    );
    mkdirSync(notes, { recursive: true });
    writeFileSync(join(notes, 'today.txt'), 'first line\n');
  });

  after(() => {
    rmSync(hookFile, { force: true });
    rmSync(notes, { recursive: true, force: true });
  });

  const workbench = useWorkbench();

  it('lists the hook in the Hooks view with its trigger and pattern', async () => {
    await workbench().openContainer('Tiller');
    await workbench().collapseView('Specs');
    await workbench().collapseView('Steering');
    assert.equal(
      await workbench().treeItemDescription('Announce saved notes', { view: 'Hooks' }),
      'fileSaved · ^e2e-notes/.*\\.txt$',
    );
    assert.equal(await workbench().treeItemDescription('Log commits', { view: 'Hooks' }), 'commit');
  });

  it('asks for approval naming the hook when a matching file is typed in and saved', async () => {
    const page = workbench().page;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('e2e-notes/today.txt');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'today.txt' })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await workbench().waitForEditor('today.txt');
    await page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('typed in the browser');
    await page.keyboard.press('Control+S');

    // The centre, once open, lists new notifications as they come: wait for the card to appear in it.
    const wanted = 'hook: Announce saved notes wants to run `echo saved a note`';
    await workbench().notifications();
    const notification = page
      .locator('.notifications-center .notification-list-item', { hasText: 'hook: Announce saved notes' })
      .first();
    await page
      .locator('.notifications-center .notification-list-item-message', { hasText: wanted })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 })
      .catch(async () => {
        const texts = await workbench().notifications();
        throw new Error(`no approval notification; the notification centre shows: ${JSON.stringify(texts)}`);
      });
    await notification.locator('.monaco-button', { hasText: 'Reject…' }).click();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await notification.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
