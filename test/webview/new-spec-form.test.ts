// "New spec with the agent" as a form in the spec view: the idea, a checked name, type and
// workflow by keyboard, Create sends one spec.create; the palette's notification opens it.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openView, requests } from './harness';

describe('spec view: new spec form', () => {
  let page: Page;
  afterEach(async () => page?.close());

  const form = (p: Page) => p.getByRole('form', { name: 'New spec with the agent' });

  it('opens from the empty view, checks the name, picks type and workflow by keyboard, and creates', async () => {
    page = await openView({ specDir: null, view: 'sidebar', results: { 'spec.nameProblem': { problem: null } } });
    await page.locator('vscode-button', { hasText: 'New spec with the agent' }).click();
    const f = form(page);
    const idea = f.getByLabel('The idea');
    await idea.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-spec-idea', 'the idea box takes focus');
    await f.locator('vscode-button', { hasText: 'Create and draft' }).click();
    assert.match((await f.getByRole('alert').textContent()) ?? '', /Describe the idea/);

    await idea.fill('Export a report as CSV for analysts');
    await page.keyboard.press('Tab');
    await page.keyboard.type('csv-export');
    assert.equal(await f.getByLabel(/^Name/).inputValue(), 'csv-export');
    await page.waitForFunction(() =>
      window.fakeHost.requests.some(
        (r) => r.method === 'spec.nameProblem' && (r.params as { name: string }).name === 'csv-export',
      ),
    );
    // Type: Tab reaches the checked radio; arrow keys move the choice.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'choice-type-feature');
    await page.keyboard.press('ArrowDown');
    assert.equal(await f.getByLabel(/^Bugfix/).isChecked(), true);
    assert.equal(await f.getByLabel(/^Design first/).isDisabled(), true, 'a bugfix has no workflow to choose');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    assert.equal(await f.getByLabel(/^Design first/).isChecked(), true);
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'spec.create'));
    assert.deepEqual((await requests(page, 'spec.create'))[0].params, {
      name: 'csv-export',
      idea: 'Export a report as CSV for analysts',
      type: 'feature',
      workflow: 'design-first',
    });
  });

  it('shows the name problem and a refused create, and keeps what was typed', async () => {
    page = await openView({
      results: { 'spec.nameProblem': { problem: 'use kebab-case: lower-case words joined by -' } },
    });
    await page.getByRole('button', { name: 'New spec with the agent' }).click();
    const f = form(page);
    await f.getByLabel('The idea').fill('Greet visitors');
    await f.getByLabel(/^Name/).fill('Greet Visitors');
    await f.getByText('use kebab-case').waitFor();
    assert.equal(await f.getByLabel(/^Name/).getAttribute('aria-invalid'), 'true');
    await page.evaluate(() => {
      window.fakeHost.results['spec.nameProblem'] = { problem: null };
      window.fakeHost.fail['spec.create'] = 'a spec named greet already exists';
    });
    await f.getByLabel(/^Name/).fill('greet');
    await f.getByText('use kebab-case').waitFor({ state: 'detached' });
    await f.locator('vscode-button', { hasText: 'Create and draft' }).click();
    await f.getByRole('alert').getByText('a spec named greet already exists').waitFor();
    assert.equal(await f.getByLabel('The idea').inputValue(), 'Greet visitors');
    await f.getByLabel('The idea').press('Escape');
    await f.waitFor({ state: 'detached' });
    await page.locator('.spec-view').waitFor();
  });

  it('opens when the extension asks (the palette command)', async () => {
    page = await openView({ view: 'sidebar' });
    await page.locator('.spec-view').waitFor();
    await page.evaluate(() => window.postMessage({ kind: 'notify', name: 'view.newSpec', params: {} }, '*'));
    await form(page).waitFor();
  });
});
