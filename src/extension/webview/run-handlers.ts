// Requests from the follow log: answering approvals and edit reviews, the run buttons (the run
// service's commands do the work), opening an edit in the diff editor, and the runs behind each
// requirement for the spec view's Traceability tab.
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { listRuns, readTrace, traceFile } from '../../core/trace';
import type { RequirementRun } from '../../protocol';
import type { Handlers } from './handler-types';
import { editSides } from './edit-contents';
import { requirementRuns } from './requirement-runs';
import { runRoot, tracePath } from './run-traces';

type RunHandlers = Pick<
  Handlers,
  | 'approval.answer'
  | 'review.answer'
  | 'run.earlier'
  | 'run.show'
  | 'run.export'
  | 'run.revert'
  | 'run.cancel'
  | 'edit.openDiff'
  | 'file.open'
  | 'spec.requirementRuns'
>;

/** Requirement lookups read at most this many of the newest traces. */
const TRACED_RUNS = 200;

export const runHandlers: RunHandlers = {
  'approval.answer': async ({ id, answer }, { services }) => {
    const { approvals } = await services();
    return { answered: approvals.answer(id, answer) };
  },
  'review.answer': async ({ id, accept, reason }, { services }) => {
    const { runs } = await services();
    return { answered: runs.answerEditReview(id, accept ? { accept: true } : { accept: false, reason }) };
  },
  'run.earlier': async ({ runId, before }, { services }) => {
    const path = tracePath(runId, (await services()).runs.runs());
    if (!path) throw new Error(`The trace of run ${runId} is not in this workspace.`);
    return { events: (await readTrace(path)).events.filter((e) => e.seq < before) };
  },
  'run.show': async ({ runId }) => {
    await vscode.commands.executeCommand('tiller.showFollowLog', runId);
    return null;
  },
  'run.export': async ({ runId }) => {
    await vscode.commands.executeCommand('tiller.exportRun', runId);
    return null;
  },
  'run.revert': async ({ runId }) => {
    await vscode.commands.executeCommand('tiller.revertRun', runId);
    return null;
  },
  'run.cancel': async ({ runId }) => {
    await vscode.commands.executeCommand('tiller.cancelRun', runId);
    return null;
  },
  'edit.openDiff': async ({ runId, seq }, { services, before }) => {
    const session = (await services()).runs.runs();
    const path = tracePath(runId, session);
    const root = runRoot(runId, session);
    if (!path || !root) throw new Error(`The trace of run ${runId} is not in this workspace.`);
    const { events } = await readTrace(path);
    const edit = events.find((e) => e.type === 'edit' && e.seq === seq);
    if (edit?.type !== 'edit') throw new Error(`Run ${runId} has no edit #${seq}.`);
    const file = join(root, edit.path);
    const sides = editSides(events, seq, existsSync(file) ? readFileSync(file, 'utf8') : null);
    const left = before.uri(edit.path, runId, seq, 'before', sides.before);
    const right =
      sides.after === null ? vscode.Uri.file(file) : before.uri(edit.path, runId, seq, 'after', sides.after);
    const note = sides.partial
      ? ' (changed since; edited regions only)'
      : sides.after === null
        ? ''
        : ' (as of this edit)';
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `${edit.path}: before ↔ after edit #${seq}${note}`,
      { preview: true },
    );
    return null;
  },
  'file.open': async ({ path }) => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const full = root && !isAbsolute(path) ? join(root, path) : path;
    const rel = root ? relative(root, full) : '..';
    if (rel.startsWith('..') || isAbsolute(rel) || !existsSync(full))
      throw new Error(`${path} is not a file in this workspace.`);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(full));
    return null;
  },
  'spec.requirementRuns': async ({ specDir }) => {
    const byRequirement: Record<string, RequirementRun[]> = {};
    for (const root of (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)) {
      const dir = relative(root, specDir);
      if (dir.startsWith('..') || isAbsolute(dir)) continue;
      const files = (await listRuns(root)).slice(-TRACED_RUNS).map((id) => traceFile(root, id));
      const traces = await Promise.all(
        files.map((file) =>
          readTrace(file).then(
            (t) => t.events,
            () => [],
          ),
        ),
      );
      requirementRuns(traces, { dir: dir.split(sep).join('/'), name: basename(specDir) }, byRequirement);
    }
    return byRequirement;
  },
};
