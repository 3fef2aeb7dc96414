// The spec's workflow under its title: Requirements · Design · Tasks (in the spec's order), each
// drafted / approved / stale, with the buttons that move it on, the authoring run at work, and
// the health figures. The state is the extension's `workflow:<dir>` stream, so a hand edit of an
// approved document shows as stale while it is typed and a draft shows as soon as it starts.
import { useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { PhaseAction, PhaseView, SpecHealthView, SpecSnapshot } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import { useWorkflow } from '../spec/use-workflow';
import { DraftProgress } from './DraftProgress';
import { RefineBox } from './RefineBox';
import '../authoring.css';

const LABEL: Record<PhaseView['phase'], string> = {
  requirements: 'Requirements',
  bugfix: 'Bugfix',
  design: 'Design',
  tasks: 'Tasks',
};

function stateOf(p: PhaseView): 'missing' | 'drafted' | 'approved' | 'stale' {
  if (!p.exists) return 'missing';
  if (p.stale) return 'stale';
  return p.approved ? 'approved' : 'drafted';
}

const STATE_TEXT = { missing: 'not drafted', drafted: 'drafted', approved: 'approved', stale: 'stale' } as const;
const STATE_ICON = {
  missing: 'circle-large-outline',
  drafted: 'edit',
  approved: 'pass-filled',
  stale: 'warning',
} as const;

const fileOf = (p: PhaseView) => p.path.split(/[\\/]/).pop() ?? p.path;

export function PhaseBar({
  spec,
  client,
  onError,
  compact = false,
}: {
  spec: SpecSnapshot;
  client: HostClient;
  onError(message: string): void;
  /** In the sidebar: one line of phase states, the buttons and figures one click below it. */
  compact?: boolean;
}) {
  const dir = spec.dir;
  const view = useWorkflow(client, dir, onError);
  const [refining, setRefining] = useState<PhaseView['phase'] | null>(null);
  // Folded, the bar opens by itself while a tracked spec has a phase to draft or approve; a
  // person's own toggle wins from then on.
  const [unfolded, setUnfolded] = useState<boolean | null>(null);
  if (!view) return null;
  const busy = view.drafting !== null;
  const act = (phase: PhaseView['phase'], action: PhaseAction, feedback?: string) =>
    client
      .request('spec.phase', { specDir: dir, phase, action, ...(feedback ? { feedback } : {}) })
      .catch((err: Error) => onError(err.message));
  const refined = view.phases.find((p) => p.phase === refining);
  const drafted = view.drafting && view.phases.find((p) => p.phase === view.drafting!.phase);
  const stale = view.phases.filter((p) => p.stale);
  const phases = (
    <ol className="phases">
      {view.phases.map((p) => {
        const state = stateOf(p);
        const isNext = view.next === p.phase;
        const blocked = busy ? 'An authoring run is at work on this spec' : p.blockedBy;
        return (
          <li key={p.phase} className={`phase phase-${state}${isNext ? ' phase-next' : ''}`} data-phase={p.phase}>
            <span className={`codicon codicon-${STATE_ICON[state]}`} aria-hidden="true" />
            <span className="phase-name">{LABEL[p.phase]}</span>
            <span className="phase-state" title={approvalTitle(p)}>
              {STATE_TEXT[state]}
            </span>
            {!p.exists && (
              <VscodeButton
                secondary={!isNext}
                disabled={blocked !== null}
                title={blocked ?? `Draft ${LABEL[p.phase].toLowerCase()} with the agent`}
                onClick={() => void act(p.phase, 'draft')}
              >
                Draft
              </VscodeButton>
            )}
            {p.exists && (!p.approved || p.stale) && (
              <VscodeButton
                secondary={!isNext}
                disabled={busy}
                title={`Approve ${fileOf(p)} as it stands now`}
                onClick={() => void act(p.phase, 'approve')}
              >
                Approve
              </VscodeButton>
            )}
            {p.exists && (
              <VscodeButton
                secondary
                disabled={blocked !== null}
                title={blocked ?? 'Give feedback; the new draft is shown as a diff to accept'}
                aria-expanded={refining === p.phase}
                onClick={() => setRefining(refining === p.phase ? null : p.phase)}
              >
                Refine
              </VscodeButton>
            )}
            {p.phase === 'tasks' && p.exists && (
              <VscodeButton
                secondary
                disabled={blocked !== null}
                title={blocked ?? 'Revise the plan after requirements or design changed; statuses and notes are kept'}
                onClick={() => void act(p.phase, 'updateTasks')}
              >
                Update tasks
              </VscodeButton>
            )}
          </li>
        );
      })}
    </ol>
  );
  return (
    <section className="phase-bar" aria-label="Spec phases">
      {compact ? (
        <details
          className="phase-details"
          open={unfolded ?? (view.tracked && view.next !== null)}
          onToggle={(e) => setUnfolded(e.currentTarget.open)}
        >
          <summary className="phase-summary" title="Show the phases' actions and the spec's health">
            <span className="codicon codicon-chevron-right phase-chevron" aria-hidden="true" />
            {view.phases.map((p) => {
              const state = stateOf(p);
              return (
                <span key={p.phase} className={`phase-chip phase-${state}`} title={approvalTitle(p)}>
                  <span className={`codicon codicon-${STATE_ICON[state]}`} aria-hidden="true" />
                  {LABEL[p.phase]}
                  <span className="visually-hidden">: {STATE_TEXT[state]}</span>
                </span>
              );
            })}
          </summary>
          {phases}
          {view.health && <Health health={view.health} />}
        </details>
      ) : (
        phases
      )}
      {stale.map((p) => (
        <p key={p.phase} className="phase-stale-note" data-phase={p.phase}>
          <span className="codicon codicon-warning" aria-hidden="true" />
          {fileOf(p)} changed since it was {approvedText(p)}. Approve it again, or undo the edit; later phases wait
          until then.
        </p>
      ))}
      {refined && !busy && (
        <RefineBox
          key={refined.phase}
          file={fileOf(refined)}
          onCancel={() => setRefining(null)}
          onRefine={(feedback) => {
            setRefining(null);
            void act(refined.phase, 'refine', feedback);
          }}
        />
      )}
      {view.drafting && drafted && (
        <DraftProgress drafting={view.drafting} file={fileOf(drafted)} client={client} onError={onError} />
      )}
      {!compact && view.health && <Health health={view.health} />}
    </section>
  );
}

function approvedText(p: PhaseView): string {
  return `approved${p.approvedBy ? ` by ${p.approvedBy}` : ''}${p.approvedAt ? ` on ${p.approvedAt.slice(0, 16).replace('T', ' ')}` : ''}`;
}

function approvalTitle(p: PhaseView): string {
  if (!p.approved) return p.exists ? 'Not approved yet' : 'Not drafted yet';
  return p.stale ? `Changed since it was ${approvedText(p)}; approve it again` : approvedText(p);
}

const pct = (n: number | null) => (n === null ? '–' : `${n}%`);

function Health({ health: h }: { health: SpecHealthView }) {
  const items = [
    `${h.criteria} criteria`,
    `${pct(h.earsPercent)} EARS`,
    `${pct(h.citedPercent)} cited by a task`,
    `${h.tasks} tasks`,
    `${pct(h.tasksCitingPercent)} cite a requirement`,
  ];
  if (h.requirementsWithoutCriteria.length)
    items.push(`requirements without criteria: ${h.requirementsWithoutCriteria.join(', ')}`);
  const ambiguous = h.ambiguous.map((a) => `${a.criterion} (${a.words.join(', ')})`).join('; ');
  return (
    <p className="spec-health" aria-label="Spec health">
      {items.join(' · ')}
      {ambiguous && <span title="Words that make a criterion hard to verify">{` · ambiguous: ${ambiguous}`}</span>}
    </p>
  );
}
