// The follow log at editor size in the real workbench: "Tiller: Open Follow Log" from the palette
// opens it as an editor tab, and the compact Follow view in the sidebar opens it too, from its own
// button and from the view's title bar.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('Follow log at full size', function () {
  this.timeout(120_000);
  const workbench = useWorkbench();

  async function editorTabs(): Promise<string[]> {
    return workbench().page.locator('.part.editor .tab').allTextContents();
  }

  async function closeEditors(): Promise<void> {
    await workbench().runCommand('View: Close All Editors');
    await workbench().page.locator('.part.editor .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  it('opens as an editor tab from the command palette', async () => {
    // Once the Tiller container is there, the extension's commands are in the palette.
    await workbench().openContainer('Tiller');
    await workbench().runCommand('Tiller: Open Follow Log');
    const frame = await workbench().webviewFrame('.follow-app.view-follow-panel', 30_000);
    await frame.locator('.run-picker').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('[data-control="open-full"]').count(), 0, 'the tab offers no tab of its own');
    assert.ok((await editorTabs()).some((t) => t.includes('Follow Log')));
    await workbench().screenshot('follow-full-palette');
  });

  it('opens as an editor tab from the sidebar view', async () => {
    await closeEditors();
    await workbench().openContainer('Tiller');
    await workbench().view('Follow');
    const compact = await workbench().webviewFrame('.follow-app.view-follow', 30_000);
    await compact.locator('[data-control="open-full"]').click();
    await workbench().webviewFrame('.follow-app.view-follow-panel', 30_000);
    assert.ok((await editorTabs()).some((t) => t.includes('Follow Log')));

    // The view's title bar has the same button.
    await closeEditors();
    const pane = await workbench().view('Follow');
    await pane.locator('.pane-header').hover();
    await pane.locator('.pane-header .action-label[aria-label="Open Follow Log"]').click();
    await workbench().webviewFrame('.follow-app.view-follow-panel', 30_000);
    assert.ok((await editorTabs()).some((t) => t.includes('Follow Log')));
  });
});
