// The app shell: asks the extension which spec this view shows (and follows the sidebar when it
// switches), keeps the UI state that must survive hiding, and renders the spec view.
import { useCallback, useEffect, useRef, useState } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { ViewKind } from '../../src/protocol';
import type { HostClient } from './host/client';
import type { VsCodeApi } from './host/vscode-api';
import { NewSpecForm } from './components/NewSpecForm';
import { SpecView } from './components/SpecView';
import { useSpec } from './spec/use-spec';
import { loadUiState, saveUiState, type TabId, type UiState } from './ui-state';

export function App({ client, api }: { client: HostClient; api: VsCodeApi }) {
  const [ui, setUi] = useState<UiState>(() => loadUiState(api));
  const [view, setView] = useState<ViewKind | null>(null);
  // The newest state, scroll positions included (they change without a render).
  const latest = useRef(ui);

  const update = useCallback(
    (change: (state: UiState) => UiState) => {
      const next = change(latest.current);
      latest.current = next;
      saveUiState(api, next);
      setUi(next);
    },
    [api],
  );

  useEffect(() => {
    let live = true;
    client.request('view.ready', {}).then(
      ({ view, specDir, newSpec }) => {
        if (!live) return;
        setView(view);
        if (specDir && specDir !== latest.current.specDir) update((s) => ({ ...s, specDir, scroll: {} }));
        if (newSpec) update((s) => ({ ...s, newSpec: true }));
      },
      () => setView('panel'),
    );
    const off = client.onNotify('view.focus', ({ specDir }) => {
      if (specDir !== latest.current.specDir) update((s) => ({ ...s, specDir, scroll: {} }));
    });
    const offForm = client.onNotify('view.newSpec', () => update((s) => ({ ...s, newSpec: true })));
    return () => {
      live = false;
      off();
      offForm();
    };
  }, [client, update]);

  // Subscribing waits for view.ready: that request resets the extension's side of this page.
  const state = useSpec(client, view ? ui.specDir : null);
  const onTab = useCallback((tab: TabId) => update((s) => ({ ...s, tab })), [update]);
  // Scroll positions are saved without re-rendering: they matter only when the page is re-created.
  const onScroll = useCallback(
    (tab: TabId, top: number) => {
      latest.current = { ...latest.current, scroll: { ...latest.current.scroll, [tab]: top } };
      saveUiState(api, latest.current);
    },
    [api],
  );

  const openForm = useCallback(() => update((s) => ({ ...s, newSpec: true })), [update]);
  const closeForm = useCallback(
    (then: (state: UiState) => UiState) => {
      update((s) => then({ ...s, newSpec: false }));
      void client.request('view.newSpecClosed', {}).catch(() => undefined);
    },
    [client, update],
  );
  if (view && ui.newSpec)
    return (
      <div className={`app view-${view}`}>
        <NewSpecForm
          client={client}
          onCancel={() => closeForm((s) => s)}
          // The sidebar shows the new spec; a panel keeps its own (the new spec opens in a tab of its own).
          onCreated={(specDir) => closeForm((s) => (view === 'sidebar' ? { ...s, specDir, scroll: {} } : s))}
        />
      </div>
    );
  if (!view || state.status === 'loading')
    return (
      <p className="status-line" role="status">
        Loading the spec…
      </p>
    );
  if (state.status === 'error')
    return (
      <p className="status-line error" role="alert">
        {state.message}
      </p>
    );
  if (state.status === 'missing') {
    return (
      <>
        <p className="status-line" role="status">
          {ui.specDir
            ? 'This spec no longer exists.'
            : 'Open a spec’s requirements.md, design.md or tasks.md, or choose a spec in the Specs view.'}
        </p>
        <VscodeButton className="new-spec-entry" icon="sparkle" onClick={openForm}>
          New spec with the agent
        </VscodeButton>
      </>
    );
  }
  return (
    <div className={`app view-${view}`}>
      <SpecView
        spec={state.spec}
        client={client}
        tab={ui.tab}
        onTab={onTab}
        scroll={latest.current.scroll}
        onScroll={onScroll}
        onNewSpec={openForm}
        compact={view === 'sidebar'}
      />
    </div>
  );
}
