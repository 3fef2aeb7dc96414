// Thousands of tasks: only the rows in sight exist in the page, and scrolling reaches the last.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { largeSpec } from './large-spec';
import { openView } from './harness';

describe('a 2,000-task spec', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('renders a window of rows and scrolls to the end', async () => {
    const spec = largeSpec(2000);
    page = await openView({ specs: [spec] });
    const rendered = await page.locator('[data-task-id]').count();
    assert.ok(rendered > 10 && rendered < 120, `${rendered} rows in the page`);
    await page.locator('.task-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForSelector('[data-task-id="400.5"]');
    await page.locator('[data-task-id="400.5"] vscode-checkbox').click();
    await page.waitForSelector('[data-task-id="400.5"].status-done');
    const [event] = await page.evaluate(() => window.fakeHost.events);
    assert.ok(JSON.stringify(event.delta).length < 2000, 'a tick sends a small delta, not the list');
  });
});
