// Spec documents are untrusted text: rendered as React elements, raw HTML shown as text, links
// handed to the extension, and nothing breaks the page's Content Security Policy.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureSpec, openView, requests } from './harness';

const DESIGN = [
  '# Design',
  '',
  'See [the docs](https://example.com/docs), [the tasks](./tasks.md) and [evil](javascript:alert(1)).',
  '',
  '<script>window.pwned = true</script>',
  '',
  'Inline <b onclick="window.pwned = true">bold</b> and ![logo](https://example.com/logo.png).',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '- [x] a GFM checkbox in prose',
].join('\n');

describe('markdown', () => {
  let page: Page;
  let dir: string;
  beforeEach(async () => {
    const auth = fixtureSpec('user-auth');
    dir = auth.snapshot.dir;
    auth.snapshot.designDoc = { path: `${dir}/design.md`, text: DESIGN };
    page = await openView({ specs: [auth] });
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.waitForSelector('.markdown table');
  });
  afterEach(async () => page?.close());

  it('shows raw HTML as text and never runs it', async () => {
    const markdown = page.locator('.markdown');
    assert.equal(await markdown.locator('script, b, img').count(), 0);
    assert.match(await markdown.innerText(), /<script>window\.pwned = true<\/script>/);
    assert.match(await markdown.innerText(), /<b onclick="window\.pwned = true">/);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned), undefined);
    assert.deepEqual(await page.evaluate(() => window.fakeHost.violations), []);
  });

  it('renders GFM: tables and task list items', async () => {
    assert.equal(await page.locator('.markdown td').count(), 2);
    assert.equal(await page.locator('.markdown input[type="checkbox"]').count(), 1);
  });

  it('hands links to the extension and drops other schemes', async () => {
    await page.getByRole('link', { name: 'the docs' }).click();
    await page.getByRole('link', { name: 'the tasks' }).click();
    assert.equal(await page.getByRole('link', { name: 'evil' }).count(), 0);
    const links = (await requests(page, 'link.open')).map((r) => r.params);
    assert.deepEqual(links, [
      { specDir: dir, doc: 'design', href: 'https://example.com/docs' },
      { specDir: dir, doc: 'design', href: './tasks.md' },
    ]);
    assert.equal(page.url().startsWith('http://127.0.0.1'), true, 'the page itself never navigates');
  });
});
