// The task list, virtualised: only the rows in sight (plus a margin) exist in the page, so a
// tasks.md of thousands of tasks renders and scrolls like a short one. Rows are measured once
// they are in the page (a title that wraps makes its row taller) and estimated at ROW_HEIGHT
// until then; the spacers above and below the rows in the page stand for the rest.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { VscodeButton, VscodeTextfield } from '@vscode-elements/react-elements';
import type { TaskRow, TaskStatus, UsageTotals } from '../../../src/protocol';
import { inSubtree, siblingsOf } from '../spec/task-tree';
import { Menu, type MenuEntry } from './Menu';
import { TaskRowView, type DropZone } from './TaskRowView';
import type { TaskActions } from './task-actions';
import { useFillHeight } from './use-fill-height';
import { useRowMeasure, useScrollerHeight } from './use-row-measure';

export const ROW_HEIGHT = 28;
const OVERSCAN = 10;
const DRAG_TYPE = 'application/x-tiller-task';

type Item =
  | { kind: 'section'; key: string; title: string }
  | { kind: 'task'; key: string; row: TaskRow }
  | { kind: 'add'; key: string; parent: string | null; depth: number };

export interface TaskListProps {
  rows: TaskRow[];
  knownRequirements: ReadonlySet<string>;
  actions: TaskActions;
  revision: number;
  initialScroll: number;
  onScroll(top: number): void;
  /** A task to bring into view and focus (from the traceability view); `n` makes repeats distinct. */
  focusRequest: { id: string; n: number } | null;
  /** Tokens per task id, from the spec's recorded runs. */
  usage?: Record<string, UsageTotals>;
}

