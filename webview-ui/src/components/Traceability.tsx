// Each requirement beside the tasks that cover it and the runs that touched it (their edits or
// decisions cited it; a click shows the run in the follow log); requirements no task covers and
// citations of requirements that do not exist stand out.
import { useEffect, useMemo, useState } from 'react';
import type { RequirementRow, RequirementRun, TaskRow } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import { coverage } from '../spec/task-tree';
import { STATUS_ICONS, STATUS_WORDS } from './status';

export interface TraceabilityProps {
  requirements: RequirementRow[];
  rows: TaskRow[];
  /** The spec's folder: runs are matched by folder, since names repeat. */
  specDir: string;
  client: HostClient;
  onShowTask(id: string): void;
  onShowRequirement(id: string): void;
}

export function Traceability({
  requirements,
  rows,
  specDir,
  client,
  onShowTask,
  onShowRequirement,
}: TraceabilityProps) {
  const { covered, unknownRefs } = useMemo(() => coverage(requirements, rows), [requirements, rows]);
  const [runs, setRuns] = useState<Record<string, RequirementRun[]>>({});
  useEffect(() => {
    let live = true;
    // Without traces (or while they load) the tab shows tasks only.
    client.request('spec.requirementRuns', { specDir }).then(
      (byRequirement) => live && setRuns(byRequirement),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, specDir]);
  if (requirements.length === 0 && unknownRefs.length === 0) {
    return <p className="empty">No requirements to trace: requirements.md has no “Requirement N” headings.</p>;
  }
  const taskButton = (task: TaskRow, suffix = '') => (
    <li key={task.id + suffix}>
      <button
        type="button"
        className="trace-task"
        onClick={() => onShowTask(task.id)}
        aria-label={`Task ${task.id} ${task.title}, ${STATUS_WORDS[task.status]}`}
      >
        <span
          className={`codicon codicon-${STATUS_ICONS[task.status]} status-icon-${task.status}`}
          aria-hidden="true"
        />
        <span className="task-id">{task.id}</span> {task.title}
        {suffix && <span className="chip chip-unknown">{suffix}</span>}
      </button>
    </li>
  );
  return (
    <div className="trace">
      {covered.map(({ requirement, tasks }) => (
        <section key={requirement.id} className="trace-requirement" aria-label={`Requirement ${requirement.id}`}>
          <h3>
            <button type="button" className="trace-heading" onClick={() => onShowRequirement(requirement.id)}>
              Requirement {requirement.id}
              {requirement.title ? `: ${requirement.title}` : ''}
            </button>
            <span className="trace-count">
              {tasks.length ? `${tasks.filter((t) => t.status === 'done').length}/${tasks.length} tasks done` : ''}
            </span>
          </h3>
          {tasks.length ? (
            <ul className="trace-tasks">{tasks.map((task) => taskButton(task))}</ul>
          ) : (
            <p className="trace-uncovered">
              <span className="codicon codicon-warning" aria-hidden="true" /> No task covers this requirement.
            </p>
          )}
          {runs[requirement.id]?.length ? (
            <ul className="trace-runs" aria-label={`Runs that touched requirement ${requirement.id}`}>
              {runs[requirement.id].map((run) => (
                <li key={run.runId}>
                  <button
                    type="button"
                    className="trace-task"
                    onClick={() => void client.request('run.show', { runId: run.runId }).catch(() => undefined)}
                  >
                    <span className="codicon codicon-history" aria-hidden="true" /> Run {run.title}
                    <span className="muted">
                      {' '}
                      · {new Date(run.started).toLocaleString()} · {run.edits} edit{run.edits === 1 ? '' : 's'},{' '}
                      {run.decisions} decision{run.decisions === 1 ? '' : 's'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      {unknownRefs.length > 0 && (
        <section className="trace-requirement" aria-label="Tasks citing requirements that do not exist">
          <h3>Citations of requirements that do not exist</h3>
          <ul className="trace-tasks">{unknownRefs.map(({ task, ref }) => taskButton(task, ref))}</ul>
        </section>
      )}
    </div>
  );
}
