// Screenshots of the follow log in VS Code's light, dark and high-contrast themes: a narrow
// sidebar with an approval card over a live run, and a wide one where diffs stand beside their
// rationale. test-output/screenshots/follow-*.png, for people to look at.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openFollow, screenshot, type ThemeKind } from './harness';
import { approval, everyType, summary } from './follow-fixtures';
import { RUN_ID } from './run-events';

describe('follow log screenshots', () => {
  let page: Page;
  afterEach(async () => page?.close());

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`renders legibly in the ${theme} theme`, async () => {
      page = await openFollow({
        theme,
        runs: [{ summary: summary(RUN_ID, 'running'), events: everyType().slice(0, 12) }],
        pending: { approvals: [approval()], reviews: [] },
        viewport: { width: 420, height: 900 },
      });
      await page.waitForSelector('.approval-card');
      await page.waitForSelector('.virtual-item .card');
      const colours = await page.evaluate(() => {
        const heading = getComputedStyle(document.querySelector('.card-heading') as Element);
        return {
          text: heading.color,
          background: getComputedStyle(document.querySelector('.card') as Element).backgroundColor,
        };
      });
      assert.notEqual(colours.text, colours.background);
      await screenshot(page, `follow-approval-${theme}`);
      await page.locator('[data-control="trust"]').click();
      await page.waitForSelector('[data-control="trust-confirm"]');
      await screenshot(page, `follow-trust-${theme}`);
      await page.close();
      page = await openFollow({
        theme,
        runs: [{ summary: summary(RUN_ID, 'completed'), events: everyType() }],
        viewport: { width: 1000, height: 900 },
      });
      await page.locator('.timeline').evaluate((el) => (el.scrollTop = 0));
      await page.waitForSelector('[data-key="e1"]');
      await page.locator('.card-context').getByRole('button', { name: 'Steering and why' }).click();
      await screenshot(page, `follow-wide-${theme}`);
    });
  }
});
