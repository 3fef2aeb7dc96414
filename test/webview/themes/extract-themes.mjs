// Writes light.json, dark.json and high-contrast.json: every --vscode-* colour variable that a
// real VS Code workbench (code-server) defines under its default themes, plus the font variables
// VS Code gives every webview. The webview tests feed these to the page, so screenshots show
// the colours users get. Run again after a VS Code upgrade: node test/webview/themes/extract-themes.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, provisionCodeServer, startCodeServer } from '../../../scripts/code-server.mjs';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { cleanupAll } from '../../../scripts/cleanup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const themes = {
  light: { name: 'Default Light Modern', workbenchClass: 'vs' },
  dark: { name: 'Default Dark Modern', workbenchClass: 'vs-dark' },
  'high-contrast': { name: 'Default High Contrast', workbenchClass: 'hc-black' },
};
// What VS Code's webview host sets besides colours (src/vs/workbench/contrib/webview/browser/themeing.ts).
const fonts = {
  '--vscode-font-family': "system-ui, 'Ubuntu', 'Droid Sans', sans-serif",
  '--vscode-font-weight': 'normal',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': "'Droid Sans Mono', 'monospace', monospace",
  '--vscode-editor-font-weight': 'normal',
  '--vscode-editor-font-size': '14px',
};

let settingsFile;
const codeServerDir = await provisionCodeServer();
const server = await startCodeServer({
  codeServerDir,
  port: await freePort(),
  prepare: (dirs) => {
    settingsFile = join(dirs.userData, 'User', 'settings.json');
    mkdirSync(dirname(settingsFile), { recursive: true });
  },
});
const browser = await launchChromium();
try {
  for (const [file, { name: theme, workbenchClass }] of Object.entries(themes)) {
    writeFileSync(settingsFile, JSON.stringify({ 'workbench.colorTheme': theme, 'workbench.startupEditor': 'none' }));
    await browser.page.goto(server.workbenchUrl());
    // The workbench first paints with a cached theme; the class says the chosen one is applied.
    await browser.page.waitForSelector(`.monaco-workbench.${workbenchClass}`, { timeout: 60_000 });
    const vars = await browser.page.waitForFunction(
      () => {
        const style = getComputedStyle(document.querySelector('.monaco-workbench'));
        const found = {};
        for (const name of style) if (name.startsWith('--vscode-')) found[name] = style.getPropertyValue(name).trim();
        return Object.keys(found).length > 100 ? found : null;
      },
      null,
      { timeout: 60_000 },
    );
    const colours = await vars.jsonValue();
    const sorted = Object.fromEntries(Object.entries({ ...colours, ...fonts }).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(join(here, `${file}.json`), JSON.stringify({ theme, variables: sorted }, null, 2) + '\n');
    console.log(`${file}: ${Object.keys(sorted).length} variables from "${theme}"`);
  }
} finally {
  await browser.close();
  await server.stop();
  await cleanupAll();
}
