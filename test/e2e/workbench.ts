// Helpers that drive the real VS Code workbench (code-server) in chromium, for test/e2e/*.e2e.ts.
// scripts/run-e2e.mjs starts code-server with Tiller loaded and passes the workbench URL in
// TILLER_E2E_URL. Every wait is on a real condition (a selector, a text) with a timeout.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.mjs';
import { waitUntil } from '../support/wait-until';

const outputDir = join(__dirname, '..', '..', '..', 'test-output');

/** Where the editor's cursor is, read from the tab and the status bar ("Ln 12, Col 3"). */
export interface EditorPosition {
  fileName: string;
  line: number;
  column: number;
}

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly closeBrowser: () => Promise<void>,
  ) {}

  /** Launches chromium and opens the workbench at url (default: TILLER_E2E_URL). */
  static async open(url = process.env.TILLER_E2E_URL): Promise<Workbench> {
    if (!url) throw new Error('TILLER_E2E_URL is not set: run the e2e tests through scripts/run-e2e.mjs');
    const { page, close } = await launchChromium();
    const workbench = new Workbench(page, close);
    try {
      await page.goto(url);
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
      // The explorer lists the folder once the remote file system answers.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    } catch (err) {
      await workbench.screenshot('workbench-open-failed');
      await close();
      throw err;
    }
    return workbench;
  }

  async close(): Promise<void> {
    await this.closeBrowser();
  }

  /** Shows a view container from the activity bar by its title (e.g. "Tiller"); no-op if shown. */
  async openContainer(title: string): Promise<Locator> {
    const item = this.page.locator(`.part.activitybar .action-item:has([aria-label^="${title}"])`).first();
    await item.waitFor({ timeout: 20_000 });
    if (!(await item.evaluate((el) => el.classList.contains('checked')))) {
      await item.locator(`[aria-label^="${title}"]`).first().click();
    }
    const sidebar = this.page.locator('.part.sidebar');
    await sidebar
      .locator('.composite.title')
      .filter({ hasText: new RegExp(title, 'i') })
      .waitFor({ timeout: 20_000 });
    return sidebar;
  }

  /** The pane of a view in the side bar by its title (e.g. "Specs"), expanded. */
  async view(title: string): Promise<Locator> {
    const pane = this.page
      .locator('.part.sidebar .pane')
      .filter({
        has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') }),
      })
      .first();
    await pane.waitFor({ timeout: 20_000 });
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane;
  }

  /** The Follow view's webview, with Tiller's other views collapsed to give it the room. */
  async followFrame(): Promise<Frame> {
    await this.openContainer('Tiller');
    for (const other of ['Specs', 'Steering', 'Spec', 'Hooks', 'Trusted Commands'])
      await this.collapseView(other).catch(() => undefined);
    await this.view('Follow');
    return this.webviewFrame('.follow-app', 30_000);
  }

  /** Collapses a side-bar view by its title, giving its room to the others. */
  async collapseView(title: string): Promise<void> {
    const header = (await this.view(title)).locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }

  /**
   * A tree item by its exact label, waiting until it is shown; optionally inside one view. Rows
   * are virtualised (only rows on screen exist), so the tree is walked from the keyboard, as a
   * person would: focus it, Home, then Down one row at a time, which scrolls each focused row into
   * view; at the last row back to Home, since rows may still be loading. (The mouse wheel does not
   * do: over a row's tooltip it scrolls nothing, so a tree scrolled past the row stays there.)
   */
  async treeItem(label: string, options: { view?: string; timeout?: number } = {}): Promise<Locator> {
    const scope = options.view ? await this.view(options.view) : this.page.locator('.part.sidebar');
    const row = scope
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
    const list = scope.locator('.monaco-list').first();
    const focusedRow = () =>
      list.evaluate((el) => ({
        inList: el.contains(document.activeElement),
        index: el.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') ?? '',
      }));
    return waitUntil(
      async () => {
        if (await row.isVisible()) return row;
        if (!(await list.isVisible())) return undefined;
        const before = await focusedRow();
        if (!before.inList) {
          await list.focus();
          await this.page.keyboard.press('Home');
          return undefined;
        }
        await this.page.keyboard.press('ArrowDown');
        if ((await focusedRow()).index === before.index) await this.page.keyboard.press('Home');
        return undefined;
      },
      async () => {
        const shown = await scope
          .locator('.monaco-list-row .label-name')
          .allTextContents()
          .catch(() => []);
        return `the tree item "${label}"${options.view ? ` in ${options.view}` : ''}; rows shown: ${JSON.stringify(shown)}`;
      },
      { timeoutMs: options.timeout, intervalMs: 100 },
    );
  }

  /** The description shown beside a tree item's label (e.g. a spec's progress "3/13"). */
  async treeItemDescription(label: string, options: { view?: string; timeout?: number } = {}): Promise<string> {
    const row = await this.treeItem(label, options);
    return (
      (await row
        .locator('.label-description')
        .first()
        .textContent()
        .catch(() => '')) ?? ''
    ).trim();
  }

  /** Runs a command from the palette (F1) by its title as shown there, e.g. "Tiller: Refresh". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    // Enter only once the palette has filtered to the wanted command, else the first old row runs.
    const first = this.page.locator('.quick-input-list .monaco-list-row').first();
    await first.filter({ hasText: title }).waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    // The palette closes, or the command reuses it for its own prompt (e.g. Go to Line).
    const typed = `>${title}`;
    await waitUntil(
      async () => !(await input.isVisible()) || (await input.inputValue().catch(() => '')) !== typed,
      `the command palette to run "${title}"`,
    );
  }

  /** Picks the row of the open quick pick whose label contains `label` (e.g. Run Next Task's spec). */
  async pickQuickItem(label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(label);
    const first = this.page.locator('.quick-input-list .monaco-list-row').first();
    await first.filter({ hasText: label }).waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** The active editor's file name and cursor position. */
  async activeEditor(): Promise<EditorPosition> {
    // The tab label splits name and suffix ("AGENTS" + ".md"); data-resource-name holds both.
    const tab = this.page.locator('.part.editor .editor-group-container.active .tab.active').first();
    await tab.waitFor({ timeout: 10_000 });
    const fileName = (await tab.getAttribute('data-resource-name')) ?? '';
    const selection = this.page.locator('[id="status.editor.selection"]');
    await selection.waitFor({ timeout: 10_000 });
    const text = (await selection.textContent()) ?? '';
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    if (!match) throw new Error(`status bar shows no cursor position: "${text}"`);
    return { fileName, line: Number(match[1]), column: Number(match[2]) };
  }

  /** Waits until the active editor is fileName with the cursor on line (1-based). */
  async waitForEditor(fileName: string, line?: number, timeoutMs?: number): Promise<EditorPosition> {
    let last: EditorPosition | undefined;
    let lastError: unknown;
    return waitUntil(
      async () => {
        try {
          last = await this.activeEditor();
          if (last.fileName === fileName && (line === undefined || last.line === line)) return last;
        } catch (err) {
          lastError = err;
        }
        return undefined;
      },
      () =>
        `editor ${fileName}${line ? `:${line}` : ''}, saw ${last ? `${last.fileName}:${last.line}` : String(lastError)}`,
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Texts of the notifications in the notification centre (toasts are hidden by the smoke driver). */
  async notifications(): Promise<string[]> {
    const center = this.page.locator('.notifications-center');
    // A click while the window still loads (just after a reload) is lost: click again until it opens.
    await waitUntil(
      async () => {
        if (await center.isVisible()) return true;
        await this.page
          .locator('[id="status.notifications"]')
          .click({ timeout: 5_000 })
          .catch(() => undefined);
        return center.isVisible();
      },
      'the notification centre to open',
      { intervalMs: 500 },
    );
    return center.locator('.notification-list-item-message').allTextContents();
  }

  /**
   * The webview frame that contains selector. Webviews are nested iframes served from the
   * workbench's origin, so every frame of the page is searched until one has it.
   */
  async webviewFrame(selector: string, timeoutMs?: number): Promise<Frame> {
    return waitUntil(
      async () => {
        for (const frame of this.page.frames()) {
          if (
            await frame
              .locator(selector)
              .count()
              .catch(() => 0)
          )
            return frame;
        }
        return undefined;
      },
      `a webview showing ${selector}`,
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Saves a full-page screenshot to test-output/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(outputDir, { recursive: true });
    const path = join(outputDir, `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.png`);
    await this.page.screenshot({ path, fullPage: true }).catch(() => undefined);
    return path;
  }
}

/**
 * Mocha hooks for a describe block: one browser on the workbench for the block, a screenshot in
 * test-output/ for every failing test, the browser closed at the end. Returns a getter.
 */
export function useWorkbench(url?: string): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(120_000);
    workbench = await Workbench.open(url);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (workbench && test?.state === 'failed') {
      const path = await workbench.screenshot(test.fullTitle());
      console.log(`    screenshot: ${path}`);
    }
  });
  after(async () => {
    await workbench?.close();
    workbench = undefined;
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open (see the before hook)');
    return workbench;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
