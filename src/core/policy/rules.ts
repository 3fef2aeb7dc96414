// Where the rules come from. A person's own settings may allow and deny; a workspace (a cloned
// repository, written by whoever wrote the repository, or by the agent itself) may only deny,
// because a workspace that could allow would let a malicious repository, or an agent editing its
// own settings, trust everything. Kiro lost exactly this way. The extension lists the sources
// (provenance.ts) with no workspace allow among them; this file reads and validates policy files.
import { readFile } from 'node:fs/promises';
import type { PolicyRules } from './checker';

export class PolicyFileError extends Error {}

/**
 * Rules as a value, or a function read at every check: a host whose rules change while an agent
 * runs (a person trusts a pattern mid-run) passes the function so that the next command sees it.
 */
export type RulesSource = PolicyRules | (() => PolicyRules);

export function currentRules(source: RulesSource): PolicyRules {
  return typeof source === 'function' ? source() : source;
}

/** Validates parsed JSON as `{allow?: string[], deny?: string[]}`; `where` names the source in errors. */
export function parseRules(value: unknown, where: string): PolicyRules {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolicyFileError(`${where}: expected an object with "allow" and/or "deny" lists`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'allow' && key !== 'deny')
      throw new PolicyFileError(`${where}: unknown key "${key}" (expected "allow" and "deny")`);
  }
  return { allow: stringList(record.allow, `${where}: "allow"`), deny: stringList(record.deny, `${where}: "deny"`) };
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PolicyFileError(`${where} must be a list of strings`);
  value.forEach((item, i) => {
    if (typeof item !== 'string')
      throw new PolicyFileError(`${where}[${i}] must be a string, got ${JSON.stringify(item)}`);
  });
  return value as string[];
}

export async function readPolicyFile(path: string): Promise<PolicyRules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PolicyFileError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PolicyFileError(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseRules(value, path);
}
