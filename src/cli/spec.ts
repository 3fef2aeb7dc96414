// `tiller spec …`: author a spec with the agent, phase by phase, with the gates held here and
// not by the model. A contract for other tools and CI (README "Spec authoring from the CLI"):
// the last stdout line of new/draft/refine/update-tasks is one JSON object; exit 0 success,
// 1 failure, 2 usage error, 3 refused by a gate (an earlier phase unapproved or stale).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { DraftBlockedError, draftPhase, specDir, type DraftResult } from '../core/agent/draft';
import { flattenTasks, loadSpec, parseTasks, writeFileAtomically } from '../core/specs';
import { updateTasks } from '../core/agent/update-tasks';
import { kebabNameProblem } from '../core/templates/spec-templates';
import { newSpecConfig } from '../core/specs/workflow/new-spec';
import {
  isPhaseName,
  phaseOf,
  PHASE_FILE,
  recordApproval,
  specHealth,
  SPEC_TYPES,
  WORKFLOW_TYPES,
  workflowState,
  withdrawApproval,
  WorkflowError,
  type PhaseName,
  type WorkflowType,
} from '../core/specs/workflow';
import type { SpecType } from '../core/specs';
import { workspacePath } from '../core/workspace';
import { parse, printJson, UsageError } from './args';
import {
  authoringRunOptions,
  MODEL_OPTIONS,
  MODEL_USAGE,
  modelFromFlags,
  withCancel,
  type ModelValues,
} from './model-flags';

const USAGE = `usage: tiller spec new NAME (--idea TEXT | --idea-file F) [--type feature|bugfix]
                       [--workflow requirements-first|design-first] MODEL
       tiller spec status NAME [--json]
       tiller spec approve NAME PHASE [--by NAME]
       tiller spec draft NAME PHASE [--idea TEXT | --idea-file F] MODEL
       tiller spec refine NAME PHASE --feedback TEXT MODEL
       tiller spec update-tasks NAME MODEL [--remove-missing]
       (every command takes --workspace DIR)

${MODEL_USAGE}

PHASE is requirements, bugfix, design or tasks. A phase is drafted only when every phase before it
is approved as it stands; otherwise the command exits 3 naming the blocking phase.
new, draft, refine and update-tasks end stdout with {"spec", "phase", "file", "status"}
(status "drafted" | "failed"). update-tasks merges the agent's revised plan into tasks.md, keeping
every status and hand-written line; it adds "kept" (a count), "added" (ids) and "removed"
([{id, title, status, dropped}]): removed tasks stay at the end unless --remove-missing.
Exit code: 0 success, 1 failure, 2 usage error, 3 refused by a gate.`;

export const GATE_EXIT = 3;

