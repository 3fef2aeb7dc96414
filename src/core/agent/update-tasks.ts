// "Update tasks": after requirements or design changed, the agent proposes a revised tasks.md
// (a read-only answer run) and the proposal is merged into the current file (merge-tasks.ts), so
// every status marker and hand-written line survives. Writing the result is the host's: the CLI
// writes it, the extension shows it in a diff editor first. Gated like drafting the tasks phase.
import { join } from 'node:path';
import { parseTasks } from '../specs';
import {
  draftBlocker,
  mergeTasks,
  PHASE_FILE,
  readFromDisk,
  workflowState,
  type ReadText,
  type TaskMerge,
} from '../specs/workflow';
import { workspacePath } from '../workspace';
import { runForAnswer, type AnswerRunOptions } from './answer-run';
import { DraftBlockedError, specDir } from './draft';
import { FORMAT_RULES } from './draft-rules';
import type { RunResult } from './runner';

export interface UpdateTasksOptions extends Omit<AnswerRunOptions, 'ref' | 'instructions' | 'message' | 'material'> {
  spec: string;
  /** Current ids of removed tasks the person confirmed to drop; the others are kept. */
  drop?: ReadonlySet<string>;
  read?: ReadText;
}

export interface UpdateTasksResult {
  /** Absolute path of tasks.md. */
  file: string;
  /** The text tasks.md had; null when it did not exist. */
  before: string | null;
  /** null when the run failed or proposed no task. */
  merge: TaskMerge | null;
  /** The model's revised plan, before the merge. */
  proposal: string | null;
  reason: string;
  run: RunResult;
}

const INSTRUCTIONS = `You are Tiller's spec author. The requirements or design of a spec changed, and its implementation plan (tasks.md) must follow. You revise the plan; you do not write files.

How to work:
- The approved documents and the current tasks.md are below. Read the workspace (list_files, search_files, read_file) where you need to know what is already built.
- Keep every task that still holds with its number and title unchanged, so Tiller can carry its status over; change, add or remove only what the changed documents ask for.
- Your final answer, with no tool call, is the complete revised tasks.md and nothing else (no preamble, no commentary). Tiller merges it into the file: statuses and the person's own notes are kept.

${FORMAT_RULES.tasks}`;

export async function updateTasks(options: UpdateTasksOptions): Promise<UpdateTasksResult> {
  const dir = specDir(options.workspaceRoot, options.spec);
  const read = options.read ?? readFromDisk;
  const state = await workflowState(dir, read);
  const blocker = draftBlocker(state, 'tasks');
  if (blocker) throw new DraftBlockedError('tasks', blocker);
  const file = join(dir, PHASE_FILE.tasks);
  const before = await read(file);
  const docs: string[] = [];
  for (const p of state.phases) {
    if (p.phase === 'tasks') break;
    docs.push(`## Approved ${workspacePath(options.workspaceRoot, p.path)}\n\n${((await read(p.path)) ?? '').trim()}`);
  }
  const { answer, run } = await runForAnswer({
    ...options,
    ref: {
      spec: options.spec,
      specDir: workspacePath(options.workspaceRoot, dir),
      title: `Update ${workspacePath(options.workspaceRoot, file)}`,
    },
    instructions: INSTRUCTIONS,
    material: docs.join('\n\n'),
    message:
      before === null
        ? 'tasks.md does not exist yet. Answer with the complete plan.'
        : `The current tasks.md:\n\n${before.trimEnd()}\n\nAnswer with the complete revised tasks.md.`,
  });
  const base = { file, before, proposal: answer, run };
  if (answer === null) return { ...base, merge: null, reason: `the run ${run.status}: ${run.reason}` };
  if (!parseTasks(answer, '').tasks.length)
    return { ...base, merge: null, reason: 'the model answered without a task list; tasks.md is unchanged' };
  const merge = mergeTasks(before ?? '', answer, options.drop);
  return { ...base, merge, reason: 'merged' };
}
