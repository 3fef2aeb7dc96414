// Shared by every webview test: one static server on 127.0.0.1 (the built webview and the fake
// host page), one Chromium for the whole run, a fresh page per view, and spec snapshots read from
// the fixture workspace with the real engine.
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { countTasks, loadSpec } from '../../src/core/specs';
import type { PendingSnapshot, RunSummary, SpecSnapshot, TraceEvent, ViewKind } from '../../src/protocol';
import { buildSpecSnapshot } from '../../src/extension/webview/spec-snapshot';
import { launchChromium } from '../../scripts/chromium.mjs';
import type { BootOptions } from './fake-host/host';
import { repoRoot, startServer, themeVariables, type ThemeKind } from './harness-server';

export { repoRoot, themeVariables, type ThemeKind };
export const fixtureSpecs = join(repoRoot, 'test', 'fixtures', 'specs-workspace', '.kiro', 'specs');
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

/** A fixture spec as the extension would send it, and its tasks.md text for the fake host. */
export function fixtureSpec(
  name: string,
  dir = join(fixtureSpecs, name),
): { snapshot: SpecSnapshot; tasksText: string } {
  const spec = loadSpec(dir);
  if (!spec) throw new Error(`no spec at ${dir}`);
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null);
  return {
    snapshot: buildSpecSnapshot(spec, countTasks(spec.tasks), read),
    tasksText: spec.documents.tasks ? readFileSync(spec.documents.tasks, 'utf8') : '',
  };
}

let shared:
  { context: BrowserContext; close(): Promise<void>; server: { url: string; close(): Promise<void> } } | undefined;

before(async function () {
  this.timeout(60_000);
  const server = await startServer();
  const browser = await launchChromium({ viewport: { width: 1000, height: 700 } });
  // The first page comes with the browser; the tests open their own.
  await browser.page.close();
  shared = { context: browser.context, close: browser.close, server };
});

after(async () => {
  await shared?.close();
  await shared?.server.close();
  shared = undefined;
});

export interface OpenOptions {
  view?: ViewKind;
  specs?: Array<{ snapshot: SpecSnapshot; tasksText: string }>;
  specDir?: string | null;
  theme?: ThemeKind;
  viewport?: { width: number; height: number };
  /** Answers of requests the app makes as it starts (by method), set before it boots. */
  results?: Record<string, unknown>;
}

/** A new page with the fake host booted and the app started; resolves once the app has rendered. */
export async function openView(options: OpenOptions = {}): Promise<Page> {
  if (!shared) throw new Error('the browser is not running');
  const specs = options.specs ?? [fixtureSpec('user-auth')];
  const page = await shared.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(shared.server.url);
  if (options.results) await page.evaluate((r) => Object.assign(window.fakeHost.results, r), options.results);
  await boot(page, {
    view: options.view ?? 'panel',
    specs,
    specDir: options.specDir === undefined ? specs[0].snapshot.dir : options.specDir,
    theme: { kind: options.theme ?? 'dark', variables: themeVariables(options.theme ?? 'dark') },
  });
  return page;
}

export async function boot(page: Page, options: BootOptions): Promise<void> {
  await page.evaluate((o) => window.fakeHost.boot(o), options);
  await page.waitForSelector(options.view.startsWith('follow') ? '.follow-app' : '.spec-view, .status-line');
}

export interface FollowOptions {
  runs?: Array<{ summary: RunSummary; events: TraceEvent[] }>;
  pending?: PendingSnapshot;
  runId?: string | null;
  theme?: ThemeKind;
  viewport?: { width: number; height: number };
  /** The sidebar's compact log (the default) or the editor tab's. */
  view?: 'follow' | 'follow-panel';
}

/** A new page with the follow log booted; resolves once its header is there. */
export async function openFollow(options: FollowOptions = {}): Promise<Page> {
  if (!shared) throw new Error('the browser is not running');
  const page = await shared.context.newPage();
  await page.setViewportSize(options.viewport ?? { width: 420, height: 800 });
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(shared.server.url);
  const theme = options.theme ?? 'dark';
  await boot(page, {
    view: options.view ?? 'follow',
    specs: [],
    specDir: null,
    theme: { kind: theme, variables: themeVariables(theme) },
    follow: { runs: options.runs ?? [], pending: options.pending, runId: options.runId ?? null },
  });
  return page;
}

/** Requests the webview has sent, optionally of one method. */
export async function requests(
  page: Page,
  method?: string,
): Promise<Array<{ method: string; params: Record<string, unknown> }>> {
  const all = await page.evaluate(
    () => window.fakeHost.requests as Array<{ method: string; params: Record<string, unknown> }>,
  );
  return method ? all.filter((r) => r.method === method) : all;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The element that has focus, through shadow roots (vscode-elements delegate focus inside). */
export async function focused(
  page: Page,
): Promise<{ tag: string; control: string | null; taskId: string | null; text: string; id: string }> {
  return page.evaluate(() => {
    let el = document.activeElement as Element | null;
    const outer = el;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const host = outer as HTMLElement | null;
    return {
      tag: host?.tagName.toLowerCase() ?? '',
      control: host?.closest('[data-control]')?.getAttribute('data-control') ?? null,
      taskId: host?.closest('[data-task-id]')?.getAttribute('data-task-id') ?? null,
      text: (host?.textContent ?? '').trim().slice(0, 80),
      id: host?.id ?? '',
    };
  });
}
