// Shared by the extension-host suites: the activated Tiller API, the fixture workspace, the agent's
// user settings, a run's trace, and waiting for a condition the extension reaches asynchronously.
import * as vscode from 'vscode';
import type { TillerApi } from '../../src/extension/extension';
import { readFile } from 'node:fs/promises';
import type { RunResult } from '../../src/core/agent';
import type { TraceEvent } from '../../src/core/trace';
import { waitUntil } from '../support/wait-until';

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

/**
 * Resolves with condition's first truthy value. The hang guard stays under mocha's 20 s per test
 * (index.ts) so that a failure names `what`.
 */
export async function waitFor<T>(
  what: string,
  condition: () => T | Promise<T>,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  return waitUntil(condition, what, { timeoutMs, intervalMs: 25 }) as Promise<NonNullable<T>>;
}

/** Sets tiller.agent.* in the user settings, as a person does in the Settings editor. */
export async function setAgent(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('tiller.agent');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

/** The events of a finished run's trace file, in order. */
export async function traceEvents(result: RunResult): Promise<TraceEvent[]> {
  return (await readFile(result.trace, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TraceEvent);
}
