// Shared by every webview test: one static server on 127.0.0.1 (the built webview and the fake
// host page), one Chromium for the whole run, a fresh page per view, and spec snapshots read from
// the fixture workspace with the real engine.
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { countTasks, loadSpec } from '../../src/core/specs';
import type { SpecSnapshot, ViewKind } from '../../src/protocol';
import { buildSpecSnapshot } from '../../src/extension/webview/spec-snapshot';
import { launchChromium } from '../../scripts/chromium.mjs';
import type { BootOptions } from './fake-host/host';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const fixtureSpecs = join(repoRoot, 'test', 'fixtures', 'specs-workspace', '.kiro', 'specs');
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');
export type ThemeKind = 'light' | 'dark' | 'high-contrast';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Serves `/webview/*` from webviewDir and the fake host page from out/test/webview. */
export async function startServer(webviewDir = join(repoRoot, 'dist', 'webview')): Promise<{ url: string; close(): Promise<void> }> {
  const roots: Record<string, string> = {
    '/webview/': webviewDir,
    '/': join(repoRoot, 'out', 'test', 'webview'),
  };
  const hostPage = join(repoRoot, 'test', 'webview', 'fake-host', 'index.html');
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    let file: string | undefined;
    if (path === '/' || path === '/index.html') file = hostPage;
    else {
      const prefix = Object.keys(roots).find((p) => path.startsWith(p)) as string;
      const candidate = normalize(join(roots[prefix], path.slice(prefix.length)));
      if (candidate.startsWith(roots[prefix]) && existsSync(candidate)) file = candidate;
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

export function themeVariables(kind: ThemeKind): Record<string, string> {
  return (JSON.parse(readFileSync(join(repoRoot, 'test', 'webview', 'themes', `${kind}.json`), 'utf8')) as { variables: Record<string, string> }).variables;
}

/** A fixture spec as the extension would send it, and its tasks.md text for the fake host. */
export function fixtureSpec(name: string, dir = join(fixtureSpecs, name)): { snapshot: SpecSnapshot; tasksText: string } {
  const spec = loadSpec(dir);
  if (!spec) throw new Error(`no spec at ${dir}`);
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null);
  return { snapshot: buildSpecSnapshot(spec, countTasks(spec.tasks), read), tasksText: spec.documents.tasks ? readFileSync(spec.documents.tasks, 'utf8') : '' };
}

let shared: { context: BrowserContext; close(): Promise<void>; server: { url: string; close(): Promise<void> } } | undefined;

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
}

/** A new page with the fake host booted and the app started; resolves once the app has rendered. */
export async function openView(options: OpenOptions = {}): Promise<Page> {
  if (!shared) throw new Error('the browser is not running');
  const specs = options.specs ?? [fixtureSpec('user-auth')];
  const page = await shared.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(shared.server.url);
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
  await page.waitForSelector('.spec-view, .status-line');
}

/** Requests the webview has sent, optionally of one method. */
export async function requests(page: Page, method?: string): Promise<Array<{ method: string; params: Record<string, unknown> }>> {
  const all = await page.evaluate(() => window.fakeHost.requests as Array<{ method: string; params: Record<string, unknown> }>);
  return method ? all.filter((r) => r.method === method) : all;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The element that has focus, through shadow roots (vscode-elements delegate focus inside). */
export async function focused(page: Page): Promise<{ tag: string; control: string | null; taskId: string | null; text: string; id: string }> {
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
