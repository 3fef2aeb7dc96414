// CodeLens over each task line in a tasks.md: run it, mark it done or reset it, straight from the
// editor. Lenses come from the model, which follows the document's unsaved text.
import * as vscode from 'vscode';
import type { Task } from '../core/specs/model';
import type { WorkspaceModel } from './workspace-model';
import type { TaskRef } from './task-ref';

export class TaskCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: WorkspaceModel) {
    this.subscription = model.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const spec = this.model.specForDocument(document.uri.fsPath);
    if (!spec || spec.documents.tasks !== document.uri.fsPath) return [];
    const lenses: vscode.CodeLens[] = [];
    const visit = (task: Task): void => {
      const line = task.span.line - 1;
      if (line >= document.lineCount) return;
      const range = document.lineAt(line).range;
      const ref: TaskRef = { specDir: spec.dir, taskId: task.id };
      if (!task.children.length && task.status === 'todo') {
        lenses.push(
          new vscode.CodeLens(range, { title: '$(play) Run task', command: 'tiller.runTask', arguments: [ref] }),
        );
      }
      if (task.status !== 'done') {
        lenses.push(
          new vscode.CodeLens(range, { title: 'Mark done', command: 'tiller.markTaskDone', arguments: [ref] }),
        );
      }
      if (task.status !== 'todo') {
        lenses.push(new vscode.CodeLens(range, { title: 'Reset', command: 'tiller.resetTask', arguments: [ref] }));
      }
      task.children.forEach(visit);
    };
    spec.tasks.forEach(visit);
    return lenses;
  }
}
