// Each view at the sizes people meet it, in the light, dark and high-contrast themes, for a look
// by eye (test-output/screenshots/): the spec view as an editor tab at 1280×800 and in the sidebar,
// the follow log in the sidebar (each at its share of a 1280×800 window) and as an editor tab at
// 1280×800 and 1920×1080.
// Each also checks that nothing spills out sideways.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openFollow, openView, screenshot, type ThemeKind } from './harness';
import { everyType, summary } from './follow-fixtures';
import { RUN_ID } from './run-events';

async function noSideways(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `the page is ${scroll} px wide in a ${width} px view`);
}

const runs = () => [
  {
    summary: {
      ...summary('20260101-110000-aaaaaa', 'completed', '1.1 Hash passwords with scrypt'),
      ended: Date.UTC(2026, 0, 1, 11, 0, 42),
      usage: { inputTokens: 12_345, outputTokens: 678 },
      reverted: true,
    },
    events: [],
  },
  {
    summary: {
      ...summary('20260101-113000-bbbbbb', 'interrupted', '1 Charge the card'),
      spec: 'billing',
      specDir: '/ws/.kiro/specs/billing',
      trigger: 'Run all',
    },
    events: [],
  },
  { summary: summary(RUN_ID, 'running'), events: everyType().slice(0, 12) },
];

describe('view screenshots', () => {
  let page: Page;
  afterEach(async () => page?.close());

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`spec view, follow sidebar and follow tab in the ${theme} theme`, async () => {
      page = await openView({ theme, viewport: { width: 1280, height: 800 } });
      await page.waitForSelector('.task-row');
      await noSideways(page);
      await screenshot(page, `view-spec-1280-${theme}`);
      await page.close();

      page = await openView({ theme, view: 'sidebar', viewport: { width: 300, height: 420 } });
      await page.waitForSelector('.task-row');
      await noSideways(page);
      await screenshot(page, `view-spec-sidebar-${theme}`);
      await page.close();

      page = await openFollow({ theme, viewport: { width: 300, height: 700 }, runs: runs() });
      await page.waitForSelector('.guidance-box');
      await noSideways(page);
      await screenshot(page, `view-follow-sidebar-${theme}`);
      await page.close();

      for (const [width, height] of [
        [1280, 800],
        [1920, 1080],
      ]) {
        page = await openFollow({ theme, view: 'follow-panel', viewport: { width, height }, runs: runs() });
        await page.waitForSelector('.card-edit .edit-why');
        await noSideways(page);
        await screenshot(page, `view-follow-tab-${width}-${theme}`);
        await page.close();
      }
    });
  }
});
