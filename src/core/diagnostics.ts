// One diagnostic shape for every engine (specs, steering, hooks, policy files): the CLI prints it
// as JSON and the extension maps it onto the Problems panel.

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Absolute path of the file the problem is in. */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: Severity;
  /** Stable machine-readable code, e.g. `task-unknown-requirement`. */
  code: string;
  /** A sentence a person understands, naming what is wrong and, where possible, how to fix it. */
  message: string;
}
