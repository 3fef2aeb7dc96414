// Types for scripts/chromium.mjs, so the TypeScript e2e helpers can share the launcher.
import type { BrowserContext, Page } from 'playwright-core';

export declare const chromiumPath: string;
export declare function launchChromium(options?: {
  headless?: boolean;
  viewport?: { width: number; height: number };
}): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }>;
