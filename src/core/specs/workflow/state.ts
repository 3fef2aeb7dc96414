// Where a spec stands in its workflow, read from the spec folder: each phase's document, whether
// it exists, whether it is approved, and whether the approval is stale (the document's text no
// longer hashes to what was approved). The gates are computed here and nowhere else: the CLI,
// the extension and the draft run all ask `draftBlocker` and `runGate`.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SpecConfig, SpecType } from '../model';
import { readApprovals, sha256, type ApprovalRecord } from './approvals';
import { PHASE_FILE, workflowOf, type PhaseName, type WorkflowType } from './phases';

export interface PhaseState {
  phase: PhaseName;
  /** Absolute path of the phase's document. */
  path: string;
  exists: boolean;
  approved: boolean;
  /** Approved, but the document changed (or vanished) since. */
  stale: boolean;
  approvedAt: string | null;
  approvedBy: string | null;
  approvedHash: string | null;
}

export interface WorkflowState {
  spec: string;
  dir: string;
  type: SpecType;
  workflow: WorkflowType;
  phases: PhaseState[];
  /** The first phase to draft or approve (missing, unapproved or stale), or null when all are approved. */
  next: PhaseName | null;
  /** Tiller keeps approvals for this spec (approvals.ts); an untracked spec is never gated at run time. */
  tracked: boolean;
  /** spec.json exists but cannot be read; approvals are then treated as absent. */
  problem: string | null;
}

/** Reads a file of the spec folder; null when absent. Hosts pass one that sees unsaved editors. */
export type ReadText = (path: string) => Promise<string | null>;

export const readFromDisk: ReadText = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR')
      return null;
    throw err;
  }
};

async function readConfig(dir: string, read: ReadText): Promise<SpecConfig | null> {
  const text = await read(join(dir, '.config.kiro'));
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as SpecConfig) : null;
  } catch {
    // The spec engine reports a broken .config.kiro with its line; here it means "Kiro's defaults".
    return null;
  }
}

export async function workflowState(dir: string, read: ReadText = readFromDisk): Promise<WorkflowState> {
  const config = await readConfig(dir, read);
  const hasBugfix = (await read(join(dir, PHASE_FILE.bugfix))) !== null;
  const { type, workflow, phases } = workflowOf(
    config,
    hasBugfix && (await read(join(dir, PHASE_FILE.requirements))) === null,
  );
  const approvals = await readApprovals(dir);
  const states: PhaseState[] = [];
  for (const phase of phases) {
    const path = join(dir, PHASE_FILE[phase]);
    const text = await read(path);
    states.push(phaseState(phase, path, text, approvals.records[phase]));
  }
  const next = states.find((s) => !s.exists || !s.approved || s.stale)?.phase ?? null;
  return {
    spec: basename(dir),
    dir,
    type,
    workflow,
    phases: states,
    next,
    tracked: approvals.tracked,
    problem: approvals.problem,
  };
}

function phaseState(
  phase: PhaseName,
  path: string,
  text: string | null,
  record: ApprovalRecord | undefined,
): PhaseState {
  const approved = record?.approved === true;
  const hash = approved ? (record?.sha256 ?? null) : null;
  // cc-sdd's own `approved: true` carries no hash: approved, and nothing to compare it with.
  const stale = approved && (text === null || (hash !== null && sha256(text) !== hash));
  return {
    phase,
    path,
    exists: text !== null,
    approved,
    stale,
    approvedAt: approved ? (record?.approvedAt ?? null) : null,
    approvedBy: approved ? (record?.approvedBy ?? null) : null,
    approvedHash: hash,
  };
}

export function phaseOf(state: WorkflowState, phase: PhaseName): PhaseState {
  const found = state.phases.find((p) => p.phase === phase);
  if (!found)
    throw new WorkflowError(
      `'${state.spec}' is a ${state.type} spec (${state.workflow}); its phases are ${state.phases.map((p) => p.phase).join(', ')}, not ${phase}`,
    );
  return found;
}

/** A phase whose approval is missing or stale, and why, in words a person acts on. */
export interface Blocker {
  phase: PhaseName;
  reason: string;
}

function blockerOf(p: PhaseState): Blocker | null {
  const file = PHASE_FILE[p.phase];
  if (!p.exists) return { phase: p.phase, reason: `${file} does not exist yet; draft and approve ${p.phase} first` };
  if (!p.approved) return { phase: p.phase, reason: `${p.phase} (${file}) is not approved; approve it first` };
  if (p.stale)
    return { phase: p.phase, reason: `${file} changed since it was approved; review it and approve it again` };
  return null;
}

/** Why `phase` may not be drafted yet: the first earlier phase not approved as it stands; null when it may. */
export function draftBlocker(state: WorkflowState, phase: PhaseName): Blocker | null {
  phaseOf(state, phase);
  for (const p of state.phases) {
    if (p.phase === phase) return null;
    const blocker = blockerOf(p);
    if (blocker) return blocker;
  }
  return null;
}

/**
 * Whether the tasks may run without asking. An untracked spec always may (it runs as it always
 * did). A tracked one needs every phase, tasks last, approved as it stands.
 */
export function runGate(state: WorkflowState): Blocker | null {
  if (!state.tracked) return null;
  for (const p of state.phases) {
    const blocker = blockerOf(p);
    if (blocker) return blocker;
  }
  return null;
}

export class WorkflowError extends Error {}
