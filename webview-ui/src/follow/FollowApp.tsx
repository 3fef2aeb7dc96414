// The follow log's root: the run picker and filters, what waits for a person (approval and review
// cards), and the run's timeline. Follows the newest run unless a run was chosen.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApprovalAnswer, RequestName, RequestParams, RunSummary, ViewKind } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import type { VsCodeApi } from '../host/vscode-api';
import { ErrorBanner } from '../components/ErrorBanner';
import { ApprovalCardView } from './ApprovalCardView';
import type { CardActions } from './cards/card-types';
import { facets, type Filters } from './filters';
import { loadFollowState, type FollowState } from './follow-state';
import { GuidanceBox } from './GuidanceBox';
import { ReviewCardView } from './ReviewCardView';
import { RunHeader } from './RunHeader';
import { runFacts } from './run-facts';
import { usageFromEvents } from './run-usage';
import { WaitingLine } from './WaitingLine';
import { WaveLanes } from './WaveLanes';
import { Timeline } from './Timeline';
import { usePending, useRunList } from './use-lists';
import { useRun } from './use-run';

const NO_RUNS: RunSummary[] = [];

export function FollowApp({ client, api }: { client: HostClient; api: VsCodeApi }) {
  const [state, setState] = useState<FollowState>(() => loadFollowState(api));
  const latest = useRef(state);
  const [ready, setReady] = useState(false);
  // The sidebar's follow log is the compact one, with a button to open it in an editor tab.
  const [view, setView] = useState<ViewKind>('follow');
  const [error, setError] = useState<string | null>(null);

  const update = useCallback(
    (change: (s: FollowState) => FollowState) => {
      latest.current = change(latest.current);
      api.setState(latest.current);
      setState(latest.current);
    },
    [api],
  );

  useEffect(() => {
    let live = true;
    client.request('view.ready', {}).then(
      ({ runId, view }) => {
        if (!live) return;
        setView(view);
        if (runId && runId !== latest.current.runId) update((s) => ({ ...s, runId, scroll: null }));
        setReady(true);
      },
      (err: Error) => setError(err.message),
    );
    const off = client.onNotify('follow.run', ({ runId }) => update((s) => ({ ...s, runId, scroll: null })));
    return () => {
      live = false;
      off();
    };
  }, [client, update]);

  const runs = useRunList(client, ready);
  const pending = usePending(client, ready);
  const newest = (state.spec ? runs?.filter((r) => r.specDir === state.spec) : runs)?.at(-1);
  const shownId = state.runId ?? newest?.runId ?? null;
  const { run, error: runError } = useRun(client, ready ? shownId : null);
  const summary = runs?.find((r) => r.runId === shownId) ?? null;
  // A tail-first snapshot may lack early turns: a past run's total comes from its trace's run-end.
  const facts = useMemo(() => (run ? runFacts(run.events) : null), [run]);
  const usage = useMemo(() => summary?.usage ?? (run ? usageFromEvents(run.events) : null), [summary, run]);

  const send = useCallback(
    <M extends RequestName>(method: M, params: RequestParams<M>) =>
      void client.request(method, params).then(
        () => setError(null),
        (err: Error) => setError(err.message),
      ),
    [client],
  );
  const setFilters = useCallback((filters: Filters) => update((s) => ({ ...s, filters })), [update]);
  const actions = useMemo<CardActions>(
    () => ({
      openDiff: (seq) => shownId && send('edit.openDiff', { runId: shownId, seq }),
      openFile: (path) => send('file.open', { path }),
      filterRequirement: (requirement) => update((s) => ({ ...s, filters: { ...s.filters, requirement } })),
      filterFile: (file) => update((s) => ({ ...s, filters: { ...s.filters, file } })),
      revertRun: () => shownId && send('run.revert', { runId: shownId }),
    }),
    [send, shownId, update],
  );

  // The filter menus list what the run mentions; a live run only adds.
  const facetCache = useRef<{ runId: string | null; from: number; files: Set<string>; requirements: Set<string> }>({
    runId: null,
    from: 0,
    files: new Set(),
    requirements: new Set(),
  });
  const { files, requirements } = useMemo(() => {
    let cache = facetCache.current;
    if (cache.runId !== shownId || !run || cache.from > run.events.length)
      cache = facetCache.current = { runId: shownId, from: 0, files: new Set(), requirements: new Set() };
    if (run) {
      facets(run.events, cache.from, cache);
      cache.from = run.events.length;
    }
    return { files: cache.files.size, requirements: cache.requirements.size };
  }, [run, shownId]);
  // New arrays only when a file or requirement joined, so the header does not render per event.
  const fileList = useMemo(() => [...facetCache.current.files].sort(), [files, shownId]);
  const requirementList = useMemo(
    () => [...facetCache.current.requirements].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
    [requirements, shownId],
  );
  const onChoose = useCallback((runId: string | null) => update((s) => ({ ...s, runId, scroll: null })), [update]);
  const onSpec = useCallback(
    (spec: string | null) => update((s) => ({ ...s, spec, runId: null, scroll: null })),
    [update],
  );
  const onExport = useCallback(() => shownId && send('run.export', { runId: shownId }), [send, shownId]);
  const onRevert = useCallback(() => shownId && send('run.revert', { runId: shownId }), [send, shownId]);
  const onCancel = useCallback(() => shownId && send('run.cancel', { runId: shownId }), [send, shownId]);
  const onOpenFull = useCallback(() => send('follow.openFull', { runId: latest.current.runId }), [send]);

  // Focus goes to an approval card when it appears, not to the ones already there.
  const seen = useRef(new Set<string>());
  const fresh = pending.approvals.filter((a) => !seen.current.has(a.id)).pop()?.id;
  useEffect(() => {
    pending.approvals.forEach((a) => seen.current.add(a.id));
  }, [pending.approvals]);

  const answer = (id: string, decision: ApprovalAnswer) =>
    void client.request('approval.answer', { id, answer: decision }).then(
      ({ answered }) => setError(answered ? null : 'That request was already answered or has expired.'),
      (err: Error) => setError(err.message),
    );

  const shownState = run?.state ?? summary?.state ?? null;
  const guide = useCallback(
    (text: string) =>
      shownId
        ? client.request('run.guide', { runId: shownId, text }).then(
            ({ queued }) => {
              setError(queued ? null : 'The run has ended or already holds as much guidance as it takes.');
              return queued;
            },
            (err: Error) => (setError(err.message), false),
          )
        : Promise.resolve(false),
    [client, shownId],
  );
  const pause = useCallback(
    (paused: boolean) =>
      shownId
        ? client.request('run.pause', { runId: shownId, paused }).then(
            ({ done }) => done,
            (err: Error) => (setError(err.message), false),
          )
        : Promise.resolve(false),
    [client, shownId],
  );

  const reviews = pending.reviews.filter((r) => !shownId || r.runId === shownId || state.runId === null);
  return (
    <div className={`follow-app view-${view}`}>
      <RunHeader
        runs={runs ?? NO_RUNS}
        chosen={state.runId}
        shown={summary}
        state={run?.state ?? summary?.state ?? null}
        paused={facts?.paused ?? summary?.paused ?? false}
        reverted={facts?.reverted || summary?.reverted === true}
        spec={state.spec}
        onSpec={onSpec}
        onChoose={onChoose}
        onExport={onExport}
        onRevert={onRevert}
        onCancel={onCancel}
        onOpenFull={view === 'follow' ? onOpenFull : undefined}
        usage={usage}
        facts={facts}
        filters={state.filters}
        files={fileList}
        requirements={requirementList}
        onFilters={setFilters}
      />
      <WaveLanes runs={runs ?? NO_RUNS} shown={summary} onChoose={onChoose} />
      {(error || runError) && <ErrorBanner message={(error ?? runError) as string} onDismiss={() => setError(null)} />}
      {(pending.approvals.length > 0 || reviews.length > 0) && (
        <section className="pending" aria-label="Waiting for you">
          {pending.approvals.map((request) => (
            <ApprovalCardView
              key={request.id}
              request={request}
              autoFocus={request.id === fresh}
              onAnswer={(decision) => answer(request.id, decision)}
            />
          ))}
          {reviews.map((review) => (
            <ReviewCardView
              key={review.id}
              review={review}
              onAnswer={(accept, reason) =>
                send('review.answer', { id: review.id, accept, ...(reason ? { reason } : {}) })
              }
            />
          ))}
        </section>
      )}
      {shownId && (shownState === 'running' || shownState === 'queued') && (
        <GuidanceBox key={shownId} runId={shownId} paused={facts?.paused ?? false} send={guide} setPaused={pause} />
      )}
      {!ready || runs === null ? (
        <p className="status-line" role="status">
          Loading runs…
        </p>
      ) : !shownId ? (
        <p className="status-line" role="status">
          No run yet. Run a task (“Run next task”, a CodeLens on a task, or <code>tiller run</code>) and it streams
          here.
        </p>
      ) : run === undefined ? (
        <p className="status-line" role="status">
          Loading the run…
        </p>
      ) : run === null ? (
        <p className="status-line" role="status">
          The trace of run {shownId} is not in this workspace.
        </p>
      ) : (
        <>
          {run.skippedLines > 0 && (
            <p className="status-line skipped-lines" role="note">
              {run.skippedLines === 1 ? 'One line' : `${run.skippedLines} lines`} of this run’s trace could not be read
              and {run.skippedLines === 1 ? 'was' : 'were'} skipped (line{run.skippedAt.length === 1 ? '' : 's'}{' '}
              {run.skippedAt.join(', ')}
              {run.skippedLines > run.skippedAt.length ? ', …' : ''}).
            </p>
          )}
          {run.waitingSince !== null && run.state === 'running' && <WaitingLine since={run.waitingSince} />}
          <Timeline
            key={run.runId}
            run={run}
            filters={state.filters}
            actions={actions}
            initialScroll={state.runId === latest.current.runId ? latest.current.scroll : null}
            onScroll={(top, atEnd) => {
              const scroll = atEnd ? null : top;
              if (scroll === latest.current.scroll) return;
              latest.current = { ...latest.current, scroll };
              api.setState(latest.current);
            }}
          />
        </>
      )}
    </div>
  );
}
