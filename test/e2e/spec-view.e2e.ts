// Editing a spec in place, as a person does: the spec view (a webview) and the tasks.md editor
// stay in sync both ways, and the file on disk follows.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './e2e-env';
import { waitUntil } from '../support/wait-until';
import { useWorkbench } from './workbench';

function tasksFile(): string {
  return join(workspace(), '.kiro', 'specs', 'user-auth', 'tasks.md');
}

async function waitForDisk(pattern: RegExp): Promise<void> {
  await waitUntil(() => pattern.test(readFileSync(tasksFile(), 'utf8')), `tasks.md on disk to match ${pattern}`);
}

describe('Spec view: editing tasks in place', function () {
  this.timeout(120_000);
  const workbench = useWorkbench();

  it('ticks a task in the webview: tasks.md changes on disk and in the open editor', async () => {
    const wb = workbench();
    await wb.openContainer('Tiller');
    await wb.collapseView('Steering');
    // tasks.md open in an editor first, so the edit must go through it.
    await (await wb.treeItem('user-auth', { view: 'Specs' })).click();
    await (await wb.treeItem('2.2. Lock the account after repeated failures', { view: 'Specs' })).click();
    await wb.waitForEditor('tasks.md');

    await wb.runCommand('Tiller: Open Spec');
    await wb.page.locator('.quick-input-widget input').fill('user-auth');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'user-auth' }).first().waitFor();
    await wb.page.keyboard.press('Enter');

    // Wait for the webview to render first: its iframe taking focus would close a palette opened
    // while it loads. Then side by side with the editor, since a webview in a background tab is
    // not rendered at all.
    await wb.webviewFrame('[data-task-id="2.2"]');
    await wb.runCommand('View: Move Editor into Right Group');
    const frame = await wb.webviewFrame('[data-task-id="2.2"]');
    const row = frame.locator('[data-task-id="2.2"]');
    await row.waitFor();
    assert.match((await row.getAttribute('aria-label')) ?? '', /to do/);
    await row.locator('[data-control="check"]').click();

    await frame.locator('[data-task-id="2.2"][aria-label*="done"]').waitFor({ timeout: 10_000 });
    await waitForDisk(/\[x\] 2\.2 Lock the account/);
    // The open editor shows the same text (Monaco renders the line).
    await wb.page
      .locator('.part.editor .view-line', { hasText: '[x] 2.2 Lock the account' })
      .waitFor({ timeout: 10_000 });
  });

  it('shows an edit typed in the tasks.md editor', async () => {
    const wb = workbench();
    const lines = readFileSync(tasksFile(), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('[ ] 3.1 Issue tokens')) + 1;
    assert.ok(line > 0);
    // Back to the editor on the left (the spec stays visible on the right): the Specs tree opens
    // tasks.md at task 3.1, then type x into its checkbox.
    await wb.runCommand('View: Focus First Editor Group');
    await (await wb.treeItem('3.1. Issue tokens and store their salted hashes', { view: 'Specs' })).click();
    await wb.waitForEditor('tasks.md', line);
    // End then Home lands on the line's first non-blank character (Home alone toggles).
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press('ArrowRight');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.type('x');

    const frame = await wb.webviewFrame('[data-task-id="3.1"]');
    await frame.locator('[data-task-id="3.1"][aria-label*="done"]').waitFor({ timeout: 10_000 });
  });

  it("draws design.md's mermaid diagram, styled, within the webview's policy", async () => {
    const wb = workbench();
    const frame = await wb.webviewFrame('[data-task-id="3.1"]');
    // Listening before the Design tab asks for the diagram bundle, so its load is watched too.
    await frame.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    await frame.getByRole('tab', { name: 'Design' }).click();
    const svg = frame.locator('.diagram svg');
    await svg.waitFor({ timeout: 30_000 });
    assert.match((await svg.textContent()) ?? '', /Browser/);
    // Mermaid's <style> took effect: an unstyled SVG shape is filled black.
    const fill = await frame.evaluate(() => getComputedStyle(document.querySelector('.diagram svg .node rect')!).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)');
    assert.deepEqual(await frame.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
  });
});
