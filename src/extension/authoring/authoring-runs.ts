// Which authoring run (draft, refine, update tasks) works on which spec now, for the spec view:
// it streams the run while the model works and offers Accept / Discard while the result waits
// in the diff editor. One entry per spec folder; an entry lives only as long as its run and review.
import * as vscode from 'vscode';
import type { DraftingView } from '../../protocol';

export class AuthoringRuns implements vscode.Disposable {
  private readonly bySpec = new Map<string, DraftingView>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the spec folder whose authoring run started, moved on or ended. */
  readonly onDidChange = this.changed.event;

  get(specDir: string): DraftingView | null {
    const entry = this.bySpec.get(specDir);
    return entry ? { ...entry } : null;
  }

  /** Starts tracking; the returned function updates the entry, and `end` forgets it. */
  begin(specDir: string, view: Omit<DraftingView, 'runId' | 'state' | 'reviewId'>): AuthoringRun {
    const entry: DraftingView = { ...view, runId: null, state: 'running', reviewId: null };
    this.bySpec.set(specDir, entry);
    this.changed.fire(specDir);
    const update = (change: Partial<DraftingView>) => {
      if (this.bySpec.get(specDir) !== entry) return;
      Object.assign(entry, change);
      this.changed.fire(specDir);
    };
    return {
      started: (runId) => update({ runId: runId ?? null }),
      reviewing: (reviewId) => update({ state: 'review', reviewId }),
      end: () => {
        if (this.bySpec.get(specDir) !== entry) return;
        this.bySpec.delete(specDir);
        this.changed.fire(specDir);
      },
    };
  }

  dispose(): void {
    this.bySpec.clear();
    this.changed.dispose();
  }
}

export interface AuthoringRun {
  started(runId: string | undefined): void;
  reviewing(reviewId: string | null): void;
  end(): void;
}
