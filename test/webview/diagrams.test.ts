// ```mermaid blocks in a spec's documents: drawn as SVG by the diagram bundle, which loads only
// when a document holds one, under the page's Content Security Policy (no violation), with the
// source one click away and a parse error shown beside the source.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fixtureSpec, openView, screenshot, themeVariables, type ThemeKind } from './harness';

const FLOWCHART = [
  '# Design',
  '',
  '## Flow',
  '',
  '```mermaid',
  'flowchart LR',
  '  Idea[Write the idea] --> Req[Requirements]',
  '  Req --> Approved{Approved?}',
  '  Approved -- yes --> Design[Design] --> Tasks[Tasks<br>one per line] --> Run[Run the tasks & merge]',
  '  Approved -- no --> Req',
  '```',
  '',
  'Text after the diagram.',
].join('\n');

/** For the screenshots: a flowchart with a group, and a sequence diagram (another set of colours). */
const PICTURES = [
  '# Design',
  '',
  '```mermaid',
  'flowchart TD',
  '  subgraph Extension',
  '    View[Spec view] -->|protocol| Host[Webview host]',
  '  end',
  '  Host --> Engine[(Spec engine)]',
  '  Engine -.-> Lint{{Lint}}',
  '```',
  '',
  '```mermaid',
  'sequenceDiagram',
  '  participant U as User',
  '  participant T as Tiller',
  '  U->>T: Run next task',
  '  Note right of T: checks approvals',
  '  T-->>U: Task 1.2 done',
  '```',
].join('\n');

const INVALID = ['# Design', '', '```mermaid', 'flowchart LR', '  A --> --> B ((', '```', '', 'Still here.'].join('\n');

const NO_DIAGRAM = ['# Design', '', '```ts', 'const answer = 42;', '```', '', 'Plain prose.'].join('\n');

async function openDesign(
  text: string,
  theme: ThemeKind = 'dark',
  width = 1000,
  view: 'panel' | 'sidebar' = 'panel',
): Promise<Page> {
  const auth = fixtureSpec('user-auth');
  auth.snapshot.designDoc = { path: `${auth.snapshot.dir}/design.md`, text };
  const page = await openView({ specs: [auth], theme, view, viewport: { width, height: 700 } });
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.waitForSelector('.markdown');
  return page;
}

/** Whether the page asked for the diagram bundle: a script element, or any fetch of it. */
async function diagramBundleRequested(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      document.querySelector('script[data-diagram-renderer]') !== null ||
      performance.getEntriesByType('resource').some((e) => e.name.endsWith('/mermaid.js')),
  );
}

