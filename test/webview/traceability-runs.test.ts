// The Traceability tab lists, under each requirement, the runs whose edits or decisions cited it
// (from the extension's trace reading), and a click shows the run in the follow log.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { fixtureSpecs, openView, requests } from './harness';
import { RUN_ID } from './run-events';

describe('traceability: runs per requirement', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('lists the runs that touched a requirement and opens one in the follow log', async () => {
    page = await openView({ theme: 'dark' });
    await page.evaluate((runId) => {
      window.fakeHost.results['spec.requirementRuns'] = {
        '1': [{ runId, title: '2.1 Verify credentials', started: Date.UTC(2026, 0, 1, 12), edits: 3, decisions: 1 }],
      };
    }, RUN_ID);
    await page.getByRole('tab', { name: 'Traceability' }).click();
    const runs = page.getByRole('list', { name: 'Runs that touched requirement 1' });
    await runs.waitFor();
    assert.match((await runs.textContent()) ?? '', /Run 2\.1 Verify credentials.*3 edits, 1 decision/);
    assert.deepEqual((await requests(page, 'spec.requirementRuns'))[0].params, {
      specDir: join(fixtureSpecs, 'user-auth'),
    });
    await runs.getByRole('button').click();
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'run.show'));
    assert.deepEqual((await requests(page, 'run.show'))[0].params, { runId: RUN_ID });
  });
});
