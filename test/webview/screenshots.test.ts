// Screenshots of the spec view in VS Code's default light, dark and high-contrast themes (their
// real variables, read from a workbench), for people to look at: test-output/screenshots/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openView, screenshot, type ThemeKind } from './harness';

describe('theme screenshots', () => {
  let page: Page;
  afterEach(async () => page?.close());

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`renders legibly in the ${theme} theme`, async () => {
      page = await openView({ theme, viewport: { width: 900, height: 560 } });
      // Text and background must differ: a missing variable would leave text invisible or default.
      const colours = await page.evaluate(() => {
        const title = getComputedStyle(document.querySelector('.task-title') as Element);
        return { text: title.color, background: getComputedStyle(document.body).backgroundColor };
      });
      assert.notEqual(colours.text, colours.background);
      assert.ok(existsSync(await screenshot(page, `spec-tasks-${theme}`)));
      await page.locator('[data-task-id="2.1"] [data-control="menu"]').click();
      await page.waitForSelector('.menu');
      await screenshot(page, `spec-menu-${theme}`);
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: 'Requirements' }).click();
      await page.waitForSelector('.markdown');
      await screenshot(page, `spec-requirements-${theme}`);
      await page.getByRole('tab', { name: 'Traceability' }).click();
      await page.waitForSelector('.trace');
      await screenshot(page, `spec-traceability-${theme}`);
    });
  }

  it('renders the compact sidebar view', async () => {
    page = await openView({ view: 'sidebar', theme: 'dark', viewport: { width: 320, height: 560 } });
    await screenshot(page, 'sidebar-tasks-dark');
    assert.ok(await page.locator('.view-sidebar').count());
  });
});
