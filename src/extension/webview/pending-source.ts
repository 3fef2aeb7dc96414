// The `pending:` stream: commands waiting for approval and supervised edits waiting for review.
// Both lists are short; a change travels as the entries added and the ids that went away.
import type { EditReviewCard, PendingSnapshot } from '../../protocol';
import type { ServicesLookup } from './services';
import type { StreamSource } from './streams';

export function pendingSource(services: ServicesLookup): StreamSource<'pending'> {
  return {
    async open(_key, push) {
      const { approvals, runs } = await services();
      const read = (): PendingSnapshot => ({
        approvals: approvals.pending(),
        reviews: runs.editReviews().map((r): EditReviewCard => ({ ...r })),
      });
      let last = read();
      const changed = () => {
        const next = read();
        const before = new Set([...last.approvals, ...last.reviews].map((x) => x.id));
        const after = new Set([...next.approvals, ...next.reviews].map((x) => x.id));
        const added = {
          approvals: next.approvals.filter((a) => !before.has(a.id)),
          reviews: next.reviews.filter((r) => !before.has(r.id)),
        };
        const removed = [...before].filter((id) => !after.has(id));
        last = next;
        if (added.approvals.length || added.reviews.length || removed.length) push({ added, removed });
      };
      const listeners = [approvals.onDidChange(changed), runs.onDidChangeEditReviews(changed)];
      return { snapshot: last, dispose: () => listeners.forEach((l) => l.dispose()) };
    },
  };
}
