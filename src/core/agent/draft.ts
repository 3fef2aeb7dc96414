// A draft: an agent run that writes one phase's document of a spec (requirements.md, bugfix.md,
// design.md or tasks.md). Same runner, providers, policy, trace and follow log as a task run, but
// narrowed (RunScope): read, list and search reach the whole workspace, while write_file and
// edit_file reach only the phase's document; run_command and complete_task are not offered, and
// the draft ends when the model answers without a tool call. The gate is checked here, before
// the model is asked anything: a phase whose earlier phases are not approved as they stand is
// never drafted, whoever asks.
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { SteeringDoc } from '../steering';
import {
  draftBlocker,
  PHASE_FILE,
  readFromDisk,
  withdrawApproval,
  workflowState,
  type Blocker,
  type PhaseName,
  type ReadText,
} from '../specs/workflow';
import type { TraceEventBody } from '../trace';
import { workspacePath } from '../workspace';
import { SteeringInPlay } from './context';
import { DRAFT_INSTRUCTIONS, FORMAT_RULES } from './draft-rules';
import { diskFiles } from './files';
import { StagedFile } from './staged-file';
import { Run, type RunContext, type RunResult, type RunScope, type RunTaskOptions } from './runner';

export interface DraftOptions extends Omit<RunTaskOptions, 'spec' | 'task' | 'prompt' | 'scope'> {
  /** The spec folder's name under .kiro/specs; the folder must exist. */
  spec: string;
  phase: PhaseName;
  /** What the spec is for: needed to draft the first phase from nothing. */
  idea?: string;
  /** A refinement: what to change in the current draft. */
  feedback?: string;
  /** Reads the spec's files (default: disk); the extension's sees unsaved editors. */
  read?: ReadText;
  /**
   * Propose instead of write: the model's writes of the document stay in memory and the result
   * carries the whole new text (`proposal`) for a person to accept; the file and its approval are
   * left as they are. Edits are not reviewed one by one then: the whole document is.
   */
  propose?: boolean;
}

export interface DraftResult {
  spec: string;
  phase: PhaseName;
  /** Absolute path of the phase's document. */
  file: string;
  /**
   * drafted: the document was written (and its approval, if any, withdrawn); proposed: the new
   * text is in `proposal`, nothing was written.
   */
  status: 'drafted' | 'proposed' | 'failed';
  reason: string;
  run: RunResult;
  /** A proposal's document before and after (propose mode). */
  proposal?: { before: string | null; after: string };
}

/** Drafting refused: an earlier phase is missing, unapproved or stale. */
export class DraftBlockedError extends Error {
  constructor(
    readonly phase: PhaseName,
    readonly blocker: Blocker,
  ) {
    super(`cannot draft ${phase} yet: ${blocker.reason}`);
  }
}

export const DRAFT_TOOLS = ['read_file', 'list_files', 'search_files', 'write_file', 'edit_file', 'record_decision'];

const NO_SPEC_PARTS = { requirements: [], design: 'none' as const, designSections: [] };

export function specDir(workspaceRoot: string, spec: string): string {
  return join(resolve(workspaceRoot), '.kiro', 'specs', spec);
}

