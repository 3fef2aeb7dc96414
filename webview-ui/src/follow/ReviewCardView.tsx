// A supervised-mode edit waiting for review: the diff and why, Accept or Reject (with a reason).
import { useState, type KeyboardEvent } from 'react';
import { VscodeButton, VscodeTextfield } from '@vscode-elements/react-elements';
import type { EditReviewCard } from '../../../src/protocol';
import { DiffView } from './cards/DiffView';

export function ReviewCardView({
  review,
  onAnswer,
}: {
  review: EditReviewCard;
  onAnswer(accept: boolean, reason?: string): void;
}) {
  const [full, setFull] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <div
      className="card review-card"
      role="group"
      aria-label={`Review the edit of ${review.path}`}
      data-review={review.id}
    >
      <div className="card-head">
        <span className="codicon codicon-git-pull-request card-icon" aria-hidden="true" />
        <span className="card-heading">
          Review the edit of <code>{review.path}</code>
        </span>
      </div>
      <div className="edit-body">
        <DiffView diff={review.diff} full={full} onToggleFull={() => setFull((f) => !f)} />
        <div className="edit-why">{review.rationale && <p className="card-line">{review.rationale}</p>}</div>
      </div>
      {rejecting ? (
        <div className="approval-form" onKeyDown={(e: KeyboardEvent) => e.key === 'Escape' && setRejecting(false)}>
          <VscodeTextfield
            aria-label="Reason for rejecting the edit"
            placeholder="Why (optional; the agent reads it)"
            value={reason}
            ref={(el: HTMLElement | null) => void (el && Promise.resolve().then(() => el.focus()))}
            onInput={(e) => setReason((e.target as HTMLInputElement).value)}
            onKeyDown={(e: KeyboardEvent) => e.key === 'Enter' && onAnswer(false, reason.trim() || undefined)}
          />
          <div className="card-actions">
            <VscodeButton icon="close" onClick={() => onAnswer(false, reason.trim() || undefined)}>
              Reject edit
            </VscodeButton>
            <VscodeButton secondary onClick={() => setRejecting(false)}>
              Cancel
            </VscodeButton>
          </div>
        </div>
      ) : (
        <div className="card-actions">
          <VscodeButton icon="check" data-control="accept" onClick={() => onAnswer(true)}>
            Accept
          </VscodeButton>
          <VscodeButton secondary icon="close" data-control="reject-edit" onClick={() => setRejecting(true)}>
            Reject…
          </VscodeButton>
        </div>
      )}
    </div>
  );
}
