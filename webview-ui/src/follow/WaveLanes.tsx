// One lane per task of the wave the shown run belongs to, when Run All runs tasks side by side:
// each lane is a button with the task's live state, and choosing one shows that task's run. What
// waits for a person stays in the one "Waiting for you" list above, each request naming its task.
import { memo } from 'react';
import type { RunSummary } from '../../../src/protocol';
import { STATE_ICONS } from './run-state-icons';

export interface WaveLanesProps {
  runs: RunSummary[];
  shown: RunSummary | null;
  onChoose(runId: string): void;
}

export const WaveLanes = memo(function WaveLanes({ runs, shown, onChoose }: WaveLanesProps) {
  const wave = shown?.wave;
  if (!wave) return null;
  const lanes = runs.filter((r) => r.wave?.id === wave.id);
  if (lanes.length < 2) return null;
  const working = lanes.filter((r) => r.state === 'running' || r.state === 'queued').length;
  return (
    <nav className="wave-lanes" aria-label={`Wave ${wave.index}: ${lanes.length} tasks side by side`}>
      <span className="wave-lanes-title">
        Wave {wave.index}
        {working ? ` · ${working} working` : ''}
      </span>
      {lanes.map((lane) => (
        <button
          key={lane.runId}
          type="button"
          className={`wave-lane state-${lane.state}`}
          aria-pressed={lane.runId === shown?.runId}
          title={`${lane.title}: ${lane.state}`}
          onClick={() => onChoose(lane.runId)}
        >
          <span className={`codicon codicon-${STATE_ICONS[lane.state]}`} aria-hidden="true" />
          <span className="wave-lane-title">{lane.title}</span>
          <span className="visually-hidden">{`, ${lane.state}`}</span>
        </button>
      ))}
    </nav>
  );
});
