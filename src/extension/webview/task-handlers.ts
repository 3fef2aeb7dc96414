// Task edits from the webview. Each one is the engine's minimal edit computed on the file's text
// at that moment and applied like an edit in the editor (undo works); the change then comes back
// to every webview as a delta of the spec stream, so nothing here answers with state.
import * as vscode from 'vscode';
import { addTask, deleteTask, moveTask, renameTask, setTaskStatus, type TextEdit } from '../../core/specs';
import type { WorkspaceModel } from '../workspace-model';
import { applyToFile } from '../document-edits';
import type { Handlers } from './handler-types';

type TaskHandlers = Pick<
  Handlers,
  'task.setStatus' | 'task.rename' | 'task.add' | 'task.delete' | 'task.move' | 'task.run' | 'spec.runNext'
>;

export const taskHandlers: TaskHandlers = {
  'task.setStatus': async ({ specDir, taskId, status }, { model }) => {
    await editTasks(model, specDir, (text) => setTaskStatus(text, taskId, status).edits);
    return null;
  },
  'task.rename': async ({ specDir, taskId, title }, { model }) => {
    await editTasks(model, specDir, (text) => renameTask(text, taskId, title).edits);
    return null;
  },
  'task.add': async ({ specDir, title, place }, { model }) => {
    let taskId: string | null = null;
    await editTasks(model, specDir, (text) => {
      const result = addTask(text, title, place);
      taskId = result.taskId ?? null;
      return result.edits;
    });
    return { taskId };
  },
  'task.delete': async ({ specDir, taskId }, { model }) => {
    await editTasks(model, specDir, (text) => deleteTask(text, taskId).edits);
    return null;
  },
  'task.move': async ({ specDir, taskId, place }, { model }) => {
    let movedId: string | null = null;
    await editTasks(model, specDir, (text) => {
      const result = moveTask(text, taskId, place);
      movedId = result.taskId ?? null;
      return result.edits;
    });
    return { taskId: movedId };
  },
  'task.run': async ({ specDir, taskId }) => {
    await vscode.commands.executeCommand('tiller.runTask', { specDir, taskId });
    return null;
  },
  'spec.runNext': async ({ specDir }) => {
    // tiller.runNextTask takes the Specs tree's node to limit itself to one spec.
    await vscode.commands.executeCommand('tiller.runNextTask', { kind: 'spec', spec: { dir: specDir } });
    return null;
  },
};

async function editTasks(model: WorkspaceModel, specDir: string, compute: (text: string) => TextEdit[]): Promise<void> {
  const file = model.specByDir(specDir)?.documents.tasks;
  if (!file) throw new Error('This spec has no tasks.md.');
  await applyToFile(vscode.Uri.file(file), compute);
}