describe('diagrams', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('draws a flowchart in the design tab without breaking the Content Security Policy', async () => {
    page = await openDesign(FLOWCHART);
    const svg = page.locator('vscode-tab-panel[data-tab="design"] .markdown .diagram svg');
    await svg.waitFor();
    const text = (await svg.textContent()) ?? '';
    assert.match(text, /Requirements/);
    assert.match(text, /Approved\?/);
    assert.match(text, /Run the tasks & merge/);
    assert.equal(await page.locator('.markdown .diagram pre').count(), 0, 'the source is behind the toggle');
    assert.match(await page.locator('.markdown').innerText(), /Text after the diagram\./);
    assert.equal(await page.locator('script[data-diagram-renderer]').count(), 1);
    assert.deepEqual(await page.evaluate(() => window.fakeHost.violations), []);
  });

  it('loads no diagram renderer for a document without a diagram', async () => {
    page = await openDesign(NO_DIAGRAM);
    await page.waitForSelector('.markdown pre code.language-ts');
    assert.equal(await diagramBundleRequested(page), false);
    await page.getByRole('tab', { name: 'Requirements' }).click();
    await page.waitForSelector('.markdown h1');
    assert.equal(await diagramBundleRequested(page), false);
  });

  it("shows mermaid's error and the source for a diagram that does not parse", async () => {
    page = await openDesign(INVALID);
    const error = page.locator('.diagram-error');
    await error.waitFor();
    assert.match(await error.innerText(), /cannot be drawn: .*\S/s);
    assert.match(await page.locator('.diagram pre code').innerText(), /A --> --> B \(\(/);
    assert.equal(await page.locator('.diagram svg').count(), 0);
    assert.equal(await page.locator('.diagram-toggle').count(), 0);
    assert.match(await page.locator('.markdown').innerText(), /Still here\./);
    assert.deepEqual(await page.evaluate(() => window.fakeHost.violations), []);
  });

  it('switches between the diagram and its source, by mouse and by keyboard', async () => {
    page = await openDesign(FLOWCHART);
    await page.locator('.diagram svg').waitFor();
    const toggle = page.getByRole('button', { name: 'Source' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    await page.locator('.diagram pre code').waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.diagram svg').count(), 0);
    assert.match(await page.locator('.diagram pre code').innerText(), /flowchart LR/);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('.diagram svg').waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('.diagram pre').count(), 0);
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
    it(`draws in the colours of the ${theme} theme`, async () => {
      page = await openDesign(PICTURES, theme, 1280);
      await page.locator('.diagram svg').nth(1).waitFor();
      const look = await page.evaluate(() => {
        const label = document.querySelector('.diagram svg .nodeLabel') as Element;
        return { label: getComputedStyle(label).color, background: getComputedStyle(document.body).backgroundColor };
      });
      assert.notEqual(look.label, look.background, 'labels must not vanish into the background');
      assert.deepEqual(await page.evaluate(() => window.fakeHost.violations), []);
      const loads = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script[data-diagram-renderer]').length,
        fetches: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/mermaid.js')).length,
      }));
      assert.deepEqual(loads, { scripts: 1, fetches: 1 }, 'two diagrams, one renderer');
      await screenshot(page, `diagram-${theme}`);
      await page.locator('.diagram').nth(1).scrollIntoViewIfNeeded();
      await screenshot(page, `diagram-sequence-${theme}`);
    });
  }

  it('draws again when VS Code switches theme', async () => {
    page = await openDesign(FLOWCHART, 'dark');
    await page.locator('.diagram svg').waitFor();
    const fill = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('.diagram svg .node rect') as Element).fill);
    const dark = await fill();
    // What VS Code does on a theme change: the body's class and the variables on <html>.
    await page.evaluate((variables) => {
      document.body.classList.replace('vscode-dark', 'vscode-light');
      for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
    }, themeVariables('light'));
    await page.waitForFunction((before) => {
      const rect = document.querySelector('.diagram svg .node rect');
      return rect !== null && getComputedStyle(rect).fill !== before;
    }, dark);
    assert.notEqual(await fill(), dark);
  });

  it('keeps a diagram wider than the sidebar at its size, scrolling sideways in its own box', async () => {
    page = await openDesign(FLOWCHART, 'dark', 320, 'sidebar');
    await page.locator('.diagram svg').waitFor();
    const sizes = await page.evaluate(() => {
      const box = document.querySelector('.diagram-svg') as HTMLElement;
      const svg = box.querySelector('svg') as SVGSVGElement;
      box.scrollLeft = box.scrollWidth;
      const last = [...svg.querySelectorAll('.nodeLabel')].find((l) => l.textContent?.includes('Run the tasks'));
      const boxRect = box.getBoundingClientRect();
      const lastRect = (last as Element).getBoundingClientRect();
      return {
        page: document.documentElement.scrollWidth,
        view: window.innerWidth,
        svg: svg.getBoundingClientRect().width,
        scroll: box.scrollWidth,
        client: box.clientWidth,
        lastShown: lastRect.left >= boxRect.left && lastRect.right <= boxRect.right,
      };
    });
    assert.ok(sizes.page <= sizes.view, `the page is ${sizes.page} px wide in a ${sizes.view} px view`);
    assert.ok(sizes.client < sizes.svg && sizes.scroll >= sizes.svg, JSON.stringify(sizes));
    assert.ok(sizes.lastShown, 'scrolled to its end, the box shows the last node');
    await screenshot(page, 'diagram-sidebar-dark');
  });
});
