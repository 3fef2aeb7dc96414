// The normalized hook model both file formats load into, and the events the engine reacts to. The
// dispatcher, the CLI and the extension only ever see this shape, never a file format.

/** What makes a hook fire, whichever format named it. */
export type Trigger =
  | 'fileSaved'
  | 'fileCreated'
  | 'fileDeleted'
  | 'commit'
  | 'preTask'
  | 'postTask'
  | 'agentStop'
  | 'promptSubmit'
  | 'sessionStart'
  | 'preToolUse'
  | 'postToolUse'
  | 'manual';

export type HookAction = { type: 'agent'; prompt: string } | { type: 'command'; command: string; timeoutMs?: number };

export type HookFormat = 'legacy' | 'v1';

export interface Hook {
  /** Stable within a load: `<file>` for a legacy hook, `<file>#<index>` for a v1 entry. */
  id: string;
  /** Absolute path of the file that defines the hook. */
  file: string;
  /** 1-based line where the hook (or its file) starts, for diagnostics and "go to". */
  line: number;
  name: string;
  description?: string;
  format: HookFormat;
  /** Undefined when the file names a trigger Tiller does not know (see `errors`). */
  trigger?: Trigger;
  /** Legacy globs, `!` for exclusions; workspace-relative. */
  patterns?: string[];
  /** v1 regular expression on the workspace-relative path (or tool name for tool triggers). */
  matcher?: string;
  /** Undefined when the action is missing or of an unknown type (see `errors`). */
  action?: HookAction;
  enabled: boolean;
  /** `user` hooks come from ~/.kiro/hooks. */
  scope: 'workspace' | 'user';
  /**
   * The sub-project (`api`, workspace-relative) whose `.kiro/hooks` holds the file, in a workspace
   * without a `.kiro` of its own: its patterns and matcher see paths relative to that folder, and
   * its commands run there, as when Kiro opens the sub-project itself.
   */
  root?: string;
  /** Why the hook cannot fire; empty for a valid hook. A hook with errors never fires. */
  errors: string[];
}

export interface CommitInfo {
  sha: string;
  message: string;
  /** Workspace-relative paths the commit changed. */
  files: string[];
}

export interface TaskInfo {
  spec: string;
  task: string;
  status?: string;
}

/**
 * Something that happened. Paths may be absolute or workspace-relative; the dispatcher normalizes
 * them. `saved` comes from an editor save, `changed` from a write on disk by any program.
 */
export type HookEvent =
  | { type: 'saved' | 'created' | 'changed' | 'deleted'; paths: string[] }
  | ({ type: 'commit' } & CommitInfo)
  /** Without spec and task (a dry run that names none) only hooks without a matcher fire. */
  | ({ type: 'task-start' | 'task-end' } & Partial<TaskInfo>)
  | { type: 'agent-stop' }
  | { type: 'prompt-submit'; prompt?: string }
  | { type: 'session-start' }
  | { type: 'pre-tool-use' | 'post-tool-use'; tool: string }
  | { type: 'manual'; hookId: string };

export type HookEventType = HookEvent['type'];

/**
 * What one run of a hook is given: everything that piled up for it since its last run, coalesced.
 * It goes to a command as JSON on stdin and to the agent inside the prompt.
 */
export interface HookPayload {
  trigger: Trigger;
  /** Workspace-relative paths that matched (file and commit triggers), in arrival order. */
  paths: string[];
  commits?: CommitInfo[];
  task?: TaskInfo;
  prompt?: string;
  tool?: string;
}
