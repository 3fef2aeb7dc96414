// Editing tasks from the webview: every change is a protocol request; what the view then shows
// comes back as a delta computed from tasks.md edited by the real engine.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureSpec, focused, openView, requests } from './harness';

const row = (id: string) => `[data-task-id="${id}"]`;

describe('task edits', () => {
  let page: Page;
  let dir: string;
  beforeEach(async () => {
    const auth = fixtureSpec('user-auth');
    dir = auth.snapshot.dir;
    page = await openView({ specs: [auth] });
  });
  afterEach(async () => page?.close());

  const tasksText = () => page.evaluate((d) => window.fakeHost.tasksText(d) as string, dir);

  it('ticks a checkbox by click, and the file and the progress follow', async () => {
    await page.locator(`${row('3.1')} vscode-checkbox`).click();
    await page.waitForSelector(`${row('3.1')}.status-done`);
    assert.deepEqual((await requests(page, 'task.setStatus'))[0].params, {
      specDir: dir,
      taskId: '3.1',
      status: 'done',
    });
    assert.match(await tasksText(), /- \[x\] 3\.1 Issue tokens/);
    assert.match(await page.locator('.progress-text').innerText(), /^4\/13 done/);
  });

  it('toggles with Space and Enter on the focused checkbox', async () => {
    await page.locator(`${row('2.2')} vscode-checkbox`).focus();
    await page.keyboard.press('Space');
    await page.waitForSelector(`${row('2.2')}.status-done`);
    await page.locator(`${row('2.2')} vscode-checkbox`).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${row('2.2')}.status-todo`);
    assert.deepEqual(
      (await requests(page, 'task.setStatus')).map((r) => r.params.status),
      ['done', 'todo'],
    );
  });

  it('sets in progress and queued from the menu, by keyboard, and gives focus back', async () => {
    await page.locator(`${row('2.1')} [data-control="menu"]`).click();
    await page.waitForSelector('[role="menu"]');
    assert.equal((await focused(page)).text, 'Mark done');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page)).text, 'Mark in progress');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${row('2.1')}.status-in-progress .status-badge`);
    assert.match(await tasksText(), /- \[-\] 2\.1 Verify/);
    await page.locator(`${row('2.1')} [data-control="menu"]`).press('Enter');
    await page.waitForSelector('[role="menu"]');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[role="menu"]').count(), 0);
    const back = await focused(page);
    assert.deepEqual([back.taskId, back.control], ['2.1', 'menu']);
  });

  it('renames in place with F2 and Enter; Escape cancels', async () => {
    await page.locator(`${row('3.2')} vscode-checkbox`).focus();
    await page.keyboard.press('F2');
    const field = page.locator(`${row('3.2')} vscode-textfield`);
    await field.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Expire sessions after 30 idle minutes');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-task-id="3.2"] .task-title')?.textContent ===
        'Expire sessions after 30 idle minutes',
    );
    assert.match(await tasksText(), /- \[ \] 3\.2 Expire sessions after 30 idle minutes\n/);
    await page.locator(`${row('3.1')} .task-title`).dblclick();
    await page.locator(`${row('3.1')} vscode-textfield`).waitFor();
    await page.keyboard.type(' and more');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator(`${row('3.1')} vscode-textfield`).count(), 0);
    assert.equal((await requests(page, 'task.rename')).length, 1);
  });

  it('adds a sub-task from the menu', async () => {
    await page.locator(`${row('3')} [data-control="menu"]`).click();
    await page.getByRole('menuitem', { name: 'Add sub-task' }).click();
    await page.locator('[data-control="add"]').waitFor();
    await page.keyboard.type('Revoke all sessions on password change');
    await page.keyboard.press('Enter');
    await page.waitForSelector(row('3.3'));
    assert.deepEqual((await requests(page, 'task.add'))[0].params, {
      specDir: dir,
      title: 'Revoke all sessions on password change',
      place: { into: '3' },
    });
    assert.match(
      await tasksText(),
      /3\.2 Expire idle sessions\n {4}- _Requirements: 2\.2_\n {2}- \[ \] 3\.3 Revoke all sessions/,
    );
  });

  it('moves a task with Alt+Down and keeps focus on it', async () => {
    await page.locator(`${row('2.1')} vscode-checkbox`).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-task-id^="2."] .task-title')]
        .map((e) => e.textContent)[0]
        ?.startsWith('Lock'),
    );
    assert.deepEqual((await requests(page, 'task.move'))[0].params, {
      specDir: dir,
      taskId: '2.1',
      place: { after: '2.2' },
    });
    const text = await tasksText();
    assert.ok(text.indexOf('2.2 Lock') < text.indexOf('2.1 Verify'), 'written numbers stay, order changes');
    assert.equal((await focused(page)).taskId, '2.1');
  });

  it('reorders by drag and drop', async () => {
    const source = page.locator(row('4.3'));
    const target = page.locator(row('4.1'));
    const box = await target.boundingBox();
    assert.ok(box);
    await source.dragTo(target, { targetPosition: { x: 200, y: 2 } });
    await page.waitForFunction(() => {
      const ids = [...document.querySelectorAll('[data-task-id^="4."]')].map((e) => e.getAttribute('data-task-id'));
      return ids[0] === '4.3';
    });
    assert.deepEqual((await requests(page, 'task.move'))[0].params, {
      specDir: dir,
      taskId: '4.3',
      place: { before: '4.1' },
    });
  });

  it('runs a leaf task and the next task through the extension commands', async () => {
    assert.equal(await page.locator(`${row('2')} [data-control="run"]`).count(), 0, 'no Run on a parent');
    assert.equal(await page.locator(`${row('1.1')} [data-control="run"]`).count(), 0, 'no Run on a done task');
    await page.locator(`${row('2.2')} [data-control="run"]`).click();
    await page.getByRole('button', { name: 'Run next task' }).click();
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'spec.runNext'));
    assert.deepEqual((await requests(page, 'task.run'))[0].params, { specDir: dir, taskId: '2.2' });
    assert.deepEqual((await requests(page, 'spec.runNext'))[0].params, { specDir: dir });
  });

  it('shows a failed edit and puts the checkbox back', async () => {
    await page.evaluate(() => (window.fakeHost.fail['task.setStatus'] = 'tasks.md is read-only'));
    await page.locator(`${row('3.1')} vscode-checkbox`).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /tasks\.md is read-only/);
    assert.equal(
      await page.locator(`${row('3.1')} vscode-checkbox`).evaluate((el) => (el as HTMLInputElement).checked),
      false,
    );
  });
});
