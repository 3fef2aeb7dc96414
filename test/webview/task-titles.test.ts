// Task titles as real specs write them: inline Markdown rendered, a long row of requirement
// chips collapsed to a count instead of squeezing the title.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureSpec, openView } from './harness';

describe('spec view: task titles', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('renders bold, code and links in a title and collapses many chips to +N', async () => {
    const auth = fixtureSpec('user-auth');
    page = await openView({ specs: [auth] });
    await page.evaluate(async (dir) => {
      const text = window.fakeHost.tasksText(dir) as string;
      window.fakeHost.setTasksText(
        dir,
        text.replace(
          '- [ ] 3.2 Expire idle sessions',
          '- [ ] 3.2 Expire **idle** sessions in `redis`, see [the guide](docs/guide.md)\n    - _Requirements: 1.1, 1.2, 1.3, 2.1, 2.2, 2.3_',
        ),
      );
    }, auth.snapshot.dir);
    const title = page.locator('[data-task-id="3.2"] .task-title');
    await title.locator('strong').waitFor({ timeout: 5_000 });
    assert.equal(await title.locator('strong').innerText(), 'idle');
    assert.equal(await title.locator('code').innerText(), 'redis');
    assert.equal(await title.locator('.title-link').innerText(), 'the guide');
    assert.equal(await title.innerText(), 'Expire idle sessions in redis, see the guide');
    const chips = page.locator('[data-task-id="3.2"] .chips button');
    assert.deepEqual(await chips.allInnerTexts(), ['1.1', '1.2', '1.3', '+3']);
    await page.locator('[data-task-id="3.2"] [data-control="chips-more"]').click();
    assert.equal(await chips.count(), 6);
  });
});
