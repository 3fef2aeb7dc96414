// `tiller check-command`: the command policy from a terminal or CI. One command after `--`, or
// `--batch` JSON lines on stdin (one verdict line per input line, in order; a bad line yields an
// error object and the batch goes on). Always exits 0 with a verdict; 2 on bad arguments.
import { createInterface } from 'node:readline';
import { parse, UsageError } from './args';
import { checkCommand, type PolicyRules, parseRules, PolicyFileError, readPolicyFile } from '../core/policy';

const USAGE = `usage: tiller check-command [--allow PATTERN]... [--deny PATTERN]... [--policy FILE] -- COMMAND
       tiller check-command --batch < lines.jsonl

Prints {verdict, commands: [{argv, verdict, pattern}], reasons} for the exact string bash -c would run.
--policy FILE   JSON {"allow": [...], "deny": [...]}, added to --allow/--deny
--batch         read {"allow": [...], "deny": [...], "command": "..."} per line; write one result per line`;

interface Values {
  allow?: string[];
  deny?: string[];
  policy?: string;
  batch: boolean;
}

export async function run(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const optionArgs = dash < 0 ? argv : argv.slice(0, dash);
  const commandArgs = dash < 0 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parse<Values>(
    optionArgs,
    {
      allow: { type: 'string', multiple: true },
      deny: { type: 'string', multiple: true },
      policy: { type: 'string' },
      batch: { type: 'boolean', default: false },
    },
    USAGE,
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length)
    throw new UsageError(`unexpected argument '${positionals[0]}' (put the command after --)`, USAGE);
  if (values.batch) {
    if (dash >= 0) throw new UsageError('--batch reads commands from stdin; give no command after --', USAGE);
    await batch();
    return 0;
  }
  if (dash < 0 || commandArgs.length === 0) throw new UsageError('give the command after --', USAGE);
  let rules: PolicyRules = { allow: values.allow ?? [], deny: values.deny ?? [] };
  if (values.policy) {
    try {
      const file = await readPolicyFile(values.policy);
      rules = { allow: [...rules.allow, ...file.allow], deny: [...rules.deny, ...file.deny] };
    } catch (err) {
      if (err instanceof PolicyFileError) throw new UsageError(err.message, USAGE);
      throw err;
    }
  }
  process.stdout.write(`${JSON.stringify(checkCommand(commandArgs.join(' '), rules))}\n`);
  return 0;
}

async function batch(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    process.stdout.write(`${JSON.stringify(batchLine(line, n))}\n`);
  }
}

function batchLine(line: string, n: number): object {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `line ${n}: not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: `line ${n}: expected an object` };
  const { command, ...lists } = value as Record<string, unknown>;
  if (typeof command !== 'string') return { error: `line ${n}: "command" must be a string` };
  try {
    return checkCommand(command, parseRules(lists, `line ${n}`));
  } catch (err) {
    if (err instanceof PolicyFileError) return { error: err.message };
    throw err;
  }
}
