// `tiller waves`: a spec's wave plan without running anything, the worktrees kept from earlier
// waves, and `--discard` to remove them. `tiller run --spec S --all [--parallel N]` (runAll): the
// remaining required tasks wave by wave, headless; progress on stderr, one line per event with
// its task; the last stdout line is the outcome. Exit 0 only when every task completed and merged.
import { resolve } from 'node:path';
import { DEFAULT_ALLOW, DEFAULT_DENY } from '../core/policy';
import { runGate, workflowState } from '../core/specs/workflow';
import {
  branchName,
  keptWorktrees,
  openRepository,
  planWaves,
  recoverWaves,
  removeWorktree,
  runWaves,
  WavesRefusedError,
  type InterruptedWaves,
  type WavesResult,
} from '../core/waves';
import { loadSpecIndex, requireSpec, workspacePath } from '../core/workspace';
import { parse, printJson, required, UsageError } from './args';
import { MODEL_OPTIONS, MODEL_USAGE, modelFromFlags, withCancel, type ModelValues } from './model-flags';
import { progress } from './run';

const USAGE = `usage: tiller waves --spec NAME|FOLDER [--json] [--workspace DIR]
       tiller waves --spec NAME|FOLDER --discard [--task ID]

  The wave plan: tasks of one wave may run at the same time; a wave starts when the one before it
  has merged. Dependencies: _Depends: 1.2, 3_ lines, (P) / [P] after a task's number, otherwise
  document order (README: "Parallel tasks").
  --json     {spec, specDir, waves: [["1.1","1.2"],["2"],…], blocked: [{id, waitingOn, reason}], kept: [{branch, worktree}]}
  --discard  remove the worktrees and branches kept for this spec (after a conflict or a failure);
             --task ID only that task's`;

const RUN_USAGE = `usage: tiller run --spec NAME|FOLDER --all [--parallel N] ${MODEL_USAGE.replace(/^model: /, '')}
                  [--allow PATTERN]... [--deny PATTERN]... [--allow-unapproved] [--workspace DIR]

  Runs the spec's remaining required tasks wave by wave (see tiller waves). With --parallel N > 1,
  up to N tasks of a wave run at once, each in its own git worktree on branch tiller/<spec>/<task>,
  merged back (its commit rebased onto the current HEAD, then fast-forward) as each completes; tasks.md's
  markers are set by Tiller alone. --parallel 1 (the default) runs them in place, one by one.
  The last line of stdout is
    {spec, status: "completed"|"failed"|"cancelled", waves: [[ids]…],
     tasks: [{id, status, runId, branch, worktree, merged, conflicts: [files]}]}
  Exit code: 0 every task completed and merged, 1 otherwise, 2 usage error, 3 refused (approvals
  missing or stale, or worktrees impossible here: not a git repository, the spec not committed).`;

