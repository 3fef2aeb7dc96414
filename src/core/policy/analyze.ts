// Walks a parsed command and lists every simple command that would run (SEMANTICS.md §6),
// together with what makes the whole line opaque (§9) and the redirections that need a person
// (§7). Deny must see everything the text reveals, so bodies of functions, literal `-c` strings,
// `eval` strings, shell here-documents and the payloads of `find -exec` and `sudo` are all walked.
import type { Command, Part, Redir, Script } from './ast';
import { isLiteralArithmetic, parseUnits } from './parser';
import { asciiLower, basename } from './patterns';
import { type WordInfo, unknownWord, wordInfo } from './words';
import { isWrapper, unwrap } from './wrappers';

export interface SimpleCommand {
  assigns: WordInfo[];
  argv: WordInfo[];
  /** A wrapper invoked by its bare lower-case name: only the wrapped command needs an allow pattern. */
  exempt: boolean;
  /** Found inside `sudo`/`doas`: checked against deny patterns only. */
  denyOnly: boolean;
  /** What runs cannot be determined: possibly matches every deny pattern. */
  unknown: boolean;
}

export interface Analysis {
  commands: SimpleCommand[];
  /** Reasons the line cannot be allowed whatever the patterns say. */
  opaque: string[];
  /** Redirections that are not permitted (§7). */
  redirections: string[];
  /** Syntax error; only the complete lines before it were analysed. */
  parseError?: string;
}

const MAX_DEPTH = 16;
/** Builtins that change how later words are resolved or parsed (§9d). */
const RESOLUTION_BUILTINS = new Set(['alias', 'unalias', 'enable', 'hash', 'shopt']);
const FIND_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const SINKS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);
/** sudo/doas options that take a value (§6.2). */
const PRIVILEGED_VALUE = new Set('ughpCDrtUT');
const PRIVILEGED_LONG_VALUE = new Set([
  '--user',
  '--group',
  '--host',
  '--prompt',
  '--close-from',
  '--chdir',
  '--role',
  '--type',
  '--other-user',
  '--command-timeout',
]);
const PRIVILEGED_LONG_FLAG = new Set([
  '--askpass',
  '--background',
  '--bell',
  '--edit',
  '--help',
  '--list',
  '--login',
  '--non-interactive',
  '--preserve-env',
  '--preserve-groups',
  '--remove-timestamp',
  '--reset-timestamp',
  '--set-home',
  '--shell',
  '--stdin',
  '--validate',
  '--version',
]);

export function analyze(source: string): Analysis {
  const walker = new Walker();
  const parsed = parseUnits(source);
  for (const unit of parsed.units) walker.list(unit, 0, [], false);
  return { ...walker.result(), parseError: parsed.error };
}

class Walker {
  private commands: SimpleCommand[] = [];
  private opaque = new Set<string>();
  private redirections: string[] = [];

  result(): Omit<Analysis, 'parseError'> {
    return { commands: this.commands, opaque: [...this.opaque], redirections: this.redirections };
  }

  /** Inside sudo an opaque construct cannot block an allow (sudo is matched whole) but may hide a denied command. */
  private flag(why: string, denyOnly: boolean): void {
    if (denyOnly) this.commands.push({ assigns: [], argv: [], exempt: false, denyOnly: true, unknown: true });
    else this.opaque.add(why);
  }

  list(cmds: Script, depth: number, carry: WordInfo[], denyOnly: boolean): void {
    for (const cmd of cmds) this.command(cmd, depth, carry, denyOnly);
  }

  private nested(script: Script, depth: number, carry: WordInfo[], denyOnly: boolean): void {
    // Deeper nesting is opaque, but its commands are still walked so that deny sees them.
    if (depth > MAX_DEPTH) this.flag(`nesting deeper than ${MAX_DEPTH} levels`, denyOnly);
    this.list(script, depth, carry, denyOnly);
  }

