// The model text of each run's current turn, kept from the run service's stream so that a follow
// log opened (or re-created) mid-turn shows what was already said. A finished turn's text is in
// its model-turn event, so the buffer empties then. It also knows which runs wait for a model
// that has not started answering, for the follow log's "waiting for the model" line.
import type * as vscode from 'vscode';
import type { RunService } from '../agent/runs';

export class LiveText implements vscode.Disposable {
  private readonly text = new Map<string, string>();
  /** Runs whose model request has gone out without an answer yet, and since when. */
  private readonly waiting = new Map<string, number>();
  private listeners: vscode.Disposable[] = [];

  attach(runs: RunService): void {
    this.listeners.push(
      runs.onDidStream(({ runId, event }) => {
        if (event.type === 'request') this.waiting.set(runId, Date.now());
        else this.waiting.delete(runId);
        if (event.type === 'text') this.text.set(runId, (this.text.get(runId) ?? '') + event.text);
      }),
      runs.onDidTraceEvent((event) => {
        if (event.type !== 'model-turn' && event.type !== 'run-end') return;
        this.text.delete(event.runId);
        this.waiting.delete(event.runId);
      }),
    );
  }

  current(runId: string): string {
    return this.text.get(runId) ?? '';
  }

  waitingSince(runId: string): number | null {
    return this.waiting.get(runId) ?? null;
  }

  dispose(): void {
    this.listeners.forEach((l) => l.dispose());
    this.listeners = [];
    this.text.clear();
    this.waiting.clear();
  }
}
