// Trigger names in each file format, and which events fire which trigger. One table per direction
// so that docs/hooks.md and the code can be read side by side.
import type { HookEventType, Trigger } from './model';

/** Kiro's legacy `when.type`, plus Tiller's `gitCommit`. */
export const LEGACY_TRIGGERS: Readonly<Record<string, Trigger>> = {
  fileEdited: 'fileSaved',
  fileCreated: 'fileCreated',
  fileDeleted: 'fileDeleted',
  userTriggered: 'manual',
  promptSubmit: 'promptSubmit',
  agentStop: 'agentStop',
  preTaskExecution: 'preTask',
  postTaskExecution: 'postTask',
  gitCommit: 'commit',
  // Kiro documents the tool hooks in the legacy form too, not only as v1 PreToolUse/PostToolUse.
  preToolUse: 'preToolUse',
  postToolUse: 'postToolUse',
};

/** The v1 `trigger`, plus Tiller's `PostCommit`. */
export const V1_TRIGGERS: Readonly<Record<string, Trigger>> = {
  SessionStart: 'sessionStart',
  Stop: 'agentStop',
  UserPromptSubmit: 'promptSubmit',
  PreToolUse: 'preToolUse',
  PostToolUse: 'postToolUse',
  PreTaskExec: 'preTask',
  PostTaskExec: 'postTask',
  PostFileCreate: 'fileCreated',
  PostFileSave: 'fileSaved',
  PostFileDelete: 'fileDeleted',
  Manual: 'manual',
  PostCommit: 'commit',
};

/** Triggers whose patterns / matcher apply to file paths. */
export const PATH_TRIGGERS: ReadonlySet<Trigger> = new Set(['fileSaved', 'fileCreated', 'fileDeleted', 'commit']);

/**
 * The trigger an event fires. A write on disk by another program (`changed`) counts as a save only
 * when the host says so: in the editor a save arrives as `saved` and a formatter's or a hook's own
 * rewrite must not fire save hooks again; headless, a change on disk is the only save there is.
 */
export function triggerFor(type: HookEventType, changedIsSave: boolean): Trigger | undefined {
  switch (type) {
    case 'saved':
      return 'fileSaved';
    case 'changed':
      return changedIsSave ? 'fileSaved' : undefined;
    case 'created':
      return 'fileCreated';
    case 'deleted':
      return 'fileDeleted';
    case 'commit':
      return 'commit';
    case 'task-start':
      return 'preTask';
    case 'task-end':
      return 'postTask';
    case 'agent-stop':
      return 'agentStop';
    case 'prompt-submit':
      return 'promptSubmit';
    case 'session-start':
      return 'sessionStart';
    case 'pre-tool-use':
      return 'preToolUse';
    case 'post-tool-use':
      return 'postToolUse';
    case 'manual':
      return 'manual';
  }
}
