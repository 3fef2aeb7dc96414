// Each requirement beside the tasks that cover it; requirements no task covers and citations of
// requirements that do not exist stand out. (Runs that touched a requirement join with the follow log.)
import { useMemo } from 'react';
import type { RequirementRow, TaskRow } from '../../../src/protocol';
import { coverage } from '../spec/task-tree';
import { STATUS_ICONS, STATUS_WORDS } from './status';

export interface TraceabilityProps {
  requirements: RequirementRow[];
  rows: TaskRow[];
  onShowTask(id: string): void;
  onShowRequirement(id: string): void;
}

export function Traceability({ requirements, rows, onShowTask, onShowRequirement }: TraceabilityProps) {
  const { covered, unknownRefs } = useMemo(() => coverage(requirements, rows), [requirements, rows]);
  if (requirements.length === 0 && unknownRefs.length === 0) {
    return <p className="empty">No requirements to trace: requirements.md has no “Requirement N” headings.</p>;
  }
  const taskButton = (task: TaskRow, suffix = '') => (
    <li key={task.id + suffix}>
      <button type="button" className="trace-task" onClick={() => onShowTask(task.id)} aria-label={`Task ${task.id} ${task.title}, ${STATUS_WORDS[task.status]}`}>
        <span className={`codicon codicon-${STATUS_ICONS[task.status]} status-icon-${task.status}`} aria-hidden="true" />
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
