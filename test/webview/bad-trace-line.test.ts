// A malformed event (an `edit` without its diff, as a hand-edited or half-migrated trace can hold)
// is one card that says it could not be shown; the rest of the run still renders.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TraceEvent } from '../../src/protocol';
import { openFollow } from './harness';
import { everyType, summary } from './follow-fixtures';
import { RUN_ID } from './run-events';

describe('follow log: a bad trace line', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('is one broken card, never a blank log', async () => {
    const events = everyType().map((e) => {
      if (e.type !== 'edit') return e;
      const { diff: _diff, ...rest } = e;
      return rest as unknown as TraceEvent;
    });
    page = await openFollow({
      runs: [{ summary: summary(RUN_ID, 'completed'), events }],
      viewport: { width: 900, height: 2600 },
    });
    await page.waitForSelector('.card-run-end');
    const broken = page.locator('.card-broken');
    assert.ok((await broken.count()) >= 1);
    assert.match((await broken.first().textContent()) ?? '', /Event \d+ \(edit\) could not be shown/);
    assert.ok((await page.locator('.card-decision').count()) > 0, 'the other cards still render');
  });
});
