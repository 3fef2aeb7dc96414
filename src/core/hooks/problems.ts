// Collects what is wrong with one hook: each problem becomes both a line in the hook's `errors`
// (shown in lists and trees) and a Diagnostic on the offending value (the Problems panel).
import { basename } from 'node:path';
import type { Diagnostic, Severity } from '../diagnostics';
import { positionOf, type JsonDocument, type JsonPath } from './json';

export class Problems {
  readonly errors: string[] = [];

  constructor(
    private readonly doc: JsonDocument,
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** An error makes the hook unable to fire. */
  error(path: JsonPath, code: string, message: string): void {
    this.errors.push(message);
    this.report(path, 'error', code, message);
  }

  /** A warning is worth fixing but the hook still works. */
  warn(path: JsonPath, code: string, message: string): void {
    this.report(path, 'warning', code, message);
  }

  private report(path: JsonPath, severity: Severity, code: string, message: string): void {
    const { line, column } = positionOf(this.doc, path);
    this.diagnostics.push({
      file: this.file,
      line,
      column,
      severity,
      code,
      message: `${basename(this.file)}: ${message}`,
    });
  }
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
