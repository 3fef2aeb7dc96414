// An edit: the file and its +/- counts, the diff inline and, beside it (below it in a narrow
// view), the rationale and the requirements it serves. "Open diff" shows it in VS Code's diff editor.
import { useMemo } from 'react';
import { CardShell, RequirementChips } from './CardShell';
import { DiffView } from './DiffView';
import { diffCounts } from './diff-lines';
import type { CardProps, EventOf } from './card-types';

const REVIEW_WORDS = { autopilot: '', accepted: 'accepted in review', rejected: 'rejected in review' } as const;

export function EditCard({ event, isOpen, toggle, actions }: CardProps<EventOf<'edit'>>) {
  const counts = useMemo(() => diffCounts(event.diff), [event.diff]);
  const heading = (
    <>
      <button type="button" className="file-link" title="Open the file" onClick={() => actions.openFile(event.path)}>
        {event.path}
      </button>
      <span className="diff-count add" aria-label={`${counts.added} lines added`}>
        +{counts.added}
      </span>
      <span className="diff-count del" aria-label={`${counts.removed} lines removed`}>
        −{counts.removed}
      </span>
      {event.created && <span className="badge">new</span>}
      {REVIEW_WORDS[event.review] && (
        <span className={`badge review-${event.review}`}>{REVIEW_WORDS[event.review]}</span>
      )}
    </>
  );
  return (
    <CardShell kind="edit" icon={event.applied ? 'edit' : 'circle-slash'} heading={heading} time={event.time}>
      <div className="edit-body">
        <DiffView diff={event.diff} full={isOpen('diff')} onToggleFull={() => toggle('diff')} />
        <div className="edit-why">
          {event.rationale && <p className="card-line">{event.rationale}</p>}
          {event.reviewReason && <p className="card-line muted">Review: {event.reviewReason}</p>}
          <RequirementChips ids={event.requirements} onPick={actions.filterRequirement} />
          <div className="card-actions">
            <button type="button" className="link-button" onClick={() => actions.openDiff(event.seq)}>
              <span className="codicon codicon-diff" aria-hidden="true" /> Open diff
            </button>
            <button type="button" className="link-button" onClick={() => actions.filterFile(event.path)}>
              <span className="codicon codicon-filter" aria-hidden="true" /> Only this file
            </button>
          </div>
        </div>
      </div>
    </CardShell>
  );
}
