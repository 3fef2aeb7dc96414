// CodeLens over each task line in a tasks.md: run it, mark it done or reset it, straight from the
// editor. Lenses come from the model's structural parse (taskLenses), which follows the
// document's unsaved text; the model coalesces keystrokes before it asks for new lenses.
import * as vscode from 'vscode';
import { taskLenses, type LensAction } from '../core/specs';
import type { WorkspaceModel } from './workspace-model';
import type { TaskRef } from './task-ref';

const COMMAND: Record<LensAction, { title: string; command: string }> = {
  run: { title: '$(play) Run task', command: 'tiller.runTask' },
  done: { title: 'Mark done', command: 'tiller.markTaskDone' },
  reset: { title: 'Reset', command: 'tiller.resetTask' },
};

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
    for (const lens of taskLenses(spec.tasks)) {
      if (lens.line > document.lineCount) continue;
      const range = document.lineAt(lens.line - 1).range;
      const ref: TaskRef = { specDir: spec.dir, taskId: lens.taskId };
      for (const action of lens.actions)
        lenses.push(new vscode.CodeLens(range, { ...COMMAND[action], arguments: [ref] }));
    }
    return lenses;
  }
}
