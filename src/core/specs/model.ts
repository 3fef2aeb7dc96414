// The typed model of a `.kiro/specs/<name>/` folder. Every consumer (extension trees, CodeLens,
// diagnostics, CLI, agent runner, webview) reads this shape and nothing else.
import type { Diagnostic } from '../diagnostics';

export type TaskStatus = 'todo' | 'in-progress' | 'queued' | 'done';

/** Form of an acceptance criterion; `not-ears` when it follows none of the EARS templates. */
export type EarsForm = 'WHEN' | 'IF' | 'WHILE' | 'WHERE' | 'ubiquitous' | 'not-ears';

export interface SourceSpan {
  /** 0-based UTF-16 offsets into the document text (what TextDocument.positionAt takes). */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
}

export interface Task {
  /** The written number (`1`, `2.1`) or, for unnumbered tasks, the derived id (see ids.ts). */
  id: string;
  /** True when the id was derived rather than written in the file. */
  derivedId: boolean;
  title: string;
  status: TaskStatus;
  optional: boolean;
  /** Requirement / criterion ids cited by `_Requirements: ..._` (and the other forms real files use). */
  requirements: string[];
  /** The lines under the task's title (bullets, metadata), trimmed, in order. */
  details: string[];
  /** The id of the parent task, or null for a top-level task. */
  parent: string | null;
  children: Task[];
  /** The whole list item, title line through its last detail line. */
  span: SourceSpan;
  /** The one character between the brackets of the checkbox. */
  marker: SourceSpan;
  /** The title text after the number. */
  titleSpan: SourceSpan;
  /**
   * The nearest heading above the task (`Task 1: Create config`, `Phase 2`), when the file groups
   * tasks under headings. Headings are never tasks themselves; see parse-tasks.ts.
   */
  section?: string;
}

export interface AcceptanceCriterion {
  /** `N.M` where N is the requirement id. */
  id: string;
  text: string;
  ears: EarsForm;
  line: number;
}

export interface Requirement {
  /** The requirement number as written (`1`, `2`), or for bugfix clauses the clause group. */
  id: string;
  title: string;
  userStory: string | null;
  criteria: AcceptanceCriterion[];
  line: number;
}

export interface DesignSection {
  depth: number;
  title: string;
  line: number;
  /** Offsets of the section's text, heading through the line before the next heading of the same or lower depth. */
  span: SourceSpan;
}

export type SpecType = 'feature' | 'bugfix';

export interface SpecConfig {
  specType?: string;
  workflowType?: string;
  /** Everything else in `.config.kiro` or cc-sdd `spec.json`, untouched. */
  [key: string]: unknown;
}

export interface SpecDocuments {
  /** Absolute paths; undefined when the document does not exist. */
  requirements?: string;
  design?: string;
  tasks?: string;
  config?: string;
}

export interface Spec {
  name: string;
  /** Absolute path of the spec folder. */
  dir: string;
  type: SpecType;
  config: SpecConfig | null;
  documents: SpecDocuments;
  requirements: Requirement[];
  design: DesignSection[];
  /** The task tree: top-level tasks, each with its children. */
  tasks: Task[];
  diagnostics: Diagnostic[];
}

export interface TaskCounts {
  total: number;
  done: number;
  inProgress: number;
  queued: number;
  optional: number;
}
