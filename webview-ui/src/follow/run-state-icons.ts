// The codicon for each run state, shared by the header and the wave lanes so a state looks the same in both.
import type { RunState } from '../../../src/protocol';

export const STATE_ICONS: Record<RunState, string> = {
  queued: 'clock',
  running: 'loading codicon-modifier-spin',
  completed: 'pass-filled',
  failed: 'error',
  cancelled: 'circle-slash',
  interrupted: 'debug-disconnect',
  unknown: 'history',
};
