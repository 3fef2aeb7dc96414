// `tiller check-command`: the command policy from a terminal or CI. One command after `--`, or
// `--batch` JSON lines on stdin (one verdict line per input line, in order; a bad line yields an
// error object and the batch goes on). Always exits 0 with a verdict; 2 on bad arguments.
import { createInterface } from 'node:readline';
import { parse, UsageError } from './args';
import {
  checkCommand,
  defaultPatterns,
  explainCommand,
  formatExplanation,
  parseRules,
  PolicyFileError,
  readPolicyFile,
  rulesFrom,
  sourcedList,
  type SourcedPattern,
} from '../core/policy';

const USAGE = `usage: tiller check-command [--defaults] [--allow PATTERN]... [--deny PATTERN]... [--policy FILE] [--explain] -- COMMAND
       tiller check-command --batch < lines.jsonl

Prints {verdict, commands: [{argv, verdict, pattern}], reasons} for the exact string bash -c would run.
--defaults      include Tiller's built-in allow and deny lists (as tiller run and tiller watch do)
--policy FILE   JSON {"allow": [...], "deny": [...]}, added to --allow/--deny
--explain       for people: each simple command's verdict and the pattern that decided it, with its
                source (built-in default, command line, policy file); with --json, that as JSON
--batch         read {"allow": [...], "deny": [...], "command": "..."} per line; write one result per line`;

interface Values {
  allow?: string[];
  deny?: string[];
  policy?: string;
  defaults: boolean;
  explain: boolean;
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
      defaults: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
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
  const entries: SourcedPattern[] = [
    ...(values.defaults ? defaultPatterns() : []),
    ...sourcedList('allow', values.allow ?? [], 'command-line'),
    ...sourcedList('deny', values.deny ?? [], 'command-line'),
  ];
  if (values.policy) {
    try {
      const file = await readPolicyFile(values.policy);
      entries.push(
        ...sourcedList('allow', file.allow, 'policy-file', values.policy),
        ...sourcedList('deny', file.deny, 'policy-file', values.policy),
      );
    } catch (err) {
      if (err instanceof PolicyFileError) throw new UsageError(err.message, USAGE);
      throw err;
    }
  }
  const command = commandArgs.join(' ');
  if (values.explain) {
    const explanation = explainCommand(command, entries);
    process.stdout.write(values.json ? `${JSON.stringify(explanation)}\n` : formatExplanation(explanation));
    return 0;
  }
  process.stdout.write(`${JSON.stringify(checkCommand(command, rulesFrom(entries)))}\n`);
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
    // One line never stops the batch (SEMANTICS.md §13.14).
    return { error: err instanceof PolicyFileError ? err.message : `line ${n}: ${String(err)}` };
  }
}
