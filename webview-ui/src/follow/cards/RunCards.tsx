// The short cards: the run's start and end, task status, checkpoints, other tool calls, errors.
import { CardShell, Toggle, seconds, tokens } from './CardShell';
import type { CardProps, EventOf } from './card-types';

const STATUS_WORDS = { todo: 'to do', 'in-progress': 'in progress', queued: 'queued', done: 'done' } as const;

export function RunStartCard({ event }: CardProps<EventOf<'run-start'>>) {
  const { task, settings } = event;
  return (
    <CardShell kind="run-start" icon="play-circle" heading={`Task ${task.id} ${task.title}`.trim()} time={event.time}>
      <p className="card-line muted">
        {task.spec} · {event.provider} {event.model} · {settings.mode} · up to {settings.maxTurns} turns
      </p>
      {settings.prompt && <p className="card-line">{settings.prompt}</p>}
    </CardShell>
  );
}

const END_ICONS: Record<string, string> = {
  completed: 'pass-filled',
  cancelled: 'circle-slash',
  interrupted: 'debug-disconnect',
};

export function RunEndCard({ event, actions }: CardProps<EventOf<'run-end'>>) {
  return (
    <CardShell
      kind="run-end"
      icon={END_ICONS[event.status] ?? 'error'}
      heading={`Run ${event.status}`}
      time={event.time}
      tone={event.status === 'completed' ? 'ok' : 'error'}
    >
      <p className="card-line">{event.summary ?? event.reason}</p>
      <p className="card-line muted">
        {event.turns} turns · {tokens(event.usage.inputTokens)} in / {tokens(event.usage.outputTokens)} out ·{' '}
        {seconds(event.durationMs)}
      </p>
      {event.filesChanged.length > 0 && (
        <div className="card-line file-list">
          <span className="label">Files changed:</span>
          {event.filesChanged.map((f) => (
            <button key={f} type="button" className="file-link" onClick={() => actions.openFile(f)}>
              {f}
            </button>
          ))}
        </div>
      )}
    </CardShell>
  );
}

export function TaskStatusCard({ event }: CardProps<EventOf<'task-status'>>) {
  const others = event.changed.filter((c) => c.id !== event.task);
  return (
    <CardShell
      kind="task-status"
      icon="tasklist"
      heading={`Task ${event.task}: ${STATUS_WORDS[event.status]}`}
      time={event.time}
    >
      {others.length > 0 && (
        <p className="card-line muted">Also: {others.map((c) => `${c.id} ${c.status}`).join(', ')}</p>
      )}
    </CardShell>
  );
}

export function CheckpointCard({ event, actions }: CardProps<EventOf<'checkpoint'>>) {
  // People need to know that the run can be taken back, not the shadow commit's hash.
  const heading = event.commit ? `checkpoint ${event.phase} the run` : `No checkpoint ${event.phase} the run`;
  return (
    <CardShell
      kind="checkpoint"
      icon="save"
      heading={<span title={event.commit ? `commit ${event.commit}` : undefined}>{heading}</span>}
      time={event.time}
      tone={event.error ? 'warning' : undefined}
    >
      {event.error && <p className="card-line muted">{event.error}</p>}
      {event.commit && event.phase === 'before' && (
        <div className="card-actions">
          <button type="button" className="link-button" data-control="revert" onClick={() => actions.revertRun()}>
            <span className="codicon codicon-discard" aria-hidden="true" /> Revert the run to here
          </button>
        </div>
      )}
    </CardShell>
  );
}

export function ToolCard({ event, isOpen, toggle }: CardProps<EventOf<'tool'>>) {
  const open = isOpen('result');
  const path = typeof event.args.path === 'string' ? ` ${event.args.path}` : '';
  return (
    <CardShell
      kind="tool"
      icon={event.isError ? 'warning' : 'tools'}
      heading={`${event.tool}${path}`}
      time={event.time}
      tone={event.isError ? 'warning' : undefined}
    >
      <Toggle open={open} onToggle={() => toggle('result')}>
        Result · {seconds(event.durationMs)}
      </Toggle>
      {open && <pre className="command-output">{event.result}</pre>}
    </CardShell>
  );
}

export function ErrorCard({ event }: CardProps<EventOf<'error'>>) {
  return (
    <CardShell
      kind="error"
      icon="error"
      heading={event.kind ? `Error (${event.kind})` : 'Error'}
      time={event.time}
      tone="error"
    >
      <p className="card-line">{event.message}</p>
    </CardShell>
  );
}

export function RevertCard({ event }: CardProps<EventOf<'revert'>>) {
  const files = event.reverted.length;
  return (
    <CardShell
      kind="revert"
      icon="discard"
      heading={`Reverted by ${event.by}`}
      time={event.time}
      tone={event.conflicts.length ? 'warning' : undefined}
    >
      <p className="card-line">
        {files === 1 ? 'One file' : `${files} files`} put back to how {files === 1 ? 'it was' : 'they were'} before the
        run.
      </p>
      {event.conflicts.length > 0 && (
        <p className="card-line muted">Changed again since the run, so left alone: {event.conflicts.join(', ')}</p>
      )}
    </CardShell>
  );
}

/** A worktree task's branch after its run: merged, or kept with the files that conflict. */
export function MergeCard({ event }: CardProps<EventOf<'merge'>>) {
  return (
    <CardShell
      kind="merge"
      icon={event.merged ? 'git-merge' : 'warning'}
      heading={event.merged ? `Merged ${event.branch}` : `Not merged: ${event.branch}`}
      time={event.time}
      tone={event.merged ? 'ok' : 'error'}
    >
      {!event.merged && <p className="card-line">{event.reason}</p>}
      {event.conflicts.length > 0 && <p className="card-line">Conflicting files: {event.conflicts.join(', ')}</p>}
      {event.worktree && <p className="card-line muted">The work is kept in {event.worktree}</p>}
    </CardShell>
  );
}
