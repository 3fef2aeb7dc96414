// Commands on a single task: open it at its line, mark it done, reset it, run it (through the run
// service, on the model the person configured). Status edits go through the engine's minimal edits
// on the file's current content.
import * as vscode from 'vscode';
import type { Spec, TaskStatus } from '../core/specs/model';
import { nextTask, setTaskStatus } from '../core/specs';
import type { WorkspaceModel } from './workspace-model';
import { applyToFile } from './document-edits';
import { toTaskRef, type TaskRef } from './task-ref';
import type { RunService } from './agent/runs';
import type { RunResult } from '../core/agent';

export function registerTaskCommands(model: WorkspaceModel, runs: RunService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tiller.openTask', (arg: unknown) => openTask(model, arg)),
    vscode.commands.registerCommand('tiller.markTaskDone', (arg: unknown) => changeStatus(model, arg, 'done')),
    vscode.commands.registerCommand('tiller.resetTask', (arg: unknown) => changeStatus(model, arg, 'todo')),
    vscode.commands.registerCommand('tiller.runTask', (arg: unknown) => runTask(model, runs, toTaskRef(arg))),
    vscode.commands.registerCommand('tiller.runNextTask', (arg: unknown) => runNextTask(model, runs, arg)),
  );
}

function resolve(model: WorkspaceModel, arg: unknown) {
  const ref = toTaskRef(arg);
  const found = ref && model.task(ref.specDir, ref.taskId);
  if (!found) {
    void vscode.window.showErrorMessage(
      ref ? `Tiller: task ${ref.taskId} is no longer in its spec.` : 'Tiller: no task given.',
    );
  }
  return found;
}

async function openTask(model: WorkspaceModel, arg: unknown): Promise<void> {
  const found = resolve(model, arg);
  const file = found?.spec.documents.tasks;
  if (!found || !file) return;
  const document = await vscode.workspace.openTextDocument(file);
  const line = Math.min(found.task.span.line - 1, document.lineCount - 1);
  const position = new vscode.Position(line, document.lineAt(line).firstNonWhitespaceCharacterIndex);
  await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(position, position),
    preview: true,
  });
}

async function changeStatus(model: WorkspaceModel, arg: unknown, status: TaskStatus): Promise<void> {
  const found = resolve(model, arg);
  const file = found?.spec.documents.tasks;
  if (!found || !file) return;
  try {
    await applyToFile(vscode.Uri.file(file), (text) => setTaskStatus(text, found.task.id, status).edits);
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Tiller: could not update task ${found.task.id}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

async function runTask(model: WorkspaceModel, runs: RunService, ref: TaskRef | undefined) {
  const found = ref && model.task(ref.specDir, ref.taskId);
  if (!ref || !found) {
    void vscode.window.showErrorMessage('Tiller: that task is no longer in its spec.');
    return undefined;
  }
  return runs.runTask({ specDir: ref.specDir, taskId: ref.taskId, trigger: 'you' });
}

/**
 * Run Next Task: the spec it is given (a Specs node, the spec view), else the spec of the active
 * editor, else the person picks among the specs that have work. Never "the first spec by name":
 * that ran a spec nobody was looking at.
 */
async function runNextTask(model: WorkspaceModel, runs: RunService, arg: unknown): Promise<RunResult | undefined> {
  const given = specDirOf(arg);
  const active = vscode.window.activeTextEditor?.document.uri;
  const scoped = given
    ? model.specByDir(given)
    : active?.scheme === 'file'
      ? model.specForDocument(active.fsPath)
      : undefined;
  const withWork = model.specs().filter((s) => nextTask([s]));
  if (scoped) {
    const next = nextTask([scoped]);
    if (next) return runTask(model, runs, { specDir: scoped.dir, taskId: next.task.id });
    const other = withWork[0];
    const offer = other ? `Run Next in ${label(model, other)}` : undefined;
    const choice = await vscode.window.showInformationMessage(
      `Tiller: ${label(model, scoped)} has no task left to run: every non-optional task is done, in progress or queued.${other ? ` ${label(model, other)} has work.` : ''}`,
      ...(offer ? [offer] : []),
    );
    return choice && other ? runNextTask(model, runs, { specDir: other.dir }) : undefined;
  }
  if (!withWork.length) {
    void vscode.window.showInformationMessage(
      'Tiller: no task is left to run in any spec: every non-optional task is done, in progress or queued.',
    );
    return undefined;
  }
  const picked =
    withWork.length === 1
      ? withWork[0]
      : (
          await vscode.window.showQuickPick(
            withWork.map((spec) => {
              const c = model.counts(spec);
              return {
                label: spec.name,
                description: vscode.workspace.asRelativePath(spec.dir),
                detail: `${c.done}/${c.total} done · next: ${nextTask([spec])?.task.id} ${nextTask([spec])?.task.title}`,
                spec,
              };
            }),
            // The walkthrough's Run Next Task button re-renders its page as the step completes,
            // which takes focus: the pick must not close with it.
            { title: 'Run the next task of which spec?', ignoreFocusOut: true },
          )
        )?.spec;
  if (!picked) return undefined;
  const next = nextTask([picked]);
  return next ? runTask(model, runs, { specDir: picked.dir, taskId: next.task.id }) : undefined;
}

function specDirOf(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as { kind?: unknown; spec?: { dir?: unknown }; specDir?: unknown };
  if (node.kind === 'spec' && typeof node.spec?.dir === 'string') return node.spec.dir;
  return typeof node.specDir === 'string' ? node.specDir : undefined;
}

/** `"auth"`, with its folder when another spec has the same name. */
function label(model: WorkspaceModel, spec: Spec): string {
  const twins = model.specs().filter((s) => s.name === spec.name).length > 1;
  return twins ? `"${spec.name}" (${vscode.workspace.asRelativePath(spec.dir)})` : `"${spec.name}"`;
}
