// Commands on a single task: open it at its line, mark it done, reset it, run it (through the run
// service, on the model the person configured). Status edits go through the engine's minimal edits
// on the file's current content.
import * as vscode from 'vscode';
import type { TaskStatus } from '../core/specs/model';
import { nextTask, setTaskStatus } from '../core/specs';
import type { WorkspaceModel } from './workspace-model';
import { applyToFile } from './document-edits';
import { toTaskRef, type TaskRef } from './task-ref';
import type { RunService } from './agent/runs';

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

async function runNextTask(model: WorkspaceModel, runs: RunService, arg: unknown) {
  const specs = model.specs();
  const only =
    arg && typeof arg === 'object' && 'kind' in arg && arg.kind === 'spec' && 'spec' in arg
      ? [(arg as { spec: { dir: string } }).spec.dir]
      : undefined;
  const candidates = only ? specs.filter((s) => only.includes(s.dir)) : specs;
  const next = nextTask(candidates);
  if (!next) {
    void vscode.window.showInformationMessage(
      'Tiller: no task is left to run: every non-optional task is done, in progress or queued.',
    );
    return undefined;
  }
  return runTask(model, runs, { specDir: next.spec.dir, taskId: next.task.id });
}
