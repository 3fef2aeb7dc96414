// The follow log in its two places: the compact sidebar view offers to open it in an editor tab
// (on the run it shows, or following the newest), the editor tab does not offer itself again, and
// at editor width an edit's diff and its rationale stand side by side.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureSpec, openFollow, openView, requests, screenshot, type ThemeKind } from './harness';
import { everyType, summary } from './follow-fixtures';
import { RUN_ID } from './run-events';
import type { TraceEvent } from '../../src/protocol';

describe('follow log at full size', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('opens the editor tab from the sidebar, on the run chosen there', async () => {
    page = await openFollow({ runs: [{ summary: summary(RUN_ID, 'completed'), events: everyType() }] });
    await page.locator('[data-control="open-full"]').click();
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'follow.openFull'));
    assert.deepEqual((await requests(page, 'follow.openFull'))[0].params, { runId: null });
    await page.close();

    page = await openFollow({ runs: [{ summary: summary(RUN_ID, 'completed'), events: everyType() }], runId: RUN_ID });
    await page.waitForSelector('.card-edit');
    await page.locator('[data-control="open-full"]').click();
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'follow.openFull'));
    assert.deepEqual((await requests(page, 'follow.openFull'))[0].params, { runId: RUN_ID });
  });

  it('shows the diff beside its rationale in an editor tab, and stacks them in the sidebar', async () => {
    const runs = [{ summary: summary(RUN_ID, 'completed'), events: everyType() }];
    page = await openFollow({ runs, view: 'follow-panel', viewport: { width: 1280, height: 800 } });
    await page.waitForSelector('.card-edit .edit-why');
    assert.equal(await page.locator('[data-control="open-full"]').count(), 0);
    const beside = await sideBySide(page);
    assert.ok(beside, 'the rationale stands to the right of the diff at 1280 px');
    await page.close();

    page = await openFollow({ runs, viewport: { width: 300, height: 800 } });
    await page.waitForSelector('.card-edit .edit-why');
    assert.equal(await sideBySide(page), false, 'in a 300 px sidebar the rationale goes below the diff');
  });
});

async function sideBySide(page: Page): Promise<boolean> {
  return page
    .locator('.card-edit')
    .first()
    .evaluate((card) => {
      const diff = card.querySelector('.edit-body > :first-child')?.getBoundingClientRect();
      const why = card.querySelector('.edit-why')?.getBoundingClientRect();
      if (!diff || !why) throw new Error('no diff or rationale in the edit card');
      return why.left >= diff.right && why.top < diff.bottom;
    });
}

describe('follow log usage', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('shows the tokens of the run in the header and tells runs apart in the picker', async () => {
    const past = {
      ...summary('20251231-090000-old000', 'completed', 'Older run'),
      usage: { inputTokens: 12_345, outputTokens: 678 },
    };
    page = await openFollow({
      view: 'follow-panel',
      viewport: { width: 1280, height: 800 },
      runs: [
        { summary: past, events: [] },
        // A live run: its model turns so far (runEvents puts one in every few events).
        { summary: summary(RUN_ID, 'running'), events: everyType().slice(0, 12) },
      ],
    });
    await page.waitForSelector('.run-usage');
    const turns = everyType()
      .slice(0, 12)
      .filter((e) => e.type === 'model-turn');
    const input = turns.reduce((n, e) => n + (e.type === 'model-turn' ? e.inputTokens : 0), 0);
    assert.ok(turns.length > 0);
    assert.match(
      (await page.locator('.run-usage').textContent()) ?? '',
      new RegExp(`${input.toLocaleString('en-US')} in`),
    );
    const option = page.locator('vscode-option', { hasText: 'Older run' });
    assert.match(
      await option.evaluate((el) => (el as HTMLElement & { description: string }).description),
      /12,345 in · 678 out · 20251231-090000-old000$/,
    );
  });
});

describe('follow log guidance', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('sends guidance and pauses a working run, and offers neither for a finished one', async () => {
    page = await openFollow({ runs: [{ summary: summary(RUN_ID, 'running'), events: everyType().slice(0, 12) }] });
    await page.evaluate(() => {
      window.fakeHost.results['run.guide'] = { queued: true };
      window.fakeHost.results['run.pause'] = { done: true };
    });
    await page.locator('.guidance-input').fill('Keep the old session table.');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'run.guide'));
    assert.deepEqual((await requests(page, 'run.guide'))[0].params, {
      runId: RUN_ID,
      text: 'Keep the old session table.',
    });
    await page.waitForFunction(() => (document.querySelector('.guidance-input') as HTMLTextAreaElement).value === '');
    await page.locator('[data-control="pause"]').click();
    await page.locator('[data-control="pause"]', { hasText: 'Resume' }).waitFor();
    assert.deepEqual((await requests(page, 'run.pause'))[0].params, { runId: RUN_ID, paused: true });
    await page.close();

    page = await openFollow({ runs: [{ summary: summary(RUN_ID, 'completed'), events: everyType() }] });
    await page.waitForSelector('.card-run-end');
    assert.equal(await page.locator('.guidance-box').count(), 0);
  });
});

