// The Tiller sidebar in a real workbench: the activity-bar container opens and shows its views.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('Tiller sidebar', function () {
  this.timeout(60_000);
  const workbench = useWorkbench();

  it('opens the Tiller container from the activity bar and shows the Specs view', async () => {
    const sidebar = await workbench().openContainer('Tiller');
    const specs = await workbench().view('Specs');
    assert.ok(await specs.isVisible(), 'the Specs view is not visible');
    assert.ok(await sidebar.locator('.pane-header h3.title', { hasText: /^Steering$/i }).isVisible());
    // A row in the tree means the extension activated and its data provider answered.
    await workbench().treeItem('user-auth', { view: 'Specs' });
  });
});
