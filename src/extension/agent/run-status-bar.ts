// The status-bar item of a run in progress: its task, how many wait behind it, and Cancel on a click.
import * as vscode from 'vscode';
import type { VsCodeRunService } from './run-service';

export function registerRunStatusBar(runs: VsCodeRunService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('tiller.run', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Tiller run';
  const update = () => {
    const current = runs.current();
    const waiting = runs.queued().length;
    if (!current && !waiting) {
      item.hide();
      return;
    }
    const label = current ? current.title : 'waiting';
    item.text = `$(sync~spin) Tiller: ${label.length > 40 ? `${label.slice(0, 39)}…` : label}${waiting ? ` (+${waiting} queued)` : ''}`;
    item.tooltip = `${current ? `Running "${current.title}" (${current.trigger}).` : ''}${waiting ? ` ${waiting} run(s) queued.` : ''} Click to cancel.`;
    item.command = { title: 'Cancel run', command: 'tiller.cancelRun', arguments: current ? [current.runId] : [] };
    item.show();
  };
  update();
  return vscode.Disposable.from(item, runs.onDidChangeRuns(update));
}
