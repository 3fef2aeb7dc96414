// Where a hook file came from, as the parsers need it.
export interface HookSource {
  /** Absolute path. */
  file: string;
  /** Id of the file's hook (legacy) or prefix of its entries' ids (v1). */
  id: string;
  /** Name used when the file gives none: the file name without its extension. */
  defaultName: string;
  scope: 'workspace' | 'user';
  /** Workspace-relative sub-project folder, for a file of a sub-project's `.kiro/hooks`. */
  root?: string;
}
