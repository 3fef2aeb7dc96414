// The spec view against the fake host: what it shows from a snapshot, and how deltas, gaps and
// re-creation keep it current.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureSpec, openView, requests } from './harness';

describe('spec view', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('asks which spec to show, subscribes to its stream and renders it', async () => {
    const auth = fixtureSpec('user-auth');
    page = await openView({ specs: [auth] });
    const methods = (await requests(page)).map((r) => r.method);
    assert.deepEqual(methods.slice(0, 2), ['view.ready', 'stream.subscribe']);
    assert.equal((await requests(page, 'stream.subscribe'))[0].params.stream, `spec:${auth.snapshot.dir}`);
    assert.equal(await page.locator('.spec-title').innerText(), 'user-auth');
    const { done, total } = auth.snapshot.counts;
    assert.match(await page.locator('.progress-text').innerText(), new RegExp(`^${done}/${total} done`));
    assert.equal(await page.locator('[data-task-id]').count(), auth.snapshot.tasks.length);
    assert.equal(
      await page.locator('[data-task-id="2.1"] .task-title').innerText(),
      'Verify credentials and start a session',
    );
  });

  // How fast is measured in `npm run bench`, not here: a timed assertion flakes on a busy machine.
  it('shows an edit made in the editor, from a delta of the changed row only', async () => {
    const auth = fixtureSpec('user-auth');
    page = await openView({ specs: [auth] });
    await page.evaluate(async (dir) => {
      const text = window.fakeHost.tasksText(dir) as string;
      window.fakeHost.setTasksText(
        dir,
        text.replace('- [ ] 3.2 Expire idle sessions', '- [x] 3.2 Expire idle sessions'),
      );
    }, auth.snapshot.dir);
    await page.locator('[data-task-id="3.2"].status-done').waitFor({ timeout: 5_000 });
    const [event] = await page.evaluate(() => window.fakeHost.events);
    assert.deepEqual(
      event.delta.tasks?.upsert.map((r) => r.id),
      ['3.2'],
    );
    assert.equal(event.delta.tasks?.order, undefined);
    assert.equal(event.delta.requirementsDoc, undefined, 'documents that did not change do not travel');
  });

  it('takes a fresh snapshot when a delta goes missing', async () => {
    const auth = fixtureSpec('user-auth');
    page = await openView({ specs: [auth] });
    await page.evaluate((dir) => {
      const text = window.fakeHost.tasksText(dir) as string;
      window.fakeHost.dropEvents = 1;
      window.fakeHost.setTasksText(
        dir,
        text.replace('- [ ] 3.2 Expire idle sessions', '- [x] 3.2 Expire idle sessions'),
      );
      window.fakeHost.setTasksText(
        dir,
        text
          .replace('- [ ] 3.2 Expire idle sessions', '- [x] 3.2 Expire idle sessions')
          .replace('- [ ] 4.1 Email', '- [-] 4.1 Email'),
      );
    }, auth.snapshot.dir);
    await page.waitForSelector('[data-task-id="4.1"].status-in-progress');
    await page.waitForSelector('[data-task-id="3.2"].status-done');
    const specStreams = (await requests(page, 'stream.subscribe')).filter((r) =>
      String(r.params.stream).startsWith('spec:'),
    );
    assert.equal(specStreams.length, 2, 'subscribed again after the gap');
  });

  it('keeps the tab and scroll position when the webview is re-created, with a fresh snapshot', async () => {
    const auth = fixtureSpec('user-auth');
    page = await openView({ specs: [auth], viewport: { width: 900, height: 320 } });
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.waitForSelector('.doc-scroll .markdown');
    await page.locator('.doc-scroll').evaluate((el) => (el.scrollTop = 120));
    await page.waitForFunction(
      () =>
        (JSON.parse(sessionStorage.getItem('fake-host-state') ?? '{}') as { scroll?: { design?: number } }).scroll
          ?.design === 120,
    );
    // Hidden without retainContextWhenHidden, the page is thrown away; VS Code keeps its state.
    await page.reload();
    await page.evaluate(
      (spec) =>
        window.fakeHost.boot({
          view: 'panel',
          specs: [spec],
          specDir: spec.snapshot.dir,
          theme: { kind: 'dark', variables: {} },
        }),
      auth,
    );
    await page.waitForSelector('.doc-scroll .markdown');
    assert.equal(await page.getByRole('tab', { name: 'Design' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('.doc-scroll').evaluate((el) => el.scrollTop), 120);
    assert.deepEqual((await requests(page)).map((r) => r.method).slice(0, 2), ['view.ready', 'stream.subscribe']);
  });

  it('follows the sidebar to another spec', async () => {
    const auth = fixtureSpec('user-auth');
    const statuses = fixtureSpec('statuses');
    page = await openView({ view: 'sidebar', specs: [auth, statuses] });
    assert.equal(await page.locator('.spec-title').innerText(), 'user-auth');
    await page.evaluate((dir) => window.fakeHost.focus(dir), statuses.snapshot.dir);
    await page.waitForFunction(() => document.querySelector('.spec-title')?.textContent?.includes('statuses'));
    const streams = await page.evaluate(() => window.fakeHost.subscribed());
    assert.deepEqual(streams, [`spec:${statuses.snapshot.dir}`], 'the old stream was closed');
  });

  it('names the sub-project beside a spec whose name another spec carries', async () => {
    const auth = fixtureSpec('user-auth');
    page = await openView({ specs: [{ ...auth, snapshot: { ...auth.snapshot, project: 'api' } }] });
    const project = page.locator('.spec-title .spec-project');
    await project.waitFor({ timeout: 5_000 });
    assert.equal(await project.innerText(), 'api');
    assert.match(await page.locator('.spec-title').innerText(), /user-auth\s*api/);
  });
});
