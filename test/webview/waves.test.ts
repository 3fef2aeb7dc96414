// Tasks side by side in the webviews: wave numbers beside the tasks of a spec whose plan runs
// tasks together (and none for a plain spec), and in the follow log one lane per task of the shown
// run's wave, with its live state, that shows that task's run when chosen.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { fixtureSpec, openFollow, openView } from './harness';
import { summary } from './follow-fixtures';
import { runEvents } from './run-events';

describe('tasks side by side', () => {
  let page: Page;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiller-wv-waves-'));
  });
  afterEach(async () => {
    await page?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows each remaining task’s wave when the plan runs tasks together', async () => {
    const spec = join(dir, 'parallel');
    mkdirSync(spec);
    writeFileSync(
      join(spec, 'tasks.md'),
      '# Tasks\n\n- [x] 1. Set up\n- [ ] 2. (P) Alpha\n- [ ] 3. (P) Beta\n- [ ] 4. Wrap up\n',
    );
    page = await openView({ specs: [fixtureSpec('parallel', spec)] });
    await page.locator('[data-task-id="4"]').waitFor();
    const wave = (id: string) => page.locator(`[data-task-id="${id}"] .wave-badge`);
    assert.equal(await wave('1').count(), 0, 'a done task is in no wave');
    assert.equal(await wave('2').innerText(), 'wave 1');
    assert.equal(await wave('3').innerText(), 'wave 1');
    assert.equal(await wave('4').innerText(), 'wave 2');
  });

  it('shows no wave numbers for a spec that runs in document order', async () => {
    page = await openView({ specs: [fixtureSpec('user-auth')] });
    await page.locator('[data-task-id]').first().waitFor();
    assert.equal(await page.locator('.wave-badge').count(), 0);
  });

  it('the follow log has a lane per task of the wave, with its state; a lane shows its run', async () => {
    const wave = { id: 'w/1', index: 1 };
    const lane = (runId: string, state: 'running' | 'completed' | 'failed', title: string) => ({
      summary: { ...summary(runId, state, title), wave },
      events: runEvents(3, { runId }),
    });
    page = await openFollow({
      runs: [
        { summary: summary('20260101-110000-000000', 'completed', 'Earlier, alone'), events: runEvents(2) },
        lane('20260101-120000-aaaaaa', 'completed', '2 Alpha'),
        lane('20260101-120000-bbbbbb', 'failed', '3 Beta'),
        lane('20260101-120000-cccccc', 'running', '4 Gamma'),
      ],
    });
    const lanes = page.locator('.wave-lanes .wave-lane');
    await lanes.first().waitFor();
    assert.deepEqual(await lanes.allTextContents(), ['2 Alpha, completed', '3 Beta, failed', '4 Gamma, running']);
    assert.match(await page.locator('.wave-lanes-title').innerText(), /Wave 1 · 1 working/);
    assert.equal(await lanes.nth(2).getAttribute('aria-pressed'), 'true', 'the newest run is shown');
    await lanes.nth(1).click();
    await page.waitForFunction(
      () => document.querySelectorAll('.wave-lane')[1]?.getAttribute('aria-pressed') === 'true',
    );
    assert.equal(
      await page.locator('.run-picker').evaluate((el) => (el as HTMLElement & { value: string }).value),
      '20260101-120000-bbbbbb',
    );
  });
});
