// The spec's workflow under its title: Requirements · Design · Tasks (in the spec's order), each
// drafted / approved / stale, with the buttons that move it on, and the health figures. The state
// is the extension's (spec.workflow), fetched again whenever the spec changes, so a hand edit of
// an approved document shows as stale as soon as it is typed.
import { useCallback, useEffect, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { PhaseAction, PhaseView, SpecHealthView, SpecSnapshot, WorkflowView } from '../../../src/protocol';
import type { HostClient } from '../host/client';

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

export function PhaseBar({
  spec,
  client,
  onError,
}: {
  spec: SpecSnapshot;
  client: HostClient;
  onError(message: string): void;
}) {
  const [view, setView] = useState<WorkflowView | null>(null);
  const dir = spec.dir;
  const refresh = useCallback(
    () =>
      client.request('spec.workflow', { specDir: dir }).then(
        (v) => setView(v),
        (err: Error) => onError(err.message),
      ),
    [client, dir, onError],
  );
  // Any change to the spec (a document typed, a draft written) may change the phases.
  useEffect(() => void refresh(), [refresh, spec]);
  if (!view) return null;
  const act = (phase: PhaseView['phase'], action: PhaseAction) =>
    client.request('spec.phase', { specDir: dir, phase, action }).then(refresh, (err: Error) => onError(err.message));
  return (
    <section className="phase-bar" aria-label="Spec phases">
      <ol className="phases">
        {view.phases.map((p) => {
          const state = stateOf(p);
          const isNext = view.next === p.phase;
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
                  disabled={p.blockedBy !== null}
                  title={p.blockedBy ?? `Draft ${LABEL[p.phase].toLowerCase()} with the agent`}
                  onClick={() => void act(p.phase, 'draft')}
                >
                  Draft
                </VscodeButton>
              )}
              {p.exists && (!p.approved || p.stale) && (
                <VscodeButton secondary={!isNext} onClick={() => void act(p.phase, 'approve')}>
                  Approve
                </VscodeButton>
              )}
              {p.exists && (
                <VscodeButton
                  secondary
                  disabled={p.blockedBy !== null}
                  title={p.blockedBy ?? 'Give feedback; the new draft is shown as a diff to accept'}
                  onClick={() => void act(p.phase, 'refine')}
                >
                  Refine
                </VscodeButton>
              )}
              {p.phase === 'tasks' && p.exists && (
                <VscodeButton
                  secondary
                  disabled={p.blockedBy !== null}
                  title={
                    p.blockedBy ?? 'Revise the plan after requirements or design changed; statuses and notes are kept'
                  }
                  onClick={() => void act(p.phase, 'updateTasks')}
                >
                  Update tasks
                </VscodeButton>
              )}
            </li>
          );
        })}
      </ol>
      {view.health && <Health health={view.health} />}
    </section>
  );
}

function approvalTitle(p: PhaseView): string {
  if (!p.approved) return p.exists ? 'Not approved yet' : 'Not drafted yet';
  const who = `approved${p.approvedBy ? ` by ${p.approvedBy}` : ''}${p.approvedAt ? ` on ${p.approvedAt.slice(0, 16).replace('T', ' ')}` : ''}`;
  return p.stale ? `Changed since it was ${who}; approve it again` : who;
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