export function TaskList(props: TaskListProps) {
  const { rows, actions } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  useFillHeight(wrap);
  const [scrollTop, setScrollTop] = useState(props.initialScroll);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ parent: string | null } | null>(null);
  const [menu, setMenu] = useState<{ id: string; anchor: DOMRect } | null>(null);
  const [drag, setDrag] = useState<{ id: string; over: string | null; zone: DropZone | null } | null>(null);
  const pendingFocus = useRef<{ id: string; control: string } | null>(null);
  const [, setFocusTick] = useState(0);

  const items = useMemo(() => buildItems(rows, adding), [rows, adding]);
  const heights = useRef(new Map<string, number>());
  const itemCount = useRef(0);
  itemCount.current = items.length;
  const [measured, setMeasured] = useState(0);
  const offsets = useMemo(() => {
    const out = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) out[i + 1] = out[i] + (heights.current.get(items[i].key) ?? ROW_HEIGHT);
    return out;
  }, [items, measured]);
  const height = useScrollerHeight(scroller, props.initialScroll);
  const first = Math.max(0, indexAt(offsets, scrollTop) - OVERSCAN);
  const last = Math.min(items.length, indexAt(offsets, scrollTop + height) + 1 + OVERSCAN);
  const observe = useRowMeasure((measuredRows) => {
    let changed = false;
    for (const { key, height: size } of measuredRows) {
      if (heights.current.get(key) === size) continue;
      heights.current.set(key, size);
      changed = true;
    }
    if (!changed) return;
    // Heights of rows since deleted or renumbered go once there are more of them than rows.
    if (heights.current.size > 2 * itemCount.current + 100) heights.current.clear();
    setMeasured((n) => n + 1);
  });

  // Passive effects: the tab panel must be visible for scrolling and focus (see SpecView).

  useEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(want.id)}"]`);
    if (!row) return;
    pendingFocus.current = null;
    const control =
      row.querySelector<HTMLElement>(`[data-control="${want.control}"]`) ??
      row.querySelector<HTMLElement>('[data-control="check"]');
    control?.focus();
  });

  const focusTask = useCallback(
    (id: string, control: string) => {
      const index = items.findIndex((item) => item.kind === 'task' && item.row.id === id);
      const el = scroller.current;
      if (index < 0 || !el) return;
      const top = offsets[index];
      const bottom = offsets[index + 1];
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      pendingFocus.current = { id, control };
      setScrollTop(el.scrollTop);
      setFocusTick((n) => n + 1);
    },
    [items, offsets],
  );

  useEffect(() => {
    if (props.focusRequest) focusTask(props.focusRequest.id, 'check');
    // Only a new request moves focus, not a change of rows.
  }, [props.focusRequest]);

  const moveBy = useCallback(
    (id: string, direction: -1 | 1) => {
      const row = rows.find((r) => r.id === id);
      if (!row) return;
      const siblings = siblingsOf(rows, row);
      const neighbour = siblings[siblings.indexOf(row) + direction];
      if (!neighbour) return;
      actions.move(id, direction < 0 ? { before: neighbour.id } : { after: neighbour.id });
      pendingFocus.current = { id, control: 'check' };
    },
    [rows, actions],
  );

  const onMenuSelect = (value: string) => {
    const id = menu?.id;
    setMenu(null);
    if (!id) return;
    const row = rows.find((r) => r.id === id);
    if (!row) return;
    const statuses: Record<string, TaskStatus> = {
      done: 'done',
      'in-progress': 'in-progress',
      queued: 'queued',
      todo: 'todo',
    };
    if (value in statuses) actions.setStatus(id, statuses[value]);
    else if (value === 'rename') setRenaming(id);
    else if (value === 'add-sub') setAdding({ parent: id });
    else if (value === 'up') moveBy(id, -1);
    else if (value === 'down') moveBy(id, 1);
    else if (value === 'open') actions.open(row.line);
    else if (value === 'delete') actions.remove(id);
    if (value !== 'rename' && value !== 'add-sub' && value !== 'delete')
      pendingFocus.current ??= { id, control: 'menu' };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('[data-control="rename"], [data-control="add"]')) return;
    const id = target.closest<HTMLElement>('[data-task-id]')?.dataset.taskId;
    if (!id) return;
    const control = target.closest<HTMLElement>('[data-control]')?.dataset.control ?? 'check';
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && event.altKey) {
      event.preventDefault();
      moveBy(id, event.key === 'ArrowUp' ? -1 : 1);
    } else if (
      (event.key === 'ArrowUp' || event.key === 'ArrowDown') &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.shiftKey
    ) {
      event.preventDefault();
      const taskIds = items.filter((i) => i.kind === 'task').map((i) => (i as Extract<Item, { kind: 'task' }>).row.id);
      const next = taskIds[taskIds.indexOf(id) + (event.key === 'ArrowUp' ? -1 : 1)];
      if (next) focusTask(next, control);
    } else if (event.key === 'F2') {
      event.preventDefault();
      setRenaming(id);
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      const button = target.closest('[data-task-id]')?.querySelector<HTMLElement>('[data-control="menu"]');
      if (button) setMenu({ id, anchor: button.getBoundingClientRect() });
    }
  };

  const dragHandlers = {
    onDragStart: useCallback((id: string, event: DragEvent) => {
      event.dataTransfer.setData(DRAG_TYPE, id);
      event.dataTransfer.effectAllowed = 'move';
      setDrag({ id, over: null, zone: null });
    }, []),
    onDragOver: useCallback(
      (id: string, event: DragEvent<HTMLDivElement>) => {
        if (!drag || inSubtree(rows, drag.id, id)) return;
        event.preventDefault();
        const box = event.currentTarget.getBoundingClientRect();
        const y = (event.clientY - box.top) / box.height;
        const zone: DropZone = y < 0.3 ? 'before' : y > 0.7 ? 'after' : 'into';
        if (drag.over !== id || drag.zone !== zone) setDrag({ ...drag, over: id, zone });
      },
      [drag, rows],
    ),
    onDrop: useCallback(
      (id: string, event: DragEvent) => {
        event.preventDefault();
        const dragged = event.dataTransfer.getData(DRAG_TYPE) || drag?.id;
        const zone = drag?.zone;
        setDrag(null);
        if (!dragged || !zone || inSubtree(rows, dragged, id)) return;
        actions.move(dragged, zone === 'before' ? { before: id } : zone === 'after' ? { after: id } : { into: id });
      },
      [drag, rows, actions],
    ),
    onDragEnd: useCallback(() => setDrag(null), []),
  };

  const renderItem = (item: Item) => {
    if (item.kind === 'section') {
      return (
        <div className="task-section" role="presentation">
          {item.title}
        </div>
      );
    }
    if (item.kind === 'add') {
      return (
        <AddField
          depth={item.depth}
          label={item.parent ? `New sub-task of ${item.parent}` : 'New task'}
          onDone={(title) => {
            setAdding(null);
            if (title) actions.add(title, item.parent ? { into: item.parent } : { atEnd: true });
          }}
        />
      );
    }
    return (
      <TaskRowView
        row={item.row}
        usage={props.usage?.[item.row.id]}
        renaming={renaming === item.row.id}
        dropZone={drag?.over === item.row.id ? drag.zone : null}
        knownRequirements={props.knownRequirements}
        actions={actions}
        revision={props.revision}
        onStartRename={setRenaming}
        onEndRename={() => {
          pendingFocus.current = { id: item.row.id, control: 'check' };
          setRenaming(null);
        }}
        onOpenMenu={(id, anchor) => setMenu({ id, anchor })}
        {...dragHandlers}
      />
    );
  };

  const menuRow = menu && rows.find((r) => r.id === menu.id);
  return (
    <div className="task-list-wrap" ref={wrap}>
      <div
        className="task-list"
        ref={scroller}
        role="list"
        aria-label="Tasks"
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          setScrollTop(top);
          props.onScroll(top);
        }}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: `${offsets[first]}px` }} />
        {items.slice(first, last).map((item) => (
          <div key={item.key} ref={observe} data-key={item.key} role="none">
            {renderItem(item)}
          </div>
        ))}
        <div style={{ height: `${offsets[items.length] - offsets[last]}px` }} />
      </div>
      <div className="task-list-footer">
        <VscodeButton secondary icon="add" onClick={() => setAdding({ parent: null })}>
          Add task
        </VscodeButton>
      </div>
      {menu && menuRow && (
        <Menu
          label={`Actions for task ${menuRow.id}`}
          anchor={menu.anchor}
          entries={menuEntries(menuRow, rows)}
          onSelect={onMenuSelect}
          onClose={() => {
            pendingFocus.current = { id: menu.id, control: 'menu' };
            setMenu(null);
          }}
        />
      )}
    </div>
  );
}