  private script(text: string, depth: number, carry: WordInfo[], denyOnly: boolean): void {
    const parsed = parseUnits(text);
    if (depth > MAX_DEPTH) this.flag(`nesting deeper than ${MAX_DEPTH} levels`, denyOnly);
    for (const unit of parsed.units) this.list(unit, depth, carry, denyOnly);
    if (parsed.error) this.flag(`nested script does not parse (${parsed.error})`, denyOnly);
  }

  private command(cmd: Command, depth: number, carry: WordInfo[], denyOnly: boolean): void {
    this.redirs(cmd.redirs, depth, carry, denyOnly);
    if (cmd.type === 'function') {
      this.flag(`function definition '${cmd.name}' can shadow any command`, denyOnly);
      this.list(cmd.body, depth, carry, denyOnly);
      return;
    }
    if (cmd.type === 'compound') {
      for (const w of cmd.words) this.parts(w.parts, depth, carry, denyOnly);
      if (cmd.opaque) this.flag(cmd.opaque, denyOnly);
      this.list(cmd.body, depth, carry, denyOnly);
      return;
    }
    for (const w of [...cmd.assigns, ...cmd.words]) this.parts(w.parts, depth, carry, denyOnly);
    if (cmd.assigns.some((w) => /^[A-Za-z_]\w*\[/.test(w.raw))) this.flag('array subscript in an assignment', denyOnly);
    const assigns = [...carry, ...cmd.assigns.map(wordInfo)];
    this.simple(assigns, cmd.words.map(wordInfo), cmd.redirs, depth, denyOnly);
  }

  private parts(parts: Part[], depth: number, carry: WordInfo[], denyOnly: boolean): void {
    for (const p of parts) {
      if (p.kind !== 'exp') continue;
      if (p.opaque) this.flag(p.opaque, denyOnly);
      for (const s of p.scripts) this.nested(s, depth + 1, carry, denyOnly);
    }
  }

  private redirs(redirs: Redir[], depth: number, carry: WordInfo[], denyOnly: boolean): void {
    for (const r of redirs) {
      if (r.heredoc) this.parts(r.heredoc.parts ?? [], depth, carry, denyOnly);
      else if (r.op !== '<<' && r.op !== '<<-') this.parts(r.target.parts, depth, carry, denyOnly);
      const problem = redirectionProblem(r);
      if (problem && !denyOnly) this.redirections.push(problem);
    }
  }

  private simple(assigns: WordInfo[], argv: WordInfo[], redirs: Redir[], depth: number, denyOnly: boolean): void {
    const record = (exempt: boolean, unknown = false): void => {
      this.commands.push({ assigns, argv, exempt, denyOnly, unknown });
    };
    const cmd = argv[0];
    if (!cmd) return record(false);
    if (!cmd.det) {
      this.flag(`command word '${cmd.text}' is only known at run time`, denyOnly);
      return record(false);
    }
    const name = asciiLower(basename(cmd.value));
    const bare = cmd.value === name;
    if (RESOLUTION_BUILTINS.has(name)) {
      this.flag(`'${name}' changes how later commands are resolved`, denyOnly);
      return record(false);
    }
    if (name === 'let') {
      if (argv.slice(1).some((w) => !w.det || !isLiteralArithmetic(w.value)))
        this.flag('let with non-literal arithmetic', denyOnly);
      return record(false);
    }
    if (name === 'sudo' || name === 'doas') {
      const inner = privilegedCommand(argv.slice(1));
      record(false, inner === null);
      if (inner?.length) this.simple([], inner, redirs, depth, true);
      return;
    }
    if (name === 'find') {
      record(false);
      for (const payload of findPayloads(argv)) this.simple(assigns, payload, [], depth, denyOnly);
      return;
    }
    if (!isWrapper(name)) return record(false);
    const u = unwrap(name, argv.slice(1));
    switch (u.kind) {
      case 'ordinary':
        return record(false);
      case 'opaque':
        this.flag(u.why, denyOnly);
        return record(bare);
      case 'inner':
        record(bare);
        return this.simple([...assigns, ...u.assigns], u.argv, redirs, depth, denyOnly);
      case 'script':
        record(bare);
        return this.script(u.text, depth + 1, assigns, denyOnly);
      case 'stdin': {
        record(bare);
        const text = stdinScript(redirs);
        if (text === null) this.flag(`'${cmd.text}' reads its script from standard input`, denyOnly);
        else this.script(text, depth + 1, assigns, denyOnly);
      }
    }
  }
}

/** The script a shell reads on stdin, when that is a literal here-document or here-string. */
function stdinScript(redirs: Redir[]): string | null {
  const input = redirs.filter((r) => (r.fd === null || r.fd === '0') && /^(<|<<|<<-|<<<|<&|<>)$/.test(r.op)).pop();
  if (!input) return null;
  if (input.heredoc) {
    if (!input.heredoc.parts) return input.heredoc.body;
    return input.heredoc.parts.every((p) => p.kind === 'lit')
      ? input.heredoc.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('')
      : null;
  }
  if (input.op === '<<<') {
    const w = wordInfo(input.target);
    return w.det ? `${w.value}\n` : null;
  }
  return null;
}

/** The command after sudo/doas options; [] when there is none; null when it cannot be determined. */
function privilegedCommand(args: WordInfo[]): WordInfo[] | null {
  let i = 0;
  let shell = false;
  for (; i < args.length; i++) {
    const w = args[i];
    if (!w.det) return null;
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-') || v === '-') break;
    if (v.startsWith('--')) {
      const name = v.split('=')[0];
      if (v.includes('=')) continue;
      if (PRIVILEGED_LONG_VALUE.has(name)) i++;
      else if (PRIVILEGED_LONG_FLAG.has(name)) shell ||= name === '--shell' || name === '--login';
      else return null;
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      if (PRIVILEGED_VALUE.has(v[k])) {
        if (k === v.length - 1) i++;
        break;
      }
      shell ||= v[k] === 's' || v[k] === 'i';
    }
  }
  if (i > args.length) return null;
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i].lead)) i++;
  if (i >= args.length) return shell ? null : [];
  return args.slice(i);
}

