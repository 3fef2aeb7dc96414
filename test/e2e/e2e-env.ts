// What scripts/run-e2e.mjs hands the e2e tests: the workspace copy code-server opened, and the
// fake model server (real OpenAI wire format) whose next turns a test scripts.
import * as assert from 'node:assert/strict';

export function workspace(): string {
  const dir = process.env.TILLER_E2E_WORKSPACE;
  if (!dir) throw new Error('TILLER_E2E_WORKSPACE is not set: run through scripts/run-e2e.mjs');
  return dir;
}

/** The user settings file of the workbench's profile (it points the agent at the fake model). */
export function userSettingsFile(): string {
  const file = process.env.TILLER_E2E_USER_SETTINGS;
  if (!file) throw new Error('TILLER_E2E_USER_SETTINGS is not set: run through scripts/run-e2e.mjs');
  return file;
}

/** Appends turns to the fake model server's script. */
export async function scriptModel(turns: unknown[]): Promise<void> {
  const url = process.env.TILLER_E2E_MODEL_URL;
  if (!url) throw new Error('TILLER_E2E_MODEL_URL is not set: run through scripts/run-e2e.mjs');
  const response = await fetch(`${url}/_fake/script`, { method: 'POST', body: JSON.stringify(turns) });
  assert.ok(response.ok, await response.text());
}

/** A model turn that calls one tool. */
export const call = (name: string, args: Record<string, unknown>) => ({
  toolCalls: [{ name, arguments: JSON.stringify(args) }],
});