function menuEntries(row: TaskRow, rows: TaskRow[]): MenuEntry[] {
  const siblings = siblingsOf(rows, row);
  const at = siblings.indexOf(row);
  const status: MenuEntry[] = [
    { label: 'Mark done', value: 'done' },
    { label: 'Mark in progress', value: 'in-progress' },
    { label: 'Mark queued', value: 'queued' },
    { label: 'Reset to to do', value: 'todo' },
  ].filter((e) => e.value !== row.status);
  return [
    ...status,
    { separator: true },
    { label: 'Rename', value: 'rename', keybinding: 'F2' },
    { label: 'Add sub-task', value: 'add-sub' },
    ...(at > 0 ? [{ label: 'Move up', value: 'up', keybinding: 'Alt+Up' }] : []),
    ...(at < siblings.length - 1 ? [{ label: 'Move down', value: 'down', keybinding: 'Alt+Down' }] : []),
    { label: 'Open in tasks.md', value: 'open' },
    { separator: true },
    { label: 'Delete', value: 'delete' },
  ];
}

function buildItems(rows: TaskRow[], adding: { parent: string | null } | null): Item[] {
  const items: Item[] = [];
  let section: string | undefined;
  rows.forEach((row, i) => {
    if (row.depth === 0 && row.section && row.section !== section)
      items.push({ kind: 'section', key: `section-${i}`, title: row.section });
    if (row.depth === 0) section = row.section;
    items.push({ kind: 'task', key: `task-${row.id}`, row });
  });
  if (adding && !adding.parent) items.push({ kind: 'add', key: 'add', parent: null, depth: 0 });
  const parentIndex = adding?.parent ? rows.findIndex((r) => r.id === adding.parent) : -1;
  if (parentIndex >= 0) {
    // The new sub-task goes after the parent's last descendant (rows are in document order).
    const parent = rows[parentIndex];
    let end = parentIndex + 1;
    while (end < rows.length && rows[end].depth > parent.depth) end++;
    const lastRow = rows[end - 1];
    const at = items.findIndex((item) => item.kind === 'task' && item.row === lastRow);
    items.splice(at + 1, 0, { kind: 'add', key: 'add', parent: parent.id, depth: parent.depth + 1 });
  }
  return items;
}

function AddField({ depth, label, onDone }: { depth: number; label: string; onDone(title: string | null): void }) {
  const ended = useRef(false);
  const finish = (title: string | null) => {
    if (ended.current) return;
    ended.current = true;
    onDone(title?.trim() ? title : null);
  };
  return (
    <div className="task-row add-row" style={{ paddingLeft: `${24 + depth * 16}px` }}>
      <VscodeTextfield
        className="add-field"
        data-control="add"
        placeholder={`${label} (Enter to add, Escape to cancel)`}
        aria-label={label}
        ref={(el: HTMLElement | null) => void (el && Promise.resolve().then(() => el.focus()))}
        onKeyDown={(e: KeyboardEvent) => {
          e.stopPropagation();
          if (e.key === 'Enter') finish((e.currentTarget as HTMLElement & { value: string }).value);
          if (e.key === 'Escape') finish(null);
        }}
        onBlur={(e) => finish((e.currentTarget as HTMLElement & { value: string }).value)}
      />
    </div>
  );
}

/** The index of the item at pixel y: the last i with offsets[i] <= y (0 for an empty list). */
function indexAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = Math.max(0, offsets.length - 2);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
