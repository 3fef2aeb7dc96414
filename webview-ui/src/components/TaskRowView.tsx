// One task line: checkbox, title (renamed in place), status, requirement chips, Run and a menu.
// Every control carries data-control so the list can move focus between rows by arrow keys. The
// title shows its inline Markdown (whole in its tooltip; rows keep one height for the virtual
// list); past CHIPS_SHOWN + 1 requirements the chips collapse to a `+N` chip, so a long citation
// never squeezes the title.
import { memo, useCallback, useState, type DragEvent, type KeyboardEvent } from 'react';
import { VscodeCheckbox, VscodeTextfield } from '@vscode-elements/react-elements';
import type { TaskRow, UsageTotals } from '../../../src/protocol';
import { shortTokens, usageTitle } from '../spec/use-usage';
import { requirementOf } from '../spec/task-tree';
import { STATUS_ICONS, STATUS_WORDS } from './status';
import type { TaskActions } from './task-actions';
import { IconButton } from './IconButton';
import { InlineMarkdown } from './InlineMarkdown';

const CHIPS_SHOWN = 3;

export type DropZone = 'before' | 'after' | 'into';

export interface TaskRowProps {
  row: TaskRow;
  renaming: boolean;
  dropZone: DropZone | null;
  knownRequirements: ReadonlySet<string>;
  actions: TaskActions;
  /** Changes after a failed edit, so the checkbox shows the status the file really has. */
  revision: number;
  /** Tokens the task's runs used, when it has any. */
  usage?: UsageTotals;
  onStartRename(id: string): void;
  onEndRename(): void;
  onOpenMenu(id: string, anchor: DOMRect): void;
  onDragStart(id: string, event: DragEvent): void;
  onDragOver(id: string, event: DragEvent<HTMLDivElement>): void;
  onDrop(id: string, event: DragEvent): void;
  onDragEnd(): void;
}

export const TaskRowView = memo(function TaskRowView(props: TaskRowProps) {
  const { row, actions, renaming, dropZone } = props;
  const [chipsOpen, setChipsOpen] = useState(false);
  const label = `${row.id}. ${row.title}`;
  const toggle = (done: boolean) => actions.setStatus(row.id, done ? 'done' : 'todo');
  return (
    <div
      className={`task-row status-${row.status}${dropZone ? ` drop-${dropZone}` : ''}`}
      role="listitem"
      data-task-id={row.id}
      aria-label={`${label}, ${STATUS_WORDS[row.status]}${row.optional ? ', optional' : ''}`}
      draggable={!renaming}
      onDragStart={(e) => props.onDragStart(row.id, e)}
      onDragOver={(e) => props.onDragOver(row.id, e)}
      onDrop={(e) => props.onDrop(row.id, e)}
      onDragEnd={props.onDragEnd}
    >
      <span
        className="drag-handle codicon codicon-gripper"
        aria-hidden="true"
        title="Drag to reorder (or Alt+Up / Alt+Down)"
      />
      <span className="indent" style={{ width: `${row.depth * 16}px` }} />
      <VscodeCheckbox
        key={props.revision}
        data-control="check"
        checked={row.status === 'done'}
        indeterminate={row.status === 'in-progress'}
        onChange={(e) => toggle((e.target as HTMLInputElement).checked)}
        onKeyDown={(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            toggle(row.status !== 'done');
          }
        }}
      >
        <span className="visually-hidden">{`Task ${label}`}</span>
      </VscodeCheckbox>
      <span className="task-id">{row.id}</span>
      {renaming ? (
        <RenameField row={row} actions={actions} onDone={props.onEndRename} />
      ) : (
        <span
          className="task-title"
          title={`${row.title}\nDouble-click or F2 to rename`}
          onDoubleClick={() => props.onStartRename(row.id)}
        >
          <InlineMarkdown text={row.title} />
        </span>
      )}
      {(row.status === 'in-progress' || row.status === 'queued') && (
        <span className={`status-badge status-${row.status}`}>
          <span className={`codicon codicon-${STATUS_ICONS[row.status]}`} aria-hidden="true" />{' '}
          {STATUS_WORDS[row.status]}
        </span>
      )}
      {row.wave !== undefined && (
        <span className="wave-badge" title={`Runs in wave ${row.wave}: tasks of one wave may run at the same time`}>
          wave {row.wave}
        </span>
      )}
      {row.optional && <span className="optional-badge">optional</span>}
      <span className="chips">
        {(chipsOpen || row.requirements.length <= CHIPS_SHOWN + 1
          ? row.requirements
          : row.requirements.slice(0, CHIPS_SHOWN)
        ).map((ref) => {
          const known = props.knownRequirements.has(requirementOf(ref));
          return (
            <button
              key={ref}
              type="button"
              className={`chip${known ? '' : ' chip-unknown'}`}
              data-control={`chip-${ref}`}
              aria-label={known ? `Go to requirement ${ref}` : `Requirement ${ref} does not exist`}
              title={known ? `Requirement ${ref}` : `There is no requirement ${requirementOf(ref)} in requirements.md`}
              onClick={() => actions.jumpToRequirement(ref)}
            >
              {ref}
            </button>
          );
        })}
        {!chipsOpen && row.requirements.length > CHIPS_SHOWN + 1 && (
          <button
            type="button"
            className="chip chip-more"
            data-control="chips-more"
            aria-label={`Show all ${row.requirements.length} requirements`}
            title={row.requirements.slice(CHIPS_SHOWN).join(', ')}
            onClick={() => setChipsOpen(true)}
          >
            {`+${row.requirements.length - CHIPS_SHOWN}`}
          </button>
        )}
      </span>
      {props.usage && (
        <span className="task-usage" title={usageTitle(props.usage)}>
          {shortTokens(props.usage.inputTokens + props.usage.outputTokens)}
        </span>
      )}
      <span className="row-actions">
        {row.leaf && row.status !== 'done' && (
          <IconButton control="run" icon="play" label={`Run task ${row.id}`} onClick={() => actions.run(row.id)} />
        )}
        <IconButton
          control="menu"
          icon="ellipsis"
          label={`More actions for task ${row.id}`}
          hasPopup
          onClick={(e) => props.onOpenMenu(row.id, e.currentTarget.getBoundingClientRect())}
        />
      </span>
    </div>
  );
});

function RenameField({ row, actions, onDone }: { row: TaskRow; actions: TaskActions; onDone(): void }) {
  const [done, setDone] = useState(false);
  // Uncontrolled: a delta arriving while the user types must not reset the text.
  const attach = useCallback(
    (el: (HTMLElement & { value: string }) | null) => {
      if (!el) return;
      el.value = row.title;
      void Promise.resolve().then(() => el.focus());
    },
    // Only the text the field starts with: later titles must not overwrite typing.
    [],
  );
  const finish = (value: string | null) => {
    if (done) return;
    setDone(true);
    if (value !== null && value.trim() && value.trim() !== row.title) actions.rename(row.id, value);
    onDone();
  };
  return (
    <VscodeTextfield
      className="rename-field"
      data-control="rename"
      aria-label={`New title for task ${row.id}`}
      ref={attach}
      onKeyDown={(e: KeyboardEvent) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish((e.currentTarget as HTMLElement & { value: string }).value);
        if (e.key === 'Escape') finish(null);
      }}
      onBlur={(e) => finish((e.currentTarget as HTMLElement & { value: string }).value)}
    />
  );
}
