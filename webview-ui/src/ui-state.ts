// UI state that survives the webview being hidden and re-created (VS Code keeps it for the page
// through getState/setState): the spec shown, the tab, and each tab's scroll position.
import type { VsCodeApi } from './host/vscode-api';

export type TabId = 'requirements' | 'design' | 'tasks' | 'trace';

export interface UiState {
  specDir: string | null;
  tab: TabId;
  scroll: Partial<Record<TabId, number>>;
}

const initial: UiState = { specDir: null, tab: 'tasks', scroll: {} };

export function loadUiState(api: VsCodeApi): UiState {
  const saved = api.getState() as Partial<UiState> | undefined;
  return { ...initial, ...saved, scroll: { ...saved?.scroll } };
}

export function saveUiState(api: VsCodeApi, state: UiState): void {
  api.setState(state);
}
