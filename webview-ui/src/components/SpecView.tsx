// One spec: title, progress and "Run next task", then the tabs Requirements / Design / Tasks /
// Traceability. Only the selected tab's content is rendered. Every change goes to the extension
// as a request; what changed comes back as a delta of the spec stream.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentRef,
  type ReactNode,
} from 'react';
import {
  VscodeButton,
  VscodeProgressBar,
  VscodeTabHeader,
  VscodeTabPanel,
  VscodeTabs,
} from '@vscode-elements/react-elements';
import type { SpecDocRole, SpecSnapshot } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import { Markdown } from '../markdown/Markdown';
import { requirementOf } from '../spec/task-tree';
import type { TabId } from '../ui-state';
import { shortTokens, usageTitle, useSpecUsage } from '../spec/use-usage';
import { ErrorBanner } from './ErrorBanner';
import { IconButton } from './IconButton';
import { PhaseBar } from './PhaseBar';
import { TaskList } from './TaskList';
import { Traceability } from './Traceability';
import type { TaskActions } from './task-actions';
import { useFillHeight } from './use-fill-height';

const TABS: Array<{ id: TabId; label: string }> = [
  { id: 'requirements', label: 'Requirements' },
  { id: 'design', label: 'Design' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'trace', label: 'Traceability' },
];

export interface SpecViewProps {
  spec: SpecSnapshot;
  client: HostClient;
  tab: TabId;
  onTab(tab: TabId): void;
  scroll: Partial<Record<TabId, number>>;
  onScroll(tab: TabId, top: number): void;
  /** Opens the "New spec with the agent" form. */
  onNewSpec(): void;
  /** The sidebar's narrow, short view: the phase bar folds to one line. */
  compact?: boolean;
}

