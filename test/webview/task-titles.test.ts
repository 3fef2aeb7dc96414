// Task titles as real specs write them: inline Markdown rendered, a long row of requirement
// chips collapsed to a count instead of squeezing the title, a long title wrapped and shown whole.
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

  it('shows a long title whole at a narrow width: its row grows, the next row starts below it', async () => {
    const auth = fixtureSpec('user-auth');
    page = await openView({ specs: [auth], viewport: { width: 360, height: 700 } });
    const long =
      'Expire idle sessions after the configured timeout, including the sessions of users who signed in ' +
      'on several devices at once, and tell each device why it was signed out END';
    await page.evaluate(
      async ({ dir, title }) => {
        const text = window.fakeHost.tasksText(dir) as string;
        window.fakeHost.setTasksText(
          dir,
          text.replace(
            '- [ ] 3.2 Expire idle sessions',
            `- [ ] 3.2 ${title}\n    - _Requirements: 1.1, 1.2, 1.3, 2.1, 2.2, 2.3_`,
          ),
        );
      },
      { dir: auth.snapshot.dir, title: long },
    );
    const title = page.locator('[data-task-id="3.2"] .task-title');
    await title.getByText('END').waitFor({ timeout: 5_000 });
    const boxes = await page.evaluate(() => {
      const row = document.querySelector('[data-task-id="3.2"]') as HTMLElement;
      const titleEl = row.querySelector('.task-title') as HTMLElement;
      const range = document.createRange();
      range.selectNodeContents(titleEl);
      const lines = [...range.getClientRects()];
      const next = row.parentElement?.nextElementSibling?.getBoundingClientRect();
      const box = (r: DOMRect) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width });
      return {
        row: box(row.getBoundingClientRect()),
        title: box(titleEl.getBoundingClientRect()),
        text: { top: Math.min(...lines.map((r) => r.top)), bottom: Math.max(...lines.map((r) => r.bottom)) },
        lineTops: new Set(lines.map((r) => Math.round(r.top))).size,
        clipped: titleEl.scrollHeight > titleEl.clientHeight + 1,
        next: next && box(next),
      };
    });
    assert.ok(boxes.lineTops >= 3, `the title wraps (${boxes.lineTops} lines)`);
    assert.ok(!boxes.clipped, 'the title is not cut');
    assert.ok(boxes.text.top >= boxes.row.top - 0.5 && boxes.text.bottom <= boxes.row.bottom + 0.5, 'inside its row');
    assert.ok(boxes.next, 'a row follows');
    assert.ok(
      boxes.next.top >= boxes.row.bottom - 0.5,
      `the next row starts below (${boxes.next.top} < ${boxes.row.bottom})`,
    );
    // The chips collapsed (and may wrap) rather than squeezing the title.
    assert.ok(boxes.title.width >= 100, `title keeps its width (${boxes.title.width}px)`);
    assert.deepEqual(await page.locator('[data-task-id="3.2"] .chips button').allInnerTexts(), [
      '1.1',
      '1.2',
      '1.3',
      '+3',
    ]);
  });
});
