// Approvals live in the spec folder's `spec.json`, so they travel with the spec in git and a team
// shares them. The file is cc-sdd's: its `approvals` object holds one record per phase,
// `{generated, approved}`, which cc-sdd reads as it always does; Tiller adds `approvedBy`,
// `approvedAt` and `sha256` (of the approved text) to each record and leaves every other key of
// the file alone. Kiro does not read spec.json, so its own `.config.kiro` stays untouched.
// docs/spec-authoring.md describes the format.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../atomic-write';
import type { PhaseName } from './phases';

export const APPROVALS_FILE = 'spec.json';

export interface ApprovalRecord {
  generated: boolean;
  approved: boolean;
  approvedBy?: string;
  /** ISO 8601. */
  approvedAt?: string;
  /** sha256 (hex) of the document's text when it was approved; null once the approval is withdrawn. */
  sha256?: string | null;
}

export interface Approvals {
  records: Partial<Record<PhaseName, ApprovalRecord>>;
  /**
   * True when Tiller keeps this spec's approvals (a record carries `sha256`). A spec without them
   * (hand-written, Kiro's, cc-sdd's own booleans) is not gated when its tasks run.
   */
  tracked: boolean;
  /** Why spec.json could not be read, when it exists but is not a JSON object. */
  problem: string | null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Json = Record<string, unknown>;

async function readJson(dir: string): Promise<{ value: Json | null; problem: string | null }> {
  let text: string;
  try {
    text = await readFile(join(dir, APPROVALS_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { value: null, problem: null };
    throw err;
  }
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value: value as Json, problem: null };
    return { value: null, problem: `${join(dir, APPROVALS_FILE)} must hold a JSON object` };
  } catch (err) {
    return { value: null, problem: `${join(dir, APPROVALS_FILE)} is not valid JSON (${(err as Error).message})` };
  }
}

function record(value: unknown): ApprovalRecord | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Json;
  const out: ApprovalRecord = { generated: v.generated === true, approved: v.approved === true };
  if (typeof v.approvedBy === 'string') out.approvedBy = v.approvedBy;
  if (typeof v.approvedAt === 'string') out.approvedAt = v.approvedAt;
  if (typeof v.sha256 === 'string' || v.sha256 === null) out.sha256 = v.sha256;
  return out;
}

export async function readApprovals(dir: string): Promise<Approvals> {
  const { value, problem } = await readJson(dir);
  const records: Approvals['records'] = {};
  const raw = value?.approvals;
  if (raw && typeof raw === 'object' && !Array.isArray(raw))
    for (const [phase, v] of Object.entries(raw as Json)) {
      const r = record(v);
      if (r) records[phase as PhaseName] = r;
    }
  const tracked = Object.values(records).some((r) => r.sha256 !== undefined);
  return { records, tracked, problem };
}

/** Reads, changes and rewrites spec.json; refuses to overwrite a file it cannot read. */
async function update(dir: string, name: string, change: (approvals: Json, file: Json) => void): Promise<void> {
  const { value, problem } = await readJson(dir);
  if (problem) throw new Error(`${problem}; fix it before approving (Tiller will not overwrite it)`);
  const now = new Date().toISOString();
  const file: Json = value ?? { feature_name: name, created_at: now };
  const approvals =
    file.approvals && typeof file.approvals === 'object' && !Array.isArray(file.approvals)
      ? (file.approvals as Json)
      : {};
  file.approvals = approvals;
  change(approvals, file);
  file.updated_at = now;
  const tasks = record(approvals.tasks);
  file.ready_for_implementation = tasks?.approved === true;
  await writeFileAtomically(join(dir, APPROVALS_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

export async function recordApproval(
  dir: string,
  name: string,
  phase: PhaseName,
  text: string,
  by: string,
  at: Date = new Date(),
): Promise<ApprovalRecord> {
  const entry: ApprovalRecord = {
    generated: true,
    approved: true,
    approvedBy: by,
    approvedAt: at.toISOString(),
    sha256: sha256(text),
  };
  await update(dir, name, (approvals) => {
    approvals[phase] = { ...(approvals[phase] as Json | undefined), ...entry };
  });
  return entry;
}

/** A new draft of the phase: drafted, and not approved until someone approves it again. */
export async function withdrawApproval(dir: string, name: string, phase: PhaseName): Promise<void> {
  await update(dir, name, (approvals) => {
    const { approvedBy: _by, approvedAt: _at, ...rest } = (approvals[phase] as Json | undefined) ?? {};
    approvals[phase] = { ...rest, generated: true, approved: false, sha256: null };
  });
}