/** Commands run by `find -exec`/`-execdir`/`-ok`/`-okdir`; words with `{}` are the found paths. */
function findPayloads(argv: WordInfo[]): WordInfo[][] {
  const out: WordInfo[][] = [];
  for (let i = 1; i < argv.length; i++) {
    if (!argv[i].det || !FIND_ACTIONS.has(argv[i].value)) continue;
    const payload: WordInfo[] = [];
    let j = i + 1;
    for (; j < argv.length; j++) {
      const w = argv[j];
      if (w.det && w.value === ';') break;
      if (w.det && w.value === '+' && j > i + 1 && argv[j - 1].det && argv[j - 1].value === '{}') break;
      payload.push(w.det && w.value.includes('{}') ? unknownWord(w.text) : w);
    }
    if (payload.length) out.push(payload);
    i = j;
  }
  return out;
}

function redirectionProblem(r: Redir): string | null {
  if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') return null;
  const t = wordInfo(r.target);
  const shown = `${r.fd ?? ''}${r.op}${t.text}`;
  if (r.fd?.startsWith('{')) return `redirection '${shown}' uses a descriptor variable`;
  if (!t.det) return `redirection target in '${shown}' is only known at run time`;
  if (/^\/dev\/(tcp|udp)\//.test(t.value)) return `redirection '${shown}' opens a network connection`;
  if (r.op === '<') return null;
  if ((r.op === '<&' || r.op === '>&') && /^(\d+-?|-)$/.test(t.value)) return null;
  if (r.op !== '<&' && r.op !== '<>' && SINKS.has(t.value)) return null;
  return `redirection '${shown}' writes to a file`;
}
