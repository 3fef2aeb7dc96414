// Keyboard use of the spec view: tab order inside a row, arrows between rows, tabs, chips.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureSpec, focused, openView } from './harness';

describe('keyboard', () => {
  let page: Page;
  beforeEach(async () => (page = await openView({ specs: [fixtureSpec('user-auth')] })));
  afterEach(async () => page?.close());

  it('tabs through a row: checkbox, requirement chips, Run, menu', async () => {
    await page.locator('[data-task-id="1.2"] vscode-checkbox').focus();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const f = await focused(page);
      order.push(`${f.taskId}:${f.control}`);
      await page.keyboard.press('Tab');
    }
    assert.deepEqual(order, ['1.2:check', '1.2:chip-1.1', '1.2:chip-1.2', '1.2:menu', '2:check', '2:menu']);
    await page.keyboard.press('Shift+Tab');
    assert.deepEqual(await focused(page).then((f) => [f.taskId, f.control]), ['2', 'menu']);
  });

  it('moves between rows with the arrow keys, keeping the kind of control', async () => {
    await page.locator('[data-task-id="2.1"] [data-control="menu"]').focus();
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await focused(page).then((f) => [f.taskId, f.control]), ['2.2', 'menu']);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.deepEqual(await focused(page).then((f) => [f.taskId, f.control]), ['2', 'menu']);
  });

  it('every control has an accessible name', async () => {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('[data-control]')]
        .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim()))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, []);
    const row = page.locator('[data-task-id="1.1"]');
    assert.equal(await row.getAttribute('aria-label'), '1.1. Create the `AuthService` skeleton and its tests, done');
  });

  it('a requirement chip opens the requirement, focused', async () => {
    await page.locator('[data-task-id="3.1"] [data-control="chip-2.3"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'req-2');
    assert.equal(await page.getByRole('tab', { name: 'Requirements' }).getAttribute('aria-selected'), 'true');
    assert.match(await page.locator('#req-2').innerText(), /Requirement 2/);
  });

  it('traceability: requirements with their tasks; a task opens in the list, focused', async () => {
    await page.getByRole('tab', { name: 'Traceability' }).click();
    const requirement2 = page.getByRole('region', { name: 'Requirement 2' });
    // The tab renders after the click returns: wait for its rows before reading them.
    await requirement2.locator('.trace-task .task-id').nth(1).waitFor();
    assert.deepEqual(await requirement2.locator('.trace-task .task-id').allInnerTexts(), ['3.1', '3.2']);
    await requirement2.getByRole('button', { name: /Task 3\.2/ }).press('Enter');
    await page.waitForFunction(
      () => document.activeElement?.closest('[data-task-id]')?.getAttribute('data-task-id') === '3.2',
    );
    assert.equal(await page.getByRole('tab', { name: 'Tasks' }).getAttribute('aria-selected'), 'true');
  });

  it('switches tabs with the arrow keys', async () => {
    await page.getByRole('tab', { name: 'Tasks' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.doc-scroll .markdown');
    assert.equal(await page.getByRole('tab', { name: 'Design' }).getAttribute('aria-selected'), 'true');
  });
});
