// Shared by the extension-host suites: the activated Tiller API, the fixture workspace, and
// waiting for a condition the extension reaches asynchronously.
import * as vscode from 'vscode';
import type { TillerApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'tiller.tiller';

export async function tiller(): Promise<TillerApi> {
  const extension = vscode.extensions.getExtension<TillerApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

/** Polls until condition returns a truthy value, then returns it; throws with `what` on timeout. */
export async function waitFor<T>(
  what: string,
  condition: () => T | Promise<T>,
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