describe('follow log screenshots at editor size', () => {
  let page: Page;
  afterEach(async () => page?.close());

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`renders the editor tab at 1280×800 in the ${theme} theme`, async () => {
      page = await openFollow({
        theme,
        view: 'follow-panel',
        viewport: { width: 1280, height: 800 },
        runs: [{ summary: summary(RUN_ID, 'running'), events: everyType().slice(0, 12) }],
      });
      await page.waitForSelector('.card-edit .edit-why');
      await page.waitForSelector('.guidance-box');
      await screenshot(page, `follow-panel-${theme}`);
    });
  }
});

describe('follow log header and checkpoints', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('sums up the run and reverts from its checkpoint', async () => {
    const events = everyType();
    const end = events.find((e) => e.type === 'run-end');
    assert.ok(end && end.type === 'run-end');
    const before: TraceEvent = {
      seq: 1,
      time: events[1].time,
      runId: RUN_ID,
      type: 'checkpoint',
      phase: 'before',
      commit: 'abcdef0123456789',
    };
    page = await openFollow({
      view: 'follow-panel',
      viewport: { width: 1280, height: 2600 },
      runs: [{ summary: summary(RUN_ID, 'completed'), events: [events[0], before, ...events.slice(1)] }],
    });
    const decisions = events.filter((e) => e.type === 'decision').length;
    const facts = (await page.locator('.run-facts').textContent()) ?? '';
    assert.match(facts, new RegExp(`^\\d+ files? \\+\\d+ −\\d+ · ${decisions} decisions? · \\d+ commands? run`));
    assert.match(facts, new RegExp(`· ${(end.durationMs / 1000).toFixed(1)} s$`));
    const card = page.locator('.card-checkpoint', { hasText: 'checkpoint before the run' });
    assert.doesNotMatch((await card.textContent()) ?? '', /abcdef/);
    await card.locator('[data-control="revert"]').click();
    await page.waitForFunction(() => window.fakeHost.requests.some((r) => r.method === 'run.revert'));
    assert.deepEqual((await requests(page, 'run.revert'))[0].params, { runId: RUN_ID });
  });
});

describe('spec view usage', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('shows what the spec and each task used', async () => {
    const spec = fixtureSpec('user-auth');
    const task = spec.snapshot.tasks.find((t) => t.leaf)!;
    page = await openView({
      specs: [spec],
      results: {
        'spec.usage': {
          total: { inputTokens: 45_000, outputTokens: 3_200, runs: 3 },
          tasks: { [task.id]: { inputTokens: 12_000, outputTokens: 345, runs: 2 } },
        },
      },
    });
    await page.waitForSelector('.spec-usage');
    assert.equal((await page.locator('.spec-usage').textContent())?.trim(), '3 runs · 45.0k in · 3.2k out');
    const cell = page.locator(`.task-row[data-task-id="${task.id}"] .task-usage`);
    assert.equal(await cell.textContent(), '12.3k');
    assert.match((await cell.getAttribute('title')) ?? '', /2 runs: 12,000 tokens in, 345 out/);
    assert.deepEqual((await requests(page, 'spec.usage'))[0].params, { specDir: spec.snapshot.dir });
    await page.close();

    // With prices set (tiller.agent.pricing) the money joins the tokens.
    page = await openView({
      specs: [spec],
      results: {
        'spec.usage': {
          total: { inputTokens: 45_000, outputTokens: 3_200, runs: 3, cost: 0.183 },
          tasks: { [task.id]: { inputTokens: 12_000, outputTokens: 345, runs: 2, cost: 0.04117 } },
        },
      },
    });
    await page.waitForSelector('.spec-usage');
    assert.equal((await page.locator('.spec-usage').textContent())?.trim(), '3 runs · 45.0k in · 3.2k out · cost 0.18');
    assert.match(
      (await page.locator(`.task-row[data-task-id="${task.id}"] .task-usage`).getAttribute('title')) ?? '',
      /2 runs: 12,000 tokens in, 345 out, cost 0\.0412 at your prices/,
    );
  });
});
