// The first run a new user takes, in the real workbench: the "Get started with Tiller"
// walkthrough's buttons configure the model (an OpenAI-compatible URL: the fake model server),
// store its key, test the connection (one tiny request) and run the first task to completion.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../support/wait-until';
import { useWorkbench } from './workbench';
import { call, scriptModel, workspace } from './e2e-env';

// Sorts before every fixture spec, so it holds the workspace's next task.
const SPEC = 'aa-walkthrough-demo';

describe('Get started walkthrough', function () {
  this.timeout(240_000);
  const specDir = () => join(workspace(), '.kiro', 'specs', SPEC);
  before(() => {
    mkdirSync(specDir(), { recursive: true });
    writeFileSync(join(specDir(), 'tasks.md'), '# Tasks\n\n- [ ] 1. Leave a marker\n');
  });
  const workbench = useWorkbench();
  after(() => {
    rmSync(specDir(), { recursive: true, force: true });
    rmSync(join(workspace(), 'walkthrough-e2e.md'), { force: true });
  });

  it('takes a new user from choosing a model to a completed task on the fake model server', async () => {
    const page = workbench().page;
    const input = page.locator('.quick-input-widget input');
    /** Answers the quick input whose title says `title`. */
    const answer = async (title: string, value: string) => {
      const prompt = page.locator('.quick-input-widget .quick-input-title', { hasText: title });
      await prompt.waitFor({ timeout: 10_000 });
      await input.fill(value);
      // An Enter that lands while the box is still being swapped in is dropped: press until it goes.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Enter');
        const gone = await prompt.waitFor({ state: 'hidden', timeout: 3_000 }).then(
          () => true,
          () => false,
        );
        if (gone) return;
        if (attempt === 3) assert.fail(`the "${title}" prompt did not take its answer`);
      }
    };
    await scriptModel([
      { text: 'ready' },
      call('write_file', {
        path: 'walkthrough-e2e.md',
        content: 'First task done.\n',
        rationale: 'The task asks for it',
      }),
      call('complete_task', { summary: 'Marker left' }),
    ]);
    await workbench().runCommand('View: Close All Editors');
    await workbench().runCommand('Welcome: Open Walkthrough...');
    await workbench().pickQuickItem('Get started with Tiller');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('.getting-started-step', { hasText: 'Choose a model' }).first().click();
    await walkthrough.getByRole('button', { name: 'Configure Model' }).click();

    // Its next prompts reuse the quick input, so the pick does not wait for it to close.
    await input.fill('Another OpenAI-compatible URL');
    await page
      .locator('.quick-input-list .monaco-list-row')
      .first()
      .filter({ hasText: 'Another OpenAI-compatible URL' })
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await answer('endpoint', `${process.env.TILLER_E2E_MODEL_URL}/v1`);
    await answer('model', 'fake-model');
    await answer('API key', 'sk-walkthrough');
    // Configure Model ends with the connection test: one tiny request, answered.
    await workbench().notifications();
    await page
      .locator('.notifications-center .notification-list-item-message', { hasText: 'Ready to run tasks.' })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');

    await walkthrough.locator('.getting-started-step', { hasText: 'Run the first task' }).first().click();
    await walkthrough.getByRole('button', { name: 'Run Next Task' }).click();
    await answer('which spec', SPEC);
    const tasks = join(specDir(), 'tasks.md');
    await waitUntil(
      () => /- \[x\] 1\. Leave a marker/.test(readFileSync(tasks, 'utf8')),
      () => `the first task to be completed: ${readFileSync(tasks, 'utf8')}`,
      { timeoutMs: 90_000 },
    );
    assert.equal(readFileSync(join(workspace(), 'walkthrough-e2e.md'), 'utf8'), 'First task done.\n');
    // Every step this path took is ticked (the model's too, though its settings kept their values).
    for (const step of ['Choose a model', 'Set its key', 'Test the connection', 'Run the first task'])
      await walkthrough
        .locator('.getting-started-step', { hasText: step })
        .first()
        .locator('.codicon-getting-started-step-checked')
        .waitFor({ timeout: 10_000 });
    await workbench().screenshot('walkthrough-done');
  });
});
