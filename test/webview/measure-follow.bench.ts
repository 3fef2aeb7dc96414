// The follow log's figures, in Chromium with the production bundle: first render of a run of
// 20,000 events when it is chosen in the run picker (from the choice to the painted cards: the
// subscription, the snapshot travelling through the fake host like the extension's, the render)
// and when the page opens on it (script start included); then 1,000 events a second for 10 s
// appended as the extension sends them (one delta per ~16 ms window): frame time p95 and the JS
// heap at the end.
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchRow } from '../../bench/harness';
import type { RunSummary, TraceEvent } from '../../src/protocol';
import { themeVariables } from './harness-server';
import { summary } from './follow-fixtures';
import { RUN_ID, runEvents } from './run-events';

const RUNS = 5;
const RATE_PER_S = 1000;
const SECONDS = 10;
const SMALL_RUN = '20260102-090000-fff000';

export async function measureFollow(context: BrowserContext, url: string): Promise<BenchRow[]> {
  const big = runEvents(20_000);
  const small = runEvents(20, { runId: SMALL_RUN });
  const opened: number[] = [];
  const chosen: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const page = await context.newPage();
    opened.push(await bootFollow(page, url, [{ summary: summary(), events: big }]));
    await page.close();
    const picker = await context.newPage();
    await bootFollow(picker, url, [
      { summary: summary(), events: big },
      { summary: summary(SMALL_RUN, 'completed', 'A short run'), events: small },
    ]);
    chosen.push(await choose(picker, RUN_ID));
    await picker.close();
  }
  // The first pages pay for the browser's own warm-up; they are not counted.
  const median = (values: number[]) => values.slice(1).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const page = await context.newPage();
  try {
    await bootFollow(page, url, [{ summary: summary(), events: big }]);
    const { frameP95, heapMB } = await appendLive(page);
    return [
      {
        group: 'webview',
        name: 'follow log first render, 20,000 events chosen in the picker (Chromium)',
        value: median(chosen),
        unit: 'ms',
        target: 150,
      },
      {
        group: 'webview',
        name: 'follow log opened on 20,000 events, script start included (Chromium)',
        value: median(opened),
        unit: 'ms',
      },
      {
        group: 'webview',
        name: `follow log frame time p95, ${RATE_PER_S} events/s for ${SECONDS} s`,
        value: frameP95,
        unit: 'ms',
        target: 20,
      },
      {
        group: 'webview',
        name: `follow log JS heap after ${20_000 + RATE_PER_S * SECONDS} events`,
        value: heapMB,
        unit: 'MB',
        target: 150,
      },
    ];
  } finally {
    await page.close();
  }
}

/** Boots the follow log on the newest of `runs`; resolves with ms from boot to the first painted card. */
async function bootFollow(
  page: Page,
  url: string,
  runs: Array<{ summary: RunSummary; events: TraceEvent[] }>,
): Promise<number> {
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(url);
  return page.evaluate(
    async ({ runs, variables }) => {
      const painted = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector('.virtual-item .card')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      window.fakeHost.boot({
        view: 'follow',
        specs: [],
        specDir: null,
        theme: { kind: 'dark', variables },
        follow: { runs },
      });
      return (await painted) - window.fakeHost.bootedAt;
    },
    { runs, variables: themeVariables('dark') },
  );
}

/** Chooses a run in the picker; resolves with ms from the choice to its last card painted. */
async function choose(page: Page, runId: string): Promise<number> {
  return page.evaluate(async (runId) => {
    const picker = document.querySelector('.run-picker') as HTMLElement & { value: string };
    const painted = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[data-key="e20000"] .card')) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now()));
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    const started = performance.now();
    picker.value = runId;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    return (await painted) - started;
  }, runId);
}

async function appendLive(page: Page): Promise<{ frameP95: number; heapMB: number }> {
  const template = runEvents(60, { from: 4 });
  const frames = await page.evaluate(
    async ({ template, rate, seconds }) => {
      const runId = template[0].runId;
      let seq = 20_000;
      const intervals: number[] = [];
      let last = performance.now();
      let measuring = true;
      const tick = (now: number) => {
        intervals.push(now - last);
        last = now;
        if (measuring) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const started = performance.now();
      let sent = 0;
      await new Promise<void>((done) => {
        // The extension coalesces a run's events over ~16 ms windows; so does this feed.
        const timer = setInterval(() => {
          const due = Math.min(rate * seconds, Math.round(((performance.now() - started) / 1000) * rate));
          const batch: TraceEvent[] = [];
          for (; sent < due; sent++) batch.push({ ...template[sent % template.length], seq: ++seq });
          if (batch.length) window.fakeHost.runs.append(runId, batch);
          if (sent >= rate * seconds) {
            clearInterval(timer);
            done();
          }
        }, 16);
      });
      measuring = false;
      return { intervals: intervals.slice(5), last: seq };
    },
    { template, rate: RATE_PER_S, seconds: SECONDS },
  );
  await page.waitForSelector(`[data-key="e${frames.last}"]`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const sorted = [...frames.intervals].sort((a, b) => a - b);
  return { frameP95: sorted[Math.floor(sorted.length * 0.95)], heapMB: heap / 1024 / 1024 };
}
