// The model text of each run's current turn, kept from the run service's stream so that a follow
// log opened (or re-created) mid-turn shows what was already said. A finished turn's text is in
// its model-turn event, so the buffer empties then.
import type * as vscode from 'vscode';
import type { RunService } from '../agent/runs';

export class LiveText implements vscode.Disposable {
  private readonly text = new Map<string, string>();
  private listeners: vscode.Disposable[] = [];

  attach(runs: RunService): void {
    this.listeners.push(
      runs.onDidStream(({ runId, event }) => {
        if (event.type === 'text') this.text.set(runId, (this.text.get(runId) ?? '') + event.text);
      }),
      runs.onDidTraceEvent((event) => {
        if (event.type === 'model-turn' || event.type === 'run-end') this.text.delete(event.runId);
      }),
    );
  }

  current(runId: string): string {
    return this.text.get(runId) ?? '';
  }

  dispose(): void {
    this.listeners.forEach((l) => l.dispose());
    this.listeners = [];
    this.text.clear();
  }
}
