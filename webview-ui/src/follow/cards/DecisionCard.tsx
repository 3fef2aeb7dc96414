// A decision the model recorded: what it chose, why, what else it weighed, which requirements it serves.
import { CardShell, RequirementChips } from './CardShell';
import type { CardProps, EventOf } from './card-types';

export function DecisionCard({ event, actions }: CardProps<EventOf<'decision'>>) {
  return (
    <CardShell kind="decision" icon="lightbulb" heading={event.title || 'Decision'} time={event.time}>
      {event.decision && <p className="card-line decision-text">{event.decision}</p>}
      {event.rationale && (
        <p className="card-line">
          <span className="label">Why: </span>
          {event.rationale}
        </p>
      )}
      {event.alternatives.length > 0 && (
        <div className="card-line">
          <span className="label">Alternatives weighed:</span>
          <ul className="alternatives">
            {event.alternatives.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      <RequirementChips ids={event.requirements} onPick={actions.filterRequirement} />
    </CardShell>
  );
}
