// Debian's chromium driven by playwright-core: Playwright's own browser download needs internet.
// Every request that does not go to 127.0.0.1 is aborted, so a test can never reach out.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { onCleanup } from './cleanup.mjs';

export const chromiumPath = process.env.TILLER_CHROMIUM ?? '/usr/bin/chromium';

const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches chromium with a fresh profile. Returns { context, page, close }.
 * @param {{ headless?: boolean, viewport?: { width: number, height: number } }} [options]
 */
export async function launchChromium({ headless = true, viewport = { width: 1400, height: 900 } } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `no chromium at ${chromiumPath}: bash scripts/provision.sh system installs it (or set TILLER_CHROMIUM)`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'tiller-chromium-'));
  // Playwright refuses --user-data-dir in args; a persistent context is how a fresh profile is given.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless,
    args: flags,
    viewport,
    // Signals are handled by cleanup.mjs, which also stops code-server in the right order.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let unregister = () => {};
  const close = async () => {
    unregister();
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  unregister = onCleanup(close);
  return { context, page, close };
}
