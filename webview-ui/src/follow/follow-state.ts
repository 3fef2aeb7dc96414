// What the follow log keeps while it is hidden and re-created: the run chosen (null: follow the
// newest), the filters, and whether it was following the end.
import type { VsCodeApi } from '../host/vscode-api';
import { NO_FILTERS, type Filters } from './filters';

export interface FollowState {
  runId: string | null;
  /** Spec folder whose runs are listed and followed; null: every spec. */
  spec: string | null;
  filters: Filters;
  /** null: at the end (following); else the scroll position. */
  scroll: number | null;
}

export function loadFollowState(api: VsCodeApi): FollowState {
  const saved = api.getState() as Partial<FollowState> | undefined;
  return {
    runId: saved?.runId ?? null,
    spec: saved?.spec ?? null,
    filters: { ...NO_FILTERS, ...saved?.filters },
    scroll: saved?.scroll ?? null,
  };
}
