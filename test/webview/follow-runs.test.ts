// Runs you can tell apart: the picker lists the newest first with spec, start, duration, who
// started it, how it ended and its tokens; a spec filter narrows the list (and what "the newest
// run" follows); a reverted run says so in the header; a paused run shows as paused, from its trace.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunSummary, TraceEvent } from '../../src/protocol';
import { openFollow } from './harness';
import { everyType, summary } from './follow-fixtures';
import { RUN_ID } from './run-events';

const at = (minute: number) => Date.UTC(2026, 0, 1, 9, minute);

function run(runId: string, patch: Partial<RunSummary>): RunSummary {
  return { ...summary(runId, 'completed'), ...patch };
}

async function options(page: Page): Promise<Array<{ label: string; description: string }>> {
  return page.locator('.run-picker vscode-option').evaluateAll((els) =>
    els.map((el) => ({
      label: (el.textContent ?? '').trim(),
      description: (el as HTMLElement & { description: string }).description ?? '',
    })),
  );
}

async function pick(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).evaluate((el, v) => {
    (el as HTMLElement & { value: string }).value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

describe('follow log run list', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('tells runs apart, newest first, filters them by spec and says when one was reverted', async () => {
    const reverted = run('20260101-090000-aaaaaa', {
      title: '2.1 Verify credentials',
      trigger: 'hook: lint on save',
      started: at(0),
      ended: at(0) + 42_000,
      usage: { inputTokens: 12_345, outputTokens: 678 },
      reverted: true,
    });
    const billing = run('20260101-091000-bbbbbb', {
      title: '1 Charge the card',
      spec: 'billing',
      specDir: '/ws/.kiro/specs/billing',
      state: 'interrupted',
      trigger: 'Run all',
      started: at(10),
      ended: at(13) + 5_000,
    });
    const newest = run('20260101-092000-cccccc', { title: '2.2 Lock after five failures', started: at(20) });
    page = await openFollow({
      view: 'follow-panel',
      viewport: { width: 1280, height: 800 },
      runs: [reverted, billing, newest].map((s) => ({ summary: s, events: [] })),
    });
    await page.waitForSelector('.spec-picker');
    const listed = await options(page);
    assert.deepEqual(
      listed.map((o) => o.label),
      ['Follow the newest run', '2.2 Lock after five failures', '1 Charge the card', '2.1 Verify credentials'],
    );
    assert.match(
      listed[3].description,
      /^user-auth · .+ · 42 s · by hook: lint on save · completed, reverted · 12,345 in · 678 out · 20260101-090000-aaaaaa$/,
    );
    assert.match(
      listed[2].description,
      /^billing · .+ · 3 min 5 s · by Run all · interrupted · 20260101-091000-bbbbbb$/,
    );

    await pick(page, '[data-filter="spec"]', '/ws/.kiro/specs/billing');
    await page.waitForFunction(() => document.querySelectorAll('.run-picker vscode-option').length === 2);
    assert.deepEqual(
      (await options(page)).map((o) => o.label),
      ['Follow the newest run', '1 Charge the card'],
    );
    // "The newest run" is now the spec's newest.
    await page.locator('.follow-header .run-state.state-interrupted').waitFor();
    assert.equal(await page.locator('.run-reverted').count(), 0);

    await pick(page, '[data-filter="spec"]', '/ws/.kiro/specs/user-auth');
    await pick(page, '.run-picker', reverted.runId);
    await page.locator('.run-reverted', { hasText: 'reverted' }).waitFor();
  });

  it('shows a run paused from its trace, and Resume in the guidance box', async () => {
    const events = everyType().slice(0, 6);
    const paused: TraceEvent = {
      seq: 7,
      time: events[5].time,
      runId: RUN_ID,
      type: 'pause',
      paused: true,
    };
    page = await openFollow({ runs: [{ summary: summary(RUN_ID, 'running'), events: [...events, paused] }] });
    await page.locator('.follow-header .run-state.paused', { hasText: 'paused' }).waitFor();
    await page.locator('[data-control="pause"]', { hasText: 'Resume' }).waitFor();
    await page.evaluate((e) => window.fakeHost.runs.append(e.runId, [e]), {
      ...paused,
      seq: 8,
      paused: false,
    } as TraceEvent);
    await page.locator('[data-control="pause"]', { hasText: 'Pause' }).waitFor();
    await page.locator('.follow-header .run-state', { hasText: 'running' }).waitFor();
  });
});
