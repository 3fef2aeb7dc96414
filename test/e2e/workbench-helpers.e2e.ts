// Checks the helpers in workbench.ts against plain workbench features, so a failing Tiller e2e
// test points at Tiller rather than at the harness.
import { useWorkbench } from './workbench';

describe('e2e workbench helpers', function () {
  this.timeout(60_000);
  const workbench = useWorkbench();

  it('opens a file from the explorer, runs a command via F1 and reads the cursor line', async () => {
    const wb = workbench();
    await (await wb.treeItem('AGENTS.md')).click();
    await wb.waitForEditor('AGENTS.md', 1);
    await wb.runCommand('Go to Line/Column...');
    await wb.page.keyboard.type('2');
    await wb.page.keyboard.press('Enter');
    await wb.waitForEditor('AGENTS.md', 2);
  });

  it('runs a Tiller command from the palette', async () => {
    await workbench().runCommand('Tiller: Refresh');
  });
});
