// The follow log against the fake host: a card per event type, filters, 20,000 events in a
// virtualised list, live appends, a lost delta, and the approval and review cards by keyboard.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openFollow, requests, focused } from './harness';
import { approval, everyType, pipeToShell, summary } from './follow-fixtures';
import { RUN_ID, runEvents } from './run-events';

async function pick(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).evaluate((el, v) => {
    (el as HTMLElement & { value: string }).value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

async function cardKinds(page: Page): Promise<string[]> {
  return page
    .locator('.virtual-item .card')
    .evaluateAll((cards) => cards.map((c) => [...c.classList].find((k) => k.startsWith('card-')) ?? ''));
}

describe('follow log', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('renders a card for every event type', async () => {
    page = await openFollow({
      runs: [{ summary: summary(RUN_ID, 'completed'), events: everyType() }],
      viewport: { width: 900, height: 2600 },
    });
    await page.waitForSelector('.card-run-end');
    const kinds = new Set(await cardKinds(page));
    for (const kind of [
      'run-start',
      'task-status',
      'context',
      'model-turn',
      'decision',
      'edit',
      'tool',
      'command',
      'checkpoint',
      'error',
      'run-end',
    ]) {
      assert.ok(kinds.has(`card-${kind}`), `a ${kind} card (saw ${[...kinds].join(', ')})`);
    }
    // The edit's diff stands beside its rationale in a wide view.
    const [diff, why] = await Promise.all([
      page.locator('.card-edit .diff').first().boundingBox(),
      page.locator('.card-edit .edit-why').first().boundingBox(),
    ]);
    assert.ok(diff && why && why.x > diff.x + diff.width - 1, 'rationale to the right of the diff');
    assert.match((await page.locator('.card-edit .card-heading').first().textContent()) ?? '', /\+3.*−1/);
    // Context: steering, and why, on request.
    await page.locator('.card-context').getByRole('button', { name: 'Steering and why' }).click();
    assert.match((await page.locator('.steering-list').textContent()) ?? '', /fileMatch: src\/api\/users.ts matches/);
    // Command: who approved it and its exit code.
    assert.match((await page.locator('.card-command').first().textContent()) ?? '', /approved by you · exit 0/);
    // Open diff asks the extension for the diff editor with this edit's seq.
    await page.locator('.card-edit').first().getByRole('button', { name: 'Open diff' }).click();
    const [open] = await requests(page, 'edit.openDiff');
    assert.deepEqual(open.params, { runId: RUN_ID, seq: everyType().find((e) => e.type === 'edit')?.seq });
  });

  it('filters to decisions, edits, a file, a requirement', async () => {
    page = await openFollow({ runs: [{ summary: summary(), events: runEvents(300) }] });
    await page.waitForSelector('.card');
    await pick(page, '[data-filter="kind"]', 'decisions');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.virtual-item .card')].every((c) => c.classList.contains('card-decision')),
    );
    await pick(page, '[data-filter="kind"]', 'edits');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.virtual-item .card')].every((c) => c.classList.contains('card-edit')),
    );
    await pick(page, '[data-filter="file"]', 'src/api/users.ts');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.card-edit .file-link')].every((f) => f.textContent === 'src/api/users.ts'),
    );
    assert.ok((await page.locator('.card-edit').count()) > 0);
    await pick(page, '[data-filter="kind"]', 'all');
    await pick(page, '[data-filter="file"]', '__any__');
    // A requirement chip filters to the events that cite it.
    await page.locator('.card-decision .chip', { hasText: '2.1' }).first().click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.virtual-item .card')].every(
        (c) => c.querySelector('.chip')?.textContent === '2.1',
      ),
    );
  });

  it('keeps 20,000 events in a window of cards and scrolls to either end', async () => {
    page = await openFollow({ runs: [{ summary: summary(), events: runEvents(20_000) }] });
    // A live run opens at its end.
    await page.waitForSelector('[data-key="e20000"]');
    const inPage = await page.locator('.virtual-item').count();
    assert.ok(inPage > 3 && inPage < 80, `${inPage} cards in the page`);
    // The snapshot brought the tail; the rest came with one request.
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'run.earlier'));
    assert.deepEqual((await requests(page, 'run.earlier'))[0].params, { runId: RUN_ID, before: 20_000 - 500 + 1 });
    await page.locator('.timeline').evaluate((el) => (el.scrollTop = 0));
    await page.waitForSelector('[data-key="e1"] .card-run-start');
    await page.locator('.timeline').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForFunction(() => document.querySelectorAll('.virtual-item').length > 3);
    await page.locator('.timeline').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForSelector('[data-key="e20000"]');
    assert.ok((await page.locator('.virtual-item').count()) < 80);
  });

  it('appends live events and streamed text, following the end', async () => {
    page = await openFollow({ runs: [{ summary: summary(), events: runEvents(50) }] });
    await page.waitForSelector('[data-key="e50"]');
    await page.evaluate(
      (events) => window.fakeHost.runs.append(events[0].runId, events, 'Looking at the'),
      runEvents(30, { from: 51 }),
    );
    await page.waitForSelector('[data-key="e80"]');
    await page.waitForSelector('.card-streaming', { state: 'attached' });
    assert.match((await page.locator('.streaming-text').textContent()) ?? '', /Looking at the/);
    // Each append went out as one small delta, not the run.
    const sent = await page.evaluate(() => window.fakeHost.runs.sent.filter((s) => s.stream.startsWith('run:')));
    assert.equal(sent.length, 1);
    const atEnd = await page
      .locator('.timeline')
      .evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 30);
    assert.ok(atEnd, 'still at the end');
  });

  it('takes a fresh snapshot after a lost delta', async () => {
    page = await openFollow({ runs: [{ summary: summary(), events: runEvents(20) }] });
    await page.waitForSelector('[data-key="e20"]');
    const before = (await requests(page, 'stream.subscribe')).filter((r) =>
      String(r.params.stream).startsWith('run:'),
    ).length;
    await page.evaluate(
      (events) => {
        window.fakeHost.dropEvents = 1;
        window.fakeHost.runs.append(events[0].runId, events.slice(0, 5));
        window.fakeHost.runs.append(events[0].runId, events.slice(5));
      },
      runEvents(10, { from: 21 }),
    );
    await page.waitForSelector('[data-key="e30"]');
    await page.waitForSelector('[data-key="e25"]', { state: 'attached' });
    const after = (await requests(page, 'stream.subscribe')).filter((r) =>
      String(r.params.stream).startsWith('run:'),
    ).length;
    assert.equal(after, before + 1, 'subscribed again');
  });

  it('survives being hidden and re-created', async () => {
    const runs = [
      { summary: summary(), events: runEvents(40) },
      {
        summary: summary('20260101-130000-def456', 'completed', 'Later run'),
        events: runEvents(5, { runId: '20260101-130000-def456', ended: true }),
      },
    ];
    page = await openFollow({ runs });
    await pick(page, '.run-picker', RUN_ID);
    await pick(page, '[data-filter="kind"]', 'decisions');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.virtual-item .card')].every((c) => c.classList.contains('card-decision')),
    );
    await page.reload();
    await page.evaluate(
      (runs) =>
        window.fakeHost.boot({
          view: 'follow',
          specs: [],
          specDir: null,
          theme: { kind: 'dark', variables: {} },
          follow: { runs },
        }),
      runs,
    );
    // The re-created page asks for snapshots again and keeps its choices.
    await page.waitForSelector('.follow-app');
    assert.equal(
      await page.locator('.run-picker').evaluate((el) => (el as HTMLElement & { value: string }).value),
      RUN_ID,
    );
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.virtual-item .card').length > 0 &&
        [...document.querySelectorAll('.virtual-item .card')].every((c) => c.classList.contains('card-decision')),
    );
  });

  it('answers an approval from the keyboard: focus on the card, Tab to Run once, Enter', async () => {
    page = await openFollow({ runs: [{ summary: summary(), events: runEvents(10) }] });
    await page.waitForSelector('.card');
    await page.evaluate((card) => window.fakeHost.runs.addApproval(card), approval());
    await page.waitForSelector('.approval-card');
    await page.waitForFunction(() => document.activeElement?.classList.contains('approval-card'));
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).control, 'run-once');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.approval-card', { state: 'detached' });
    const [answer] = await requests(page, 'approval.answer');
    assert.deepEqual(answer.params, { id: 'approval-1', answer: { kind: 'run-once' } });
  });

  it('says a shell reading a pipe can never be trusted, and makes Reject the first, highlighted button', async () => {
    page = await openFollow({ pending: { approvals: [pipeToShell()], reviews: [] } });
    await page.waitForFunction(() => document.activeElement?.classList.contains('approval-card'));
    const warning = await page.locator('[data-control="untrustable"]').textContent();
    assert.match(warning ?? '', /Never trusted: 'sh' reads its script from standard input/);
    assert.match(warning ?? '', /asks every time/);
    assert.deepEqual(
      await page.$$eval('.approval-card .card-actions vscode-button', (buttons) =>
        buttons.map((b) => [b.getAttribute('data-control'), b.hasAttribute('secondary')]),
      ),
      [
        ['reject', false],
        ['run-once', true],
        ['trust', true],
      ],
    );
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).control, 'reject');
  });

  it('a card with nothing that can never be trusted has Run once first and highlighted, and no warning', async () => {
    page = await openFollow({ pending: { approvals: [approval()], reviews: [] } });
    await page.waitForSelector('.approval-card');
    assert.equal(await page.locator('[data-control="untrustable"]').count(), 0);
    assert.deepEqual(
      await page.$$eval('.approval-card .card-actions vscode-button', (buttons) =>
        buttons.map((b) => [b.getAttribute('data-control'), b.hasAttribute('secondary')]),
      ),
      [
        ['run-once', false],
        ['trust', true],
        ['reject', true],
      ],
    );
  });

  it('trusts with the pattern level and scope chosen per command', async () => {
    page = await openFollow({ pending: { approvals: [approval()], reviews: [] } });
    await page.locator('[data-control="trust"]').click();
    await pick(page, '[data-control="pattern-0"]', 'npm *');
    await pick(page, '[data-control="pattern-1"]', 'git checkout *');
    await page.locator('[data-control="scope-user"]').click();
    await page.locator('[data-control="trust-confirm"]').click();
    await page.waitForSelector('.approval-card', { state: 'detached' });
    const [answer] = await requests(page, 'approval.answer');
    assert.deepEqual(answer.params, {
      id: 'approval-1',
      answer: { kind: 'trust', patterns: ['npm *', 'git checkout *'], scope: 'user' },
    });
  });

  it('rejects with a reason, and Escape leaves the form without answering', async () => {
    page = await openFollow({ pending: { approvals: [approval()], reviews: [] } });
    await page.locator('[data-control="reject"]').click();
    await page.waitForSelector('[data-control="reason"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-control="reason"]', { state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-control') === 'reject');
    assert.equal((await requests(page, 'approval.answer')).length, 0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('[data-control="reason"]'));
    await page.keyboard.type('Use npm run test:unit instead');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.approval-card', { state: 'detached' });
    const [answer] = await requests(page, 'approval.answer');
    assert.deepEqual(answer.params, {
      id: 'approval-1',
      answer: { kind: 'reject', reason: 'Use npm run test:unit instead' },
    });
  });

  it('accepts a supervised edit and runs the run buttons', async () => {
    const events = runEvents(10);
    const edit = events.find((e) => e.type === 'edit');
    page = await openFollow({
      runs: [{ summary: summary(), events }],
      pending: {
        approvals: [],
        reviews: [
          {
            id: 'review-1',
            runId: RUN_ID,
            path: 'src/auth/login.ts',
            rationale: 'Check the hash.',
            diff: edit?.type === 'edit' ? edit.diff : '',
          },
        ],
      },
    });
    await page.locator('[data-control="accept"]').click();
    await page.waitForSelector('.review-card', { state: 'detached' });
    assert.deepEqual((await requests(page, 'review.answer'))[0].params, { id: 'review-1', accept: true });
    for (const [label, method] of [
      ['Export run as Markdown', 'run.export'],
      ['Revert run', 'run.revert'],
      ['Cancel run', 'run.cancel'],
    ]) {
      await page.getByRole('button', { name: label }).click();
      await page.waitForFunction((m) => window.fakeHost.requests.some((r) => r.method === m), method);
      assert.deepEqual((await requests(page, method))[0].params, { runId: RUN_ID });
    }
  });
});
