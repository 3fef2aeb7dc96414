// How a task status reads and looks in the webview (the tree view uses the same words).
import type { TaskStatus } from '../../../src/protocol';

export const STATUS_WORDS: Record<TaskStatus, string> = {
  todo: 'to do',
  'in-progress': 'in progress',
  queued: 'queued',
  done: 'done',
};

export const STATUS_ICONS: Record<TaskStatus, string> = {
  todo: 'circle-large-outline',
  'in-progress': 'sync',
  queued: 'clock',
  done: 'pass-filled',
};
