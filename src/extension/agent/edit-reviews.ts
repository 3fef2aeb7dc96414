// Supervised mode: each edit the agent proposes waits here until a person accepts or rejects it.
// The proposal opens in VS Code's diff editor (before and after served as read-only virtual
// documents), with Accept / Reject in the editor title and in a notification; the follow log
// offers the same through editReviews() and tiller.acceptEdit / tiller.rejectEdit.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { EditReview, EditReviewRequest } from '../../core/agent/host';
import type { PendingEditReview } from './runs';

export const REVIEW_SCHEME = 'tiller-review';

interface Pending {
  review: PendingEditReview;
  before: string;
  after: string;
  resolve: (review: EditReview) => void;
  /** Removes the run's abort listener once the review settles. */
  detach: () => void;
}

export class EditReviews implements vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeReviews = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, {
    provideTextDocumentContent: (uri) => this.content(uri),
  });

  dispose(): void {
    for (const id of [...this.pending.keys()])
      this.answer(id, { accept: false, reason: 'Tiller was shut down before anyone reviewed the edit.' });
    this.registration.dispose();
    this.changed.dispose();
  }

  list(): PendingEditReview[] {
    return [...this.pending.values()].map((p) => p.review);
  }

  private content(uri: vscode.Uri): string {
    const [, id, side] = uri.path.split('/');
    const pending = this.pending.get(id);
    return pending ? (side === 'before' ? pending.before : pending.after) : '';
  }

  /** The runner's EditReviewer. */
  review(request: EditReviewRequest, signal: AbortSignal): Promise<EditReview> {
    const id = randomUUID();
    const review: PendingEditReview = {
      id,
      runId: request.runId,
      path: request.path,
      rationale: request.rationale,
      diff: request.diff,
    };
    return new Promise<EditReview>((resolve) => {
      const onAbort = () => this.answer(id, { accept: false, reason: 'the run was cancelled' });
      const detach = () => signal.removeEventListener('abort', onAbort);
      this.pending.set(id, { review, before: request.before ?? '', after: request.after, resolve, detach });
      signal.addEventListener('abort', onAbort, { once: true });
      this.changed.fire();
      void this.show(id);
    });
  }

  answer(id: string, review: EditReview): boolean {
    const pending = this.pending.get(id);
    if (!pending) return false;
    this.pending.delete(id);
    pending.detach();
    pending.resolve(review);
    this.changed.fire();
    void this.closeDiff(id);
    return true;
  }

  /** From an editor-title action (the diff's URI), a follow-log card (the id) or the keyboard (nothing). */
  async resolveId(arg: unknown): Promise<string | undefined> {
    if (typeof arg === 'string' && this.pending.has(arg)) return arg;
    if (arg instanceof vscode.Uri && arg.scheme === REVIEW_SCHEME) return arg.path.split('/')[1];
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === REVIEW_SCHEME) return active.path.split('/')[1];
    const all = this.list();
    if (all.length <= 1) return all[0]?.id;
    const picked = await vscode.window.showQuickPick(
      all.map((r) => ({ label: r.path, detail: r.rationale, id: r.id })),
      { title: 'Edits waiting for review' },
    );
    return picked?.id;
  }

  private uri(id: string, side: 'before' | 'after', path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: REVIEW_SCHEME, path: `/${id}/${side}/${path}` });
  }

  private async show(id: string): Promise<void> {
    const pending = this.pending.get(id);
    if (!pending) return;
    const { path, rationale } = pending.review;
    await vscode.commands.executeCommand(
      'vscode.diff',
      this.uri(id, 'before', path),
      this.uri(id, 'after', path),
      `${path} (proposed by the agent)`,
      { preview: false },
    );
    const choice = await vscode.window.showInformationMessage(
      `Tiller: review the agent's edit of ${path}. ${rationale}`,
      'Accept',
      'Reject…',
    );
    if (choice === 'Accept') this.answer(id, { accept: true });
    else if (choice === 'Reject…') await rejectInteractively(this, id);
  }

  private async closeDiff(id: string): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter(
        (t) =>
          t.input instanceof vscode.TabInputTextDiff &&
          t.input.modified.scheme === REVIEW_SCHEME &&
          t.input.modified.path.split('/')[1] === id,
      );
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }
}

/** Asks for an optional reason, which goes back to the agent. */
export async function rejectInteractively(reviews: EditReviews, id: string): Promise<boolean> {
  const reason = await vscode.window.showInputBox({
    title: 'Reject the edit',
    prompt: 'Optional: tell the agent why, or what to do instead',
  });
  if (reason === undefined) return false;
  return reviews.answer(id, { accept: false, reason: reason.trim() || undefined });
}
