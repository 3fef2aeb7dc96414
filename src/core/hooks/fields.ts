// Field readers shared by both formats: each reads one value, reports a wrong type on its line, and
// returns undefined so the caller can go on collecting every other problem in the same pass.
import { valueAt, type JsonDocument, type JsonPath } from './json';
import { describeType, type Problems } from './problems';

export function optionalString(doc: JsonDocument, problems: Problems, path: JsonPath): string | undefined {
  const value = valueAt(doc, path);
  if (value === undefined || typeof value === 'string') return value;
  problems.error(path, 'hook-invalid-field', `"${path.join('.')}" must be a string, not ${describeType(value)}`);
  return undefined;
}

export function requiredString(doc: JsonDocument, problems: Problems, path: JsonPath, why: string): string | undefined {
  const value = valueAt(doc, path);
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.error(
    path,
    'hook-missing-field',
    value === undefined
      ? `"${path.join('.')}" is missing (${why})`
      : `"${path.join('.')}" must be a non-empty string (${why})`,
  );
  return undefined;
}

export function enabledFlag(doc: JsonDocument, problems: Problems, path: JsonPath): boolean {
  const value = valueAt(doc, path);
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  problems.error(path, 'hook-invalid-field', `"enabled" must be true or false, not ${describeType(value)}`);
  return false;
}

/** Kiro's timeouts are seconds; the engine works in milliseconds. */
export function timeoutMs(doc: JsonDocument, problems: Problems, path: JsonPath): number | undefined {
  const value = valueAt(doc, path);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.round(value * 1000);
  problems.error(
    path,
    'hook-invalid-field',
    `"${path.join('.')}" must be a positive number of seconds, not ${describeType(value)}`,
  );
  return undefined;
}

export function stringList(doc: JsonDocument, problems: Problems, path: JsonPath): string[] | undefined {
  const value = valueAt(doc, path);
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  problems.error(
    path,
    'hook-invalid-field',
    `"${path.join('.')}" must be a list of glob strings, not ${describeType(value)}`,
  );
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
