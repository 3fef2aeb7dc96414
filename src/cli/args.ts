// Argument parsing shared by every sub-command, on Node's own util.parseArgs. Any parse problem
// becomes a UsageError so that main() prints the command's usage and exits 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<V> {
  values: V & { json: boolean; workspace: string; help: boolean };
  positionals: string[];
}

/**
 * Parses argv with the given options plus the common `--json`, `--workspace DIR` and `--help`.
 * The workspace defaults to the current folder and comes back absolute.
 */
export function parse<V>(argv: string[], options: Options, usage: string, allowPositionals = false): Parsed<V> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...options,
        json: { type: 'boolean', default: false },
        workspace: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), usage);
  }
  const values = parsed.values as Record<string, unknown>;
  values.workspace = resolve(typeof values.workspace === 'string' ? values.workspace : process.cwd());
  return { values: values as Parsed<V>['values'], positionals: parsed.positionals };
}

/** Reads a required string option or throws a UsageError naming it. */
export function required(value: unknown, name: string, usage: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`, usage);
  return value;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