export async function draftPhase(options: DraftOptions): Promise<DraftResult> {
  if ((options.mode ?? 'autopilot') === 'supervised' && !options.reviewEdit && !options.propose)
    throw new Error('supervised mode needs a reviewEdit callback');
  const root = resolve(options.workspaceRoot);
  const dir = specDir(root, options.spec);
  const read = options.read ?? readFromDisk;
  const state = await workflowState(dir, read);
  const blocker = draftBlocker(state, options.phase);
  if (blocker) throw new DraftBlockedError(options.phase, blocker);
  const file = join(dir, PHASE_FILE[options.phase]);
  const target = workspacePath(root, file);
  // The model's tools read and write the disk (or, proposing, the staged copy), so the draft is
  // judged on what they wrote.
  const base = options.workspaceFiles ?? diskFiles;
  const staged = options.propose
    ? new StagedFile(base, await physical(file), await base.read(await physical(file)))
    : null;
  const before = staged ? staged.current() : await readFromDisk(file);
  const earlier: { file: string; text: string }[] = [];
  for (const p of state.phases) {
    if (p.phase === options.phase) break;
    earlier.push({ file: workspacePath(root, p.path), text: (await read(p.path)) ?? '' });
  }
  if (!earlier.length && before === null && !options.idea?.trim())
    throw new Error(`drafting ${options.phase}, the first phase of '${options.spec}', needs the idea it is for`);

  const scope: RunScope = {
    tools: DRAFT_TOOLS,
    mayWrite: (rel) =>
      refusal(
        rel,
        target,
        options.phase,
        state.phases.map((p) => workspacePath(root, p.path)),
      ),
    endsOnAnswer: true,
  };
  const brief: DraftBrief = {
    target,
    phase: options.phase,
    earlier,
    current: before,
    idea: options.idea,
    feedback: options.feedback,
  };
  const run = await new Run(
    root,
    {
      ref: {
        spec: options.spec,
        specDir: workspacePath(root, dir),
        id: '',
        title: `Draft ${target}`,
        tasksFile: '',
        requirements: [],
      },
      tasksFile: null,
      context: (steering) => new DraftContext(root, steering, brief, options.openFiles ?? []),
    },
    staged ? { ...options, scope, mode: 'autopilot', workspaceFiles: staged.files } : { ...options, scope },
  ).execute();
  const after = staged ? staged.current() : await readFromDisk(file);
  if (run.status !== 'completed')
    return {
      spec: options.spec,
      phase: options.phase,
      file,
      status: 'failed',
      reason: `the draft run ${run.status}: ${run.reason}`,
      run,
    };
  if (after === null || after === before) {
    const reason = `the model ended the draft without ${before === null ? 'writing' : 'changing'} ${target}`;
    return { spec: options.spec, phase: options.phase, file, status: 'failed', reason, run };
  }
  if (staged) {
    const reason = `a new draft of ${target} waits for review`;
    return {
      spec: options.spec,
      phase: options.phase,
      file,
      status: 'proposed',
      reason,
      run,
      proposal: { before, after },
    };
  }
  await withdrawApproval(dir, options.spec, options.phase);
  const status = 'drafted';
  const reason = `${target} drafted`;
  return { spec: options.spec, phase: options.phase, file, status, reason, run };
}

/** The path as the tools see it: symbolic links resolved (the file itself need not exist). */
async function physical(file: string): Promise<string> {
  return realpath(file).catch(async () =>
    join(await realpath(dirname(file)).catch(() => dirname(file)), basename(file)),
  );
}

function refusal(rel: string, target: string, phase: PhaseName, phaseFiles: string[]): string | null {
  if (rel === target) return null;
  const why = phaseFiles.includes(rel)
    ? `${rel} belongs to another phase, drafted in its own run once the phases before it are approved`
    : 'a draft writes nothing but its document; code and other files are changed by the tasks once the spec is approved';
  return `this run drafts ${target} (${phase}) only, so ${rel} may not be written: ${why}`;
}

interface DraftBrief {
  target: string;
  phase: PhaseName;
  earlier: { file: string; text: string }[];
  current: string | null;
  idea?: string;
  feedback?: string;
}

class DraftContext implements RunContext {
  private readonly inPlay: SteeringInPlay;
  private readonly parts: string;

  constructor(
    root: string,
    steering: readonly SteeringDoc[],
    private readonly brief: DraftBrief,
    openFiles: readonly string[],
  ) {
    this.inPlay = new SteeringInPlay(root, steering, brief.feedback ?? brief.idea, undefined);
    for (const f of openFiles) this.inPlay.addFile(f);
    this.parts = brief.earlier.map((d) => `## Approved ${d.file}\n\n${d.text.trim()}`).join('\n\n');
  }

  addFile(rel: string): boolean {
    return this.inPlay.addFile(rel);
  }

  build(turn: number): { system: string; event: TraceEventBody | null } {
    const instructions = `${DRAFT_INSTRUCTIONS(this.brief.target, this.brief.phase)}\n\n${FORMAT_RULES[this.brief.phase]}`;
    return this.inPlay.build(turn, instructions, { text: this.parts, use: NO_SPEC_PARTS });
  }

  taskMessage(): string {
    const b = this.brief;
    const lines: string[] = [];
    if (b.idea?.trim()) lines.push(`The idea:\n${b.idea.trim()}`, '');
    if (b.earlier.length)
      lines.push(
        `Draft ${b.target} from the approved ${b.earlier.map((d) => d.file).join(' and ')} (in the system prompt).`,
      );
    else lines.push(`Draft ${b.target} for this idea.`);
    if (b.current !== null) {
      lines.push('', `${b.target} exists; its current text:`, '', b.current.trimEnd());
      if (b.feedback?.trim()) lines.push('', `Revise it according to this feedback:\n${b.feedback.trim()}`);
      else lines.push('', 'Revise it where the approved documents ask for it; keep what still holds.');
    }
    return lines.join('\n');
  }
}
