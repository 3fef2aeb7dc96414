// The Tiller sidebar in a real workbench: the activity-bar container opens and shows its views,
// and in the default layout of a 1280×800 window the Spec view, once expanded, has room for tasks.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('Tiller sidebar', function () {
  this.timeout(90_000);
  const workbench = useWorkbench();

  it('opens the Tiller container from the activity bar and shows the Specs view', async () => {
    const sidebar = await workbench().openContainer('Tiller');
    const specs = await workbench().view('Specs');
    assert.ok(await specs.isVisible(), 'the Specs view is not visible');
    assert.ok(await sidebar.locator('.pane-header h3.title', { hasText: /^Steering$/i }).isVisible());
    // A row in the tree means the extension activated and its data provider answered.
    await workbench().treeItem('user-auth', { view: 'Specs' });
  });

  it('shows several of the spec’s tasks when the Spec view is expanded in a 1280×800 window', async () => {
    const wb = workbench();
    await wb.page.setViewportSize({ width: 1280, height: 800 });
    await wb.openContainer('Tiller');
    // tasks.md of user-auth in the editor: the Spec view follows the active spec document.
    await (await wb.treeItem('user-auth', { view: 'Specs' })).click();
    await (await wb.treeItem('2.2. Lock the account after repeated failures', { view: 'Specs' })).click();
    await wb.waitForEditor('tasks.md');
    await wb.view('Spec');
    const frame = await wb.webviewFrame('.view-sidebar [data-task-id]', 30_000);
    // The phase bar folds to one line here, so the tasks get the room.
    await frame.locator('.phase-summary').waitFor({ timeout: 30_000 });
    const shown = await frame.evaluate(
      () =>
        [...document.querySelectorAll('[data-task-id]')].filter((row) => {
          const box = row.getBoundingClientRect();
          return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        }).length,
    );
    await wb.screenshot('sidebar-spec-expanded-1280x800');
    assert.ok(shown >= 2, `the expanded Spec view shows ${shown} whole task rows`);
  });
});
