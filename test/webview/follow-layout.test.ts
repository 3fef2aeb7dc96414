// The follow log as a whole never scrolls: in a view too short for its header, the pending cards
// and the guidance box, focusing a card or the box scrolls only the parts that scroll, so the
// header stays in sight and the end of a run leaves no stale offset (which once left copies of
// the guidance box painted over the cards).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openFollow } from './harness';
import { approval, everyType, summary } from './follow-fixtures';
import { RUN_ID } from './run-events';

/** How far each ancestor of the header is scrolled, and where the header is. */
function layoutState(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('.follow-header');
    let scrolled = 0;
    for (let el = header?.parentElement ?? null; el; el = el.parentElement) scrolled += el.scrollTop;
    return { scrolled, headerTop: header?.getBoundingClientRect().top ?? null };
  });
}

describe('follow log layout in a short view', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('keeps the header in place while a card and the guidance box take focus, and after the run ends', async () => {
    const events = everyType();
    const end = events.pop()!;
    page = await openFollow({
      viewport: { width: 320, height: 300 },
      runs: [{ summary: summary(RUN_ID, 'running'), events: events.slice(0, 5) }],
      pending: { approvals: [approval()], reviews: [] },
    });
    await page.locator('.approval-card').focus();
    await page.locator('.guidance-input').fill('Keep the old session table.');
    assert.deepEqual(await layoutState(page), { scrolled: 0, headerTop: 0 });
    const box = await page.locator('.guidance-box').boundingBox();
    assert.ok(box && box.y + box.height <= 300, 'the guidance box is inside the view');

    await page.evaluate(
      ([first, ...rest]) => window.fakeHost.runs.setState(first.runId, 'completed', [first, ...rest]),
      [...events.slice(5), end],
    );
    await page.locator('.guidance-box').waitFor({ state: 'detached' });
    assert.deepEqual(await layoutState(page), { scrolled: 0, headerTop: 0 });
  });
});
