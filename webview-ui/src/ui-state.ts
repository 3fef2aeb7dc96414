// UI state that survives the webview being hidden and re-created (VS Code keeps it for the page
// through getState/setState): the spec shown, the tab, each tab's scroll position, and whether
// the "New spec with the agent" form is open.
import type { VsCodeApi } from './host/vscode-api';

export type TabId = 'requirements' | 'design' | 'tasks' | 'trace';

export interface UiState {
  specDir: string | null;
  tab: TabId;
  scroll: Partial<Record<TabId, number>>;
  newSpec?: boolean;
}

const initial: UiState = { specDir: null, tab: 'tasks', scroll: {} };

export function loadUiState(api: VsCodeApi): UiState {
  const saved = api.getState() as Partial<UiState> | undefined;
  return { ...initial, ...saved, scroll: { ...saved?.scroll } };
}

export function saveUiState(api: VsCodeApi, state: UiState): void {
  api.setState(state);
}