interface Values extends ModelValues {
  idea?: string;
  'idea-file'?: string;
  type?: string;
  workflow?: string;
  feedback?: string;
  by?: string;
  'remove-missing': boolean;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse<Values>(
    argv,
    {
      ...MODEL_OPTIONS,
      idea: { type: 'string' },
      'idea-file': { type: 'string' },
      type: { type: 'string' },
      workflow: { type: 'string' },
      feedback: { type: 'string' },
      by: { type: 'string' },
      'remove-missing': { type: 'boolean', default: false },
    },
    USAGE,
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, name, phaseArg, ...extra] = positionals;
  if (!command) throw new UsageError('give a command: new, status, approve, draft, refine or update-tasks', USAGE);
  if (!name) throw new UsageError(`tiller spec ${command} needs the spec's NAME`, USAGE);
  const wantsPhase = command === 'approve' || command === 'draft' || command === 'refine';
  if (extra.length || (!wantsPhase && phaseArg !== undefined))
    throw new UsageError(`unexpected argument '${extra[0] ?? phaseArg}'`, USAGE);
  const root = values.workspace;
  let phase: PhaseName | undefined;
  if (wantsPhase) {
    if (!phaseArg) throw new UsageError(`tiller spec ${command} needs a PHASE`, USAGE);
    if (!isPhaseName(phaseArg))
      throw new UsageError(`unknown phase '${phaseArg}'; phases are requirements, bugfix, design, tasks`, USAGE);
    phase = phaseArg;
  }
  if (command !== 'new' && !existsSync(specDir(root, name))) {
    console.error(`tiller spec: no spec '${name}' in ${workspacePath(root, join(root, '.kiro', 'specs'))}`);
    return 1;
  }
  try {
    switch (command) {
      case 'new':
        return await newSpec(root, name, values);
      case 'status':
        return await status(root, name, values.json);
      case 'approve':
        return await approve(root, name, phase as PhaseName, values.by);
      case 'draft':
        return await draft(root, name, phase as PhaseName, values, { idea: await ideaOf(root, values, false) });
      case 'refine':
        if (!values.feedback?.trim()) throw new UsageError('tiller spec refine needs --feedback TEXT', USAGE);
        if (!existsSync(join(specDir(root, name), PHASE_FILE[phase as PhaseName]))) {
          console.error(`tiller spec refine: ${PHASE_FILE[phase as PhaseName]} does not exist yet; draft it first`);
          return 1;
        }
        return await draft(root, name, phase as PhaseName, values, { feedback: values.feedback });
      case 'update-tasks':
        return await updateTasksCommand(root, name, values);
      default:
        throw new UsageError(`unknown command '${command}'`, USAGE);
    }
  } catch (err) {
    if (err instanceof DraftBlockedError) {
      console.error(`tiller spec ${command}: ${err.message}`);
      return GATE_EXIT;
    }
    if (err instanceof WorkflowError) {
      console.error(`tiller spec ${command}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

async function newSpec(root: string, name: string, values: Values): Promise<number> {
  const problem = kebabNameProblem(name);
  if (problem) throw new UsageError(`spec name '${name}': ${problem}`, USAGE);
  const type = (values.type ?? 'feature') as SpecType;
  if (!SPEC_TYPES.includes(type)) throw new UsageError(`--type must be feature or bugfix, not '${values.type}'`, USAGE);
  const workflow = (values.workflow ?? 'requirements-first') as WorkflowType;
  if (!WORKFLOW_TYPES.includes(workflow))
    throw new UsageError(`--workflow must be requirements-first or design-first, not '${values.workflow}'`, USAGE);
  const idea = await ideaOf(root, values, true);
  const choice = modelFromFlags(values, USAGE);
  const dir = specDir(root, name);
  if (existsSync(dir)) {
    console.error(
      `tiller spec new: ${workspacePath(root, dir)} already exists; draft its phases with tiller spec draft`,
    );
    return 1;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.config.kiro'), newSpecConfig(type, workflow));
  const first = (await workflowState(dir)).phases[0].phase;
  return draft(root, name, first, values, { idea }, choice);
}

/** --idea or --idea-file; required by `new`, optional for `draft` (the first phase needs one). */
async function ideaOf(root: string, values: Values, needed: boolean): Promise<string | undefined> {
  if (values.idea !== undefined && values['idea-file'] !== undefined)
    throw new UsageError('give one of --idea TEXT and --idea-file F, not both', USAGE);
  if (values.idea === undefined && values['idea-file'] === undefined) {
    if (needed) throw new UsageError('give --idea TEXT or --idea-file F', USAGE);
    return undefined;
  }
  const idea = values.idea ?? (await readFile(join(root, values['idea-file'] as string), 'utf8').catch(() => null));
  if (idea === null) throw new UsageError(`--idea-file ${values['idea-file']}: cannot read it`, USAGE);
  if (!idea.trim()) throw new UsageError('the idea is empty', USAGE);
  return idea;
}

async function draft(
  root: string,
  name: string,
  phase: PhaseName,
  values: Values,
  input: { idea?: string; feedback?: string },
  choice = modelFromFlags(values, USAGE),
): Promise<number> {
  const state = await workflowState(specDir(root, name));
  if (!input.idea && state.phases[0].phase === phase && !phaseOf(state, phase).exists)
    throw new UsageError(
      `${phase} is the first phase of '${name}': give the idea with --idea TEXT or --idea-file F`,
      USAGE,
    );
  const result: DraftResult = await withCancel('tiller spec', (signal) =>
    draftPhase({
      workspaceRoot: root,
      spec: name,
      phase,
      ...input,
      ...authoringRunOptions(choice, signal),
    }),
  );
  process.stderr.write(`${result.status}: ${result.reason}\n`);
  process.stdout.write(
    `${JSON.stringify({ spec: name, phase, file: workspacePath(root, result.file), status: result.status })}\n`,
  );
  return result.status === 'drafted' ? 0 : 1;
}

async function updateTasksCommand(root: string, name: string, values: Values): Promise<number> {
  const choice = modelFromFlags(values, USAGE);
  const current = await readFile(join(specDir(root, name), PHASE_FILE.tasks), 'utf8').catch(() => null);
  // Headless, nobody confirms a removal: removed tasks are kept unless --remove-missing says drop them all.
  const drop = new Set(
    values['remove-missing'] && current !== null ? flattenTasks(parseTasks(current, '').tasks).map((t) => t.id) : [],
  );
  const result = await withCancel('tiller spec', (signal) =>
    updateTasks({
      workspaceRoot: root,
      spec: name,
      drop,
      ...authoringRunOptions(choice, signal),
    }),
  );
  const file = workspacePath(root, result.file);
  const merge = result.merge;
  if (merge) {
    await writeFileAtomically(result.file, merge.text);
    await withdrawApproval(specDir(root, name), name, 'tasks');
    for (const r of merge.removed)
      process.stderr.write(
        `${r.dropped ? 'removed' : 'kept (not in the revised plan)'}: ${r.id} ${r.title} [${r.status}]\n`,
      );
  }
  process.stderr.write(`${merge ? 'merged' : 'failed'}: ${result.reason}\n`);
  process.stdout.write(
    `${JSON.stringify({
      spec: name,
      phase: 'tasks',
      file,
      status: merge ? 'drafted' : 'failed',
      kept: merge?.kept.length ?? 0,
      added: merge?.added.map((a) => a.id) ?? [],
      removed: merge?.removed.map((r) => ({ id: r.id, title: r.title, status: r.status, dropped: r.dropped })) ?? [],
    })}\n`,
  );
  return merge ? 0 : 1;
}

async function status(root: string, name: string, json: boolean): Promise<number> {
  const dir = specDir(root, name);
  const state = await workflowState(dir);
  const spec = loadSpec(dir);
  const health = spec ? specHealth(spec) : null;
  const out = {
    spec: name,
    type: state.type,
    workflow: state.workflow,
    phases: state.phases.map((p) => ({
      phase: p.phase,
      file: workspacePath(root, p.path),
      exists: p.exists,
      approved: p.approved,
      stale: p.stale,
      approvedAt: p.approvedAt,
      approvedHash: p.approvedHash,
      approvedBy: p.approvedBy,
    })),
    next: state.next,
    tracked: state.tracked,
    health,
  };
  if (state.problem) process.stderr.write(`tiller spec status: ${state.problem}\n`);
  if (json) {
    printJson(out);
    return 0;
  }
  console.log(`${name}: ${state.type} spec, ${state.workflow}`);
  for (const p of out.phases) {
    const mark = !p.exists
      ? 'missing'
      : p.stale
        ? 'STALE (changed since approval)'
        : p.approved
          ? 'approved'
          : 'drafted';
    console.log(
      `  ${p.phase.padEnd(12)} ${p.file}  ${mark}${p.approved ? ` by ${p.approvedBy ?? '?'} ${p.approvedAt ?? ''}` : ''}`,
    );
  }
  console.log(`  next: ${state.next ?? 'nothing: every phase is approved'}`);
  if (health) {
    const pct = (n: number | null) => (n === null ? '–' : `${n}%`);
    console.log(
      `  health: ${health.criteria} criteria, ${pct(health.earsPercent)} EARS, ${pct(health.citedPercent)} cited by a task; ${health.tasks} tasks, ${pct(health.tasksCitingPercent)} citing a requirement`,
    );
    if (health.requirementsWithoutCriteria.length)
      console.log(`  requirements without criteria: ${health.requirementsWithoutCriteria.join(', ')}`);
    for (const a of health.ambiguous) console.log(`  ambiguous: ${a.criterion} (${a.words.join(', ')})`);
  }
  return 0;
}

async function approve(root: string, name: string, phase: PhaseName, by: string | undefined): Promise<number> {
  const dir = specDir(root, name);
  const p = phaseOf(await workflowState(dir), phase);
  let text: string;
  try {
    text = await readFile(p.path, 'utf8');
  } catch {
    console.error(`tiller spec approve: ${workspacePath(root, p.path)} does not exist; draft it first`);
    return 1;
  }
  const record = await recordApproval(dir, name, phase, text, by ?? whoami());
  console.log(`approved ${phase} of ${name} (${workspacePath(root, p.path)}, sha256 ${record.sha256?.slice(0, 12)}…)`);
  return 0;
}

export function whoami(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
