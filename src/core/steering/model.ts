// Steering documents: what the agent is told about the project, and why each one is included.
import type { Diagnostic } from '../diagnostics';

export type Inclusion = 'always' | 'fileMatch' | 'manual' | 'auto';

/** `workspace`: .kiro/steering of the workspace; `global`: ~/.kiro/steering; `agents`: an AGENTS.md. */
export type SteeringScope = 'workspace' | 'global' | 'agents';

export interface FileReference {
  /** The path as written in `#[[file:...]]`. */
  target: string;
  /** Absolute path it resolves to (from the workspace root). */
  resolved: string;
  exists: boolean;
  /** 1-based position of the `#` of `#[[file:` in the file. */
  line: number;
  column: number;
}

export interface SteeringDoc {
  /** Absolute path. */
  file: string;
  scope: SteeringScope;
  inclusion: Inclusion;
  /** fileMatch globs (workspace-relative); empty for other modes. */
  patterns: string[];
  /** `name` from front matter, else the file name without `.md`; what `#name` refers to. */
  name: string;
  description: string | null;
  /** For AGENTS.md: the workspace-relative folder it governs ('' for the root). */
  folder: string | null;
  /** The text after the front matter. */
  body: string;
  references: FileReference[];
  diagnostics: Diagnostic[];
}

export interface SteeringSelection {
  doc: SteeringDoc;
  included: boolean;
  /** Why it is in or out, e.g. `always`, `fileMatch: src/app.ts matches src/**\/*.ts`, `manual: not referenced`. */
  reason: string;
}