export function SpecView({ spec, client, tab, onTab, scroll, onScroll, onNewSpec, compact }: SpecViewProps) {
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [anchor, setAnchor] = useState<{ id: string; n: number } | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number } | null>(null);
  const dir = spec.dir;

  const send = useCallback(
    (work: Promise<unknown>) =>
      work.then(
        () => setError(null),
        (err: Error) => {
          setError(err.message);
          setRevision((n) => n + 1);
        },
      ),
    [],
  );

  const showRequirement = useCallback(
    (ref: string) => {
      onTab('requirements');
      setAnchor((a) => ({ id: `req-${requirementOf(ref)}`, n: (a?.n ?? 0) + 1 }));
    },
    [onTab],
  );

  const actions = useMemo<TaskActions>(
    () => ({
      setStatus: (taskId, status) => void send(client.request('task.setStatus', { specDir: dir, taskId, status })),
      rename: (taskId, title) => void send(client.request('task.rename', { specDir: dir, taskId, title })),
      add: (title, place) => void send(client.request('task.add', { specDir: dir, title, place })),
      remove: (taskId) => void send(client.request('task.delete', { specDir: dir, taskId })),
      move: (taskId, place) => void send(client.request('task.move', { specDir: dir, taskId, place })),
      run: (taskId) => void send(client.request('task.run', { specDir: dir, taskId })),
      open: (line) => void send(client.request('doc.open', { specDir: dir, doc: 'tasks', line })),
      jumpToRequirement: showRequirement,
    }),
    [client, dir, send, showRequirement],
  );

  const openLink = useCallback(
    (doc: SpecDocRole) => (href: string) => void send(client.request('link.open', { specDir: dir, doc, href })),
    [client, dir, send],
  );
  const openRequirementsLink = useMemo(() => openLink('requirements'), [openLink]);
  const openDesignLink = useMemo(() => openLink('design'), [openLink]);
  const knownRequirements = useMemo(() => new Set(spec.requirements.map((r) => r.id)), [spec.requirements]);
  const { counts } = spec;
  const usage = useSpecUsage(client, spec.dir, `${counts.done}/${counts.inProgress}/${counts.queued}`);

  const content: Record<TabId, () => ReactNode> = {
    requirements: () =>
      spec.requirementsDoc ? (
        <DocScroll tab="requirements" scroll={scroll} onScroll={onScroll} anchor={anchor}>
          <Markdown text={spec.requirementsDoc.text} onOpenLink={openRequirementsLink} diagrams />
        </DocScroll>
      ) : (
        <p className="empty">This spec has no requirements.md.</p>
      ),
    design: () =>
      spec.designDoc ? (
        <DocScroll tab="design" scroll={scroll} onScroll={onScroll} anchor={null}>
          <Markdown text={spec.designDoc.text} onOpenLink={openDesignLink} diagrams />
        </DocScroll>
      ) : (
        <p className="empty">This spec has no design.md.</p>
      ),
    tasks: () =>
      spec.tasksPath ? (
        <TaskList
          rows={spec.tasks}
          knownRequirements={knownRequirements}
          actions={actions}
          revision={revision}
          initialScroll={scroll.tasks ?? 0}
          onScroll={(top) => onScroll('tasks', top)}
          focusRequest={focusRequest}
          usage={usage?.tasks}
        />
      ) : (
        <p className="empty">This spec has no tasks.md.</p>
      ),
    trace: () => (
      <DocScroll tab="trace" scroll={scroll} onScroll={onScroll} anchor={null}>
        <Traceability
          requirements={spec.requirements}
          rows={spec.tasks}
          specDir={spec.dir}
          client={client}
          onShowRequirement={showRequirement}
          onShowTask={(id) => {
            onTab('tasks');
            setFocusRequest((f) => ({ id, n: (f?.n ?? 0) + 1 }));
          }}
        />
      </DocScroll>
    ),
  };

  const selected = Math.max(
    0,
    TABS.findIndex((t) => t.id === tab),
  );
  const tabs = useRef<ComponentRef<typeof VscodeTabs>>(null);
  // vscode-tabs un-hides the selected panel in its own (later) update; content that scrolls or
  // takes focus when it appears needs it visible first, so do it before any effect runs.
  useLayoutEffect(() => {
    tabs.current
      ?.querySelectorAll<HTMLElement>(':scope > vscode-tab-panel')
      .forEach((panel, i) => panel.toggleAttribute('hidden', i !== selected));
  }, [selected]);
  return (
    <div className="spec-view">
      <header className="spec-header">
        <div className="spec-title-row">
          <h1 className="spec-title">
            <span className={`codicon codicon-${spec.type === 'bugfix' ? 'bug' : 'notebook'}`} aria-hidden="true" />
            {spec.name}
            {spec.project && <span className="spec-project">{spec.project}</span>}
          </h1>
          <VscodeButton
            icon="run-all"
            disabled={counts.done >= counts.total}
            onClick={() => void send(client.request('spec.runNext', { specDir: dir }))}
          >
            Run next task
          </VscodeButton>
          <IconButton control="new-spec" icon="sparkle" label="New spec with the agent" onClick={onNewSpec} />
        </div>
        <div className="progress" aria-label="Progress">
          <VscodeProgressBar
            value={counts.done}
            max={Math.max(1, counts.total)}
            aria-label={`${counts.done} of ${counts.total} tasks done`}
          />
          <span className="progress-text">
            {counts.done}/{counts.total} done
            {counts.inProgress ? ` · ${counts.inProgress} in progress` : ''}
            {counts.queued ? ` · ${counts.queued} queued` : ''}
            {spec.problems ? ` · ${spec.problems} problem${spec.problems === 1 ? '' : 's'}` : ''}
          </span>
          {usage && usage.total.runs > 0 && (
            <span className="spec-usage" title={usageTitle(usage.total)}>
              {usage.total.runs} run{usage.total.runs === 1 ? '' : 's'} · {shortTokens(usage.total.inputTokens)} in ·{' '}
              {shortTokens(usage.total.outputTokens)} out
              {usage.total.cost !== undefined && ` · cost ${usage.total.cost.toFixed(2)}`}
            </span>
          )}
        </div>
        <PhaseBar spec={spec} client={client} onError={setError} compact={compact} />
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <VscodeTabs
        ref={tabs}
        selectedIndex={selected}
        onVscTabsSelect={(e) => {
          const next = TABS[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
          if (next && next.id !== tab) onTab(next.id);
        }}
      >
        {TABS.map((t) => (
          <VscodeTabHeader key={`h-${t.id}`} slot="header" data-tab={t.id}>
            {t.label}
          </VscodeTabHeader>
        ))}
        {TABS.map((t) => (
          <VscodeTabPanel key={`p-${t.id}`} data-tab={t.id}>
            {t.id === tab ? content[t.id]() : null}
          </VscodeTabPanel>
        ))}
      </VscodeTabs>
    </div>
  );
}

/** A scrolling document tab that remembers where it was and can scroll to an anchor. */
function DocScroll(props: {
  tab: TabId;
  scroll: Partial<Record<TabId, number>>;
  onScroll(tab: TabId, top: number): void;
  anchor: { id: string; n: number } | null;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useFillHeight(ref);
  const { tab, scroll, anchor } = props;
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = scroll[tab] ?? 0;
    // The saved position applies when the tab is shown, not on every scroll.
  }, [tab]);
  useEffect(() => {
    if (!anchor) return;
    const target = document.getElementById(anchor.id);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
    // Restarts the highlight animation when the same requirement is chosen again.
    target.classList.remove('flash');
    void target.offsetWidth;
    target.classList.add('flash');
  }, [anchor]);
  return (
    <div className="doc-scroll" ref={ref} tabIndex={0} onScroll={(e) => props.onScroll(tab, e.currentTarget.scrollTop)}>
      {props.children}
    </div>
  );
}
