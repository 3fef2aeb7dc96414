// The webview benchmark, run by scripts/run-webview-tests.mjs --bench for bench/webview.ts: first
// render of a 2,000-task spec in Chromium with the production bundle (from the script starting to
// the first painted task rows; the snapshot travels through the fake host like a real one), the
// follow log's figures (measure-follow.bench.ts), and the bundle's gzipped size.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from '../../bench/harness';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer, themeVariables } from './harness-server';
import { largeSpec } from './large-spec';
import { measureFollow } from './measure-follow.bench';

const RUNS = 7;

export async function measureWebview(webviewDir: string): Promise<BenchRow[]> {
  const server = await startServer(webviewDir);
  const browser = await launchChromium({ viewport: { width: 1000, height: 800 } });
  const spec = largeSpec(2000);
  const times: number[] = [];
  let follow: BenchRow[];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      const ms = await page.evaluate(
        async ({ spec, variables }) => {
          const painted = new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (!document.querySelector('[data-task-id]')) return;
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now()));
            });
            observer.observe(document.body, { childList: true, subtree: true });
          });
          window.fakeHost.boot({
            view: 'panel',
            specs: [spec],
            specDir: spec.snapshot.dir,
            theme: { kind: 'dark', variables },
          });
          return (await painted) - window.fakeHost.bootedAt;
        },
        { spec, variables: themeVariables('dark') },
      );
      await page.close();
      // The first page pays for the browser's own warm-up (fonts, compile caches); it is not counted.
      if (i > 0) times.push(ms);
    }
    follow = await measureFollow(browser.context, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
  times.sort((a, b) => a - b);
  const gzipped = readdirSync(webviewDir)
    .filter((f) => !f.endsWith('.map'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(webviewDir, f)), { level: 9 }).length, 0);
  return [
    {
      group: 'webview',
      name: 'spec view first render, 2,000 tasks (Chromium)',
      value: times[Math.floor(times.length / 2)],
      unit: 'ms',
      target: 300,
    },
    ...follow,
    {
      group: 'webview',
      name: 'bundle gzipped (js + css + codicon font)',
      value: gzipped / 1024,
      unit: 'KB',
      target: 500,
    },
  ];
}