interface WavesValues {
  spec?: string;
  discard: boolean;
  task?: string;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<WavesValues>(
    argv,
    { spec: { type: 'string' }, discard: { type: 'boolean', default: false }, task: { type: 'string' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.workspace;
  reportInterruptedWaves(await recoverWaves({ workspaceRoot: root }));
  const spec = requireSpec(await loadSpecIndex(root), required(values.spec, 'spec', USAGE));
  if (values.task !== undefined && !values.discard) throw new UsageError('--task goes with --discard', USAGE);
  const repo = await openRepository(root).catch(() => null);
  const prefix = branchName(spec.name, 'x').slice(0, -1);
  const kept = repo ? (await keptWorktrees(repo)).filter((w) => w.branch.startsWith(prefix)) : [];
  if (values.discard) {
    const chosen =
      values.task === undefined ? kept : kept.filter((w) => w.branch === branchName(spec.name, values.task!));
    if (values.task !== undefined && !chosen.length) {
      console.error(`tiller waves: no worktree is kept for task ${values.task} of '${spec.name}'`);
      return 1;
    }
    for (const w of chosen) {
      await removeWorktree(repo!, w);
      console.log(`discarded ${w.branch} (${w.path})`);
    }
    if (!chosen.length) console.log(`No worktree is kept for '${spec.name}'.`);
    return 0;
  }
  const plan = planWaves(spec.tasks);
  const out = {
    spec: spec.name,
    specDir: workspacePath(root, spec.dir),
    waves: plan.waves,
    blocked: plan.blocked,
    kept: kept.map((w) => ({ branch: w.branch, worktree: w.path })),
  };
  if (values.json) printJson(out);
  else {
    plan.waves.forEach((wave, i) => console.log(`wave ${i + 1}: ${wave.join(', ')}`));
    for (const b of plan.blocked) console.log(`blocked: ${b.id} ${b.reason}`);
    for (const w of out.kept) console.log(`kept: ${w.branch} at ${w.worktree} (tiller waves --discard)`);
    if (!plan.waves.length && !plan.blocked.length) console.log(`No task left in '${spec.name}'.`);
  }
  return 0;
}

interface RunAllValues extends ModelValues {
  spec?: string;
  all: boolean;
  parallel?: string;
  allow?: string[];
  deny?: string[];
  'allow-unapproved': boolean;
}

export async function runAll(argv: string[]): Promise<number> {
  const { values } = parse<RunAllValues>(
    argv,
    {
      ...MODEL_OPTIONS,
      spec: { type: 'string' },
      all: { type: 'boolean', default: false },
      parallel: { type: 'string' },
      allow: { type: 'string', multiple: true },
      deny: { type: 'string', multiple: true },
      'allow-unapproved': { type: 'boolean', default: false },
    },
    RUN_USAGE,
  );
  if (values.help) {
    console.log(RUN_USAGE);
    return 0;
  }
  const root = resolve(values.workspace);
  const specName = required(values.spec, 'spec', RUN_USAGE);
  const parallel = values.parallel === undefined ? 1 : Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new UsageError('--parallel must be a positive whole number', RUN_USAGE);
  const model = modelFromFlags(values, RUN_USAGE);
  reportInterruptedWaves(await recoverWaves({ workspaceRoot: root }));
  const spec = requireSpec(await loadSpecIndex(root), specName);
  const blocker = runGate(await workflowState(spec.dir));
  if (blocker && !values['allow-unapproved']) {
    console.error(`tiller run: '${specName}' is not approved to run: ${blocker.reason} (or pass --allow-unapproved)`);
    return 3;
  }
  const concurrent = parallel > 1;
  let result: WavesResult;
  try {
    result = await withCancel('tiller run', (signal) =>
      runWaves({
        workspaceRoot: root,
        spec: spec.dir,
        parallelism: parallel,
        provider: model.provider,
        rules: { allow: [...DEFAULT_ALLOW, ...(values.allow ?? [])], deny: [...DEFAULT_DENY, ...(values.deny ?? [])] },
        storageDir: model.storageDir,
        maxTurns: model.maxTurns,
        maxTokens: model.maxTokens,
        commands: { secretNames: [model.keyVar] },
        signal,
        onWave: (i, tasks) => process.stderr.write(`wave ${i + 1}: ${tasks.join(', ')}\n`),
        onTaskEvent: (task, e) => {
          const line = progress(e);
          if (line) process.stderr.write(concurrent ? `[${task}] ${line}\n` : `${line}\n`);
        },
        onStatus: (task, status) => process.stderr.write(`[${task}] task ${task}: ${status}\n`),
        onTaskEnd: (t) => {
          if (t.conflicts.length)
            process.stderr.write(
              `[${t.id}] conflicts: ${t.conflicts.join(', ')} (kept: ${t.branch} at ${t.worktree})\n`,
            );
          else if (t.worktree) process.stderr.write(`[${t.id}] kept: ${t.branch} at ${t.worktree}\n`);
        },
      }),
    );
  } catch (err) {
    if (!(err instanceof WavesRefusedError)) throw err;
    console.error(`tiller run: cannot run tasks in parallel: ${err.message} (--parallel 1 runs them in place)`);
    return 3;
  }
  if (result.status !== 'completed') process.stderr.write(`${result.status}: ${result.reason}\n`);
  process.stdout.write(
    `${JSON.stringify({
      spec: result.spec,
      specDir: result.specDir,
      status: result.status,
      waves: result.waves,
      tasks: result.tasks.map((t) => ({
        id: t.id,
        status: t.status,
        runId: t.runId,
        branch: t.branch,
        worktree: t.worktree,
        merged: t.merged,
        conflicts: t.conflicts,
      })),
    })}\n`,
  );
  return result.status === 'completed' && result.tasks.every((t) => t.status === 'completed' && t.merged) ? 0 : 1;
}

/** A Run All whose process ended mid-wave: what was put back, and what is left to clean up. */
function reportInterruptedWaves(found: InterruptedWaves[]): void {
  for (const w of found) {
    const back = w.restored.length ? `; task(s) ${w.restored.join(', ')} back to [ ]` : '';
    process.stderr.write(`tiller: a Run All of '${w.spec}' was interrupted: its process is gone${back}\n`);
    for (const k of w.kept)
      process.stderr.write(`tiller: kept: ${k.branch} at ${k.path} (tiller waves --spec ${w.spec} --discard)\n`);
  }
}
