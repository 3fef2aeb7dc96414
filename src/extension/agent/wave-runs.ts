// What a person sees of Run All when tasks run side by side (tiller.agent.parallelism > 1): the
// offer to run one at a time when the workspace cannot hold worktrees, the outcome of the run, and
// for each task kept in its worktree (a conflict, a failure with work in it) its files with "Open
// Worktree" (a new window on it) and "Discard" (worktree and branch removed, the task's work gone);
// after a reload or crash mid-wave, what recovery put back and the worktrees left, with Discard.
import * as vscode from 'vscode';
import type { TaskOutcome } from '../../core/waves/executor';
import { openRepository, removeWorktree, type InterruptedWaves, type WavesResult } from '../../core/waves';
import type { RunState } from './runs';

const ONE_BY_ONE = 'Run One at a Time';
const OPEN_WORKTREE = 'Open Worktree';
const DISCARD = 'Discard';

/** A wave task's state in the run list: completed only once its changes are in the workspace. */
export function waveTaskState(outcome: TaskOutcome): RunState {
  if (outcome.status === 'completed') return outcome.merged ? 'completed' : 'failed';
  return outcome.status === 'not-run' ? 'cancelled' : outcome.status;
}

/** True when the person chose to run the tasks in place, one after the other. */
export async function offerOneByOne(spec: string, reason: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Tiller: the tasks of "${spec}" cannot run side by side: ${reason}.`,
    ONE_BY_ONE,
  );
  return choice === ONE_BY_ONE;
}

export async function reportWaves(result: WavesResult, root: string, log: vscode.LogOutputChannel): Promise<void> {
  const merged = result.tasks.filter((t) => t.merged).length;
  const kept = result.tasks.filter((t) => t.worktree && t.branch);
  for (const task of kept) void offerKept(task, root, log);
  if (result.status === 'completed')
    void vscode.window.showInformationMessage(
      `Tiller: every task of "${result.spec}" ran and merged (${merged} in ${result.waves.length} wave${result.waves.length === 1 ? '' : 's'}).`,
    );
  else if (result.status === 'cancelled')
    void vscode.window.showInformationMessage(
      `Tiller: Run All of "${result.spec}" was cancelled; ${merged} task(s) had merged, the others are back to [ ].`,
    );
  else
    void vscode.window.showErrorMessage(
      `Tiller: Run All of "${result.spec}" stopped: ${result.reason} (${merged} task(s) merged).`,
    );
}

async function offerKept(task: TaskOutcome, root: string, log: vscode.LogOutputChannel): Promise<void> {
  const what = task.conflicts.length
    ? `did not merge: its changes conflict in ${task.conflicts.join(', ')}`
    : `did not complete (${task.reason})`;
  const choice = await vscode.window.showWarningMessage(
    `Tiller: task ${task.id} ${what}. Its work is kept on branch ${task.branch} in ${task.worktree}.`,
    OPEN_WORKTREE,
    DISCARD,
  );
  if (choice === OPEN_WORKTREE)
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(task.worktree as string), {
      forceNewWindow: true,
    });
  else if (choice === DISCARD)
    await discard(root, { path: task.worktree as string, branch: task.branch as string }, log);
}

export async function discard(root: string, kept: { path: string; branch: string }, log: vscode.LogOutputChannel) {
  try {
    await removeWorktree(await openRepository(root), kept);
    log.info(`discarded ${kept.branch} (${kept.path})`);
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Tiller: could not discard ${kept.branch}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export async function offerInterruptedWave(
  wave: InterruptedWaves,
  root: string,
  log: vscode.LogOutputChannel,
): Promise<void> {
  log.warn(`Run All of ${wave.spec} was interrupted: tasks ${wave.restored.join(', ') || 'none'} back to [ ]`);
  const back = wave.restored.length ? ` Task(s) ${wave.restored.join(', ')} are back to [ ].` : '';
  const kept = wave.kept.length
    ? ` ${wave.kept.length} worktree(s) are left: ${wave.kept.map((k) => k.branch).join(', ')}.`
    : '';
  const choice = await vscode.window.showWarningMessage(
    `Tiller: Run All of "${wave.spec}" was interrupted when the window reloaded or closed.${back}${kept}`,
    ...(wave.kept.length ? [DISCARD] : []),
  );
  if (choice === DISCARD) for (const k of wave.kept) await discard(root, k, log);
}
