// The follow log's figures, in Chromium with the production bundle: first render of a run of
// 20,000 events (from the script starting to the first painted card; the snapshot travels through
// the fake host like the extension's), then 1,000 events a second for 10 s appended as the
// extension sends them (one delta per ~16 ms window): frame time p95 and the JS heap at the end.
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchRow } from '../../bench/harness';
import type { TraceEvent } from '../../src/protocol';
import { themeVariables } from './harness-server';
import { summary } from './follow-fixtures';
import { runEvents } from './run-events';

const RUNS = 5;
const RATE_PER_S = Number(process.env.RATE ?? 1000);
const SECONDS = 10;

export async function measureFollow(context: BrowserContext, url: string): Promise<BenchRow[]> {
  const events = runEvents(20_000);
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const page = await context.newPage();
    const ms = await bootFollow(page, url, events);
    await page.close();
    // The first page pays for the browser's own warm-up; it is not counted.
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const page = await context.newPage();
  try {
    await bootFollow(page, url, events);
    const { frameP95, heapMB } = await appendLive(page);
    return [
      { group: 'webview', name: 'follow log first render, 20,000 events (Chromium)', value: times[Math.floor(times.length / 2)], unit: 'ms', target: 150 },
      { group: 'webview', name: `follow log frame time p95, ${RATE_PER_S} events/s for ${SECONDS} s`, value: frameP95, unit: 'ms', target: 20 },
      { group: 'webview', name: `follow log JS heap after ${20_000 + RATE_PER_S * SECONDS} events`, value: heapMB, unit: 'MB', target: 150 },
    ];
  } finally {
    await page.close();
  }
}

/** Boots the follow log on a run of `events`; resolves with ms from boot to the first painted card. */
async function bootFollow(page: Page, url: string, events: TraceEvent[]): Promise<number> {
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(url);
  return page.evaluate(
    async ({ events, run, variables }) => {
      const painted = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector('.virtual-item .card')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      window.fakeHost.boot({ view: 'follow', specs: [], specDir: null, theme: { kind: 'dark', variables }, follow: { runs: [{ summary: run, events }] } });
      return (await painted) - window.fakeHost.bootedAt;
    },
    { events, run: summary(), variables: themeVariables('dark') },
  );
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
