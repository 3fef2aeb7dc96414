// Walks a parsed command and lists every simple command that would run (SEMANTICS.md §6),
// together with what makes the whole line opaque (§9) and the redirections that need a person
// (§7). Deny must see everything the text reveals, so bodies of functions, literal `-c` strings,
// `eval` strings, shell here-documents and the payloads of `find -exec` and `sudo` are all walked.
import type { Command, Part, Redir, Script } from './ast';
import { builtinOpaque, assignmentProblem } from './builtins';
import { type ParseContext, parseContext, parseUnits } from './parser';
import { asciiLower, basename } from './patterns';
import { type WordInfo, WordList, unknownWord, wordInfo } from './words';
import { POSIX_SHELLS, SHELLS, isWrapper, unwrap } from './wrappers';

export interface SimpleCommand {
  assigns: WordInfo[];
  argv: WordList;
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

/** Characters that may be parsed in one check, over all re-parses (`eval`, `-c` strings): §13.14. */
const PARSE_BUDGET = 4_000_000;
/** Simple commands and wrapper levels that may be recorded in one check. */
const STEP_BUDGET = 400_000;

export function analyze(source: string): Analysis {
  const ctx = parseContext(PARSE_BUDGET);
  const walker = new Walker(ctx);
  const parsed = parseUnits(source, ctx);
  try {
    for (const unit of parsed.units) walker.list(unit, 0, [], false);
    if (parsed.limit) walker.partial(parsed.partial ?? [], 0);
  } catch (err) {
    if (!(err instanceof RangeError || err instanceof BudgetError)) throw err;
    walker.overBudget();
  }
  return { ...walker.result(), parseError: parsed.error };
}

class BudgetError extends Error {}

class Walker {
  private commands: SimpleCommand[] = [];
  private opaque = new Set<string>();
  private redirections: string[] = [];
  private steps = STEP_BUDGET;

  constructor(private readonly ctx: ParseContext) {}

  result(): Omit<Analysis, 'parseError'> {
    return { commands: this.commands, opaque: [...this.opaque], redirections: this.redirections };
  }

  overBudget(): void {
    this.opaque.add("the command is over the checker's work budget");
  }

  /** Inside sudo an opaque construct cannot block an allow (sudo is matched whole) but may hide a denied command. */
  private flag(why: string, denyOnly: boolean): void {
    if (denyOnly) this.push({ assigns: [], argv: WordList.of([]), exempt: false, denyOnly: true, unknown: true });
    else this.opaque.add(why);
  }

  private push(sc: SimpleCommand): void {
    if (--this.steps < 0) throw new BudgetError();
    this.commands.push(sc);
  }

  list(cmds: Script, depth: number, carry: WordInfo[], denyOnly: boolean): void {
    for (const cmd of cmds) this.command(cmd, depth, carry, denyOnly);
  }

  /**
   * The simple commands read on a line the parser could not finish (nested past its limit):
   * each is checked on its own words, for deny (its nested scripts are in the list too).
   */
  partial(cmds: Command[], depth: number): void {
    for (const cmd of cmds) {
      if (cmd.type !== 'simple') continue;
      this.simple(cmd.assigns.map(wordInfo), WordList.of(cmd.words.map(wordInfo)), cmd.redirs, depth, true);
    }
  }

  private nested(script: Script, depth: number, carry: WordInfo[], denyOnly: boolean): void {
    // Deeper nesting is opaque, but its commands are still walked so that deny sees them.
    if (depth > MAX_DEPTH) this.flag(`nesting deeper than ${MAX_DEPTH} levels`, denyOnly);
    this.list(script, depth, carry, denyOnly);
  }

  /** A script given as text (`-c` string, `eval`, `trap`, a shell's here-document); false when it has no command. */
  private script(text: string, depth: number, carry: WordInfo[], denyOnly: boolean, shell = 'bash'): boolean {
    const before = this.commands.length;
    const parsed = parseUnits(text, this.ctx);
    if (depth > MAX_DEPTH) this.flag(`nesting deeper than ${MAX_DEPTH} levels`, denyOnly);
    for (const unit of parsed.units) this.list(unit, depth, carry, denyOnly);
    if (parsed.limit) this.partial(parsed.partial ?? [], depth);
    if (parsed.error) this.flag(`nested script does not parse (${parsed.error})`, denyOnly);
    if (POSIX_SHELLS.has(shell) && parsed.bashisms.length)
      this.flag(`'${shell}' reads ${parsed.bashisms[0]} differently from bash`, denyOnly);
    return this.commands.length > before;
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
    for (const w of cmd.assigns) this.parts(w.parts, depth, carry, denyOnly);
    for (const w of cmd.words) this.parts(w.parts, depth, carry, denyOnly);
    const own = cmd.assigns.map(wordInfo);
    this.assignments(own, denyOnly);
    const assigns = [...carry, ...own];
    this.simple(assigns, WordList.of(cmd.words.map(wordInfo)), cmd.redirs, depth, denyOnly);
  }

  /** Shell assignments (not `env` settings, which bash does not evaluate). */
  private assignments(words: WordInfo[], denyOnly: boolean): void {
    for (const w of words) {
      const problem = assignmentProblem(w);
      if (problem) this.flag(problem, denyOnly);
    }
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

  /**
   * One simple command and, iteratively, the chain of wrappers it starts (§6.1, §13.14): each
   * wrapper level is recorded, and the loop goes on with the command it wraps.
   */
  private simple(assigns: WordInfo[], argv: WordList, redirs: Redir[], depth: number, denyOnly: boolean): void {
    for (;;) {
      const record = (exempt: boolean, unknown = false): SimpleCommand => {
        const sc = { assigns, argv, exempt, denyOnly, unknown };
        this.push(sc);
        return sc;
      };
      if (!argv.length) return void record(false);
      const cmd = argv.at(0);
      if (!cmd.det) {
        this.flag(`command word '${cmd.text}' is only known at run time`, denyOnly);
        return void record(false);
      }
      const name = asciiLower(basename(cmd.value));
      const bare = cmd.value === name;
      const args = argv.slice(1);
      const builtinProblem = builtinOpaque(name, args);
      if (builtinProblem) this.flag(builtinProblem, denyOnly);
      if (name === 'sudo' || name === 'doas') {
        const inner = privilegedCommand(args.toArray());
        record(false, inner === null);
        if (!inner?.length) return;
        assigns = [];
        argv = WordList.of(inner);
        denyOnly = true;
        continue;
      }
      if (name === 'find') {
        record(false);
        for (const payload of findPayloads(argv.toArray()))
          this.simple(assigns, WordList.of(payload), [], depth, denyOnly);
        return;
      }
      if (!isWrapper(name)) return void record(false);
      const u = unwrap(name, args);
      switch (u.kind) {
        case 'ordinary':
          return void record(false);
        case 'opaque': {
          this.flag(u.why, denyOnly);
          record(bare);
          if (u.script !== undefined) this.script(u.script, depth + 1, assigns, denyOnly, name);
          if (u.stdin || u.script !== undefined) this.shellInput(redirs, depth, assigns, denyOnly, name, !u.stdin);
          return;
        }
        case 'inner':
          record(bare);
          if (u.level) this.assignments(u.assigns, denyOnly);
          if (u.assigns.length) assigns = [...assigns, ...u.assigns];
          argv = u.argv;
          depth += u.level;
          if (u.level && depth > MAX_DEPTH) this.flag(`nesting deeper than ${MAX_DEPTH} levels`, denyOnly);
          continue;
        case 'script': {
          const sc = record(bare);
          const found = this.script(u.text, depth + 1, assigns, denyOnly, SHELLS.has(name) ? name : 'bash');
          if (SHELLS.has(name)) this.shellInput(redirs, depth, assigns, denyOnly, name, true);
          // A wrapper that wraps nothing is matched itself, with every assignment carried to it (§13.1).
          if (!found) sc.exempt = false;
          return;
        }
        case 'stdin': {
          const sc = record(bare);
          const found = this.shellInput(redirs, depth, assigns, denyOnly, name, false);
          if (found === null) this.flag(`'${cmd.text}' reads its script from standard input`, denyOnly);
          else if (!found) sc.exempt = false;
          return;
        }
      }
    }
  }

  /**
   * A shell's standard input (§13.4): the here-document or here-string that fd 0 holds after its
   * redirections is parsed as its script, unless `ignoreStdin` (it has a `-c` string); every
   * other literal body given to it is read for deny. Null when fd 0 holds no literal script.
   */
  private shellInput(
    redirs: Redir[],
    depth: number,
    carry: WordInfo[],
    denyOnly: boolean,
    shell: string,
    ignoreStdin: boolean,
  ): boolean | null {
    const { stdin, bodies } = shellStdin(redirs);
    let found: boolean | null = null;
    for (const body of bodies) {
      if (body === stdin && !ignoreStdin) found = this.script(body.text, depth + 1, carry, denyOnly, shell);
      else this.script(body.text, depth + 1, [], true, shell);
    }
    return found;
  }
}

interface Body {
  text: string;
}

/**
 * Follows a shell's descriptors through its redirections, left to right (`3<f <<<x 0>&3` leaves
 * fd 0 on `f`): what fd 0 ends on, when that is a literal body, and every literal body given.
 */
function shellStdin(redirs: Redir[]): { stdin: Body | null; bodies: Body[] } {
  type Source = Body | 'other';
  const fds = new Map<string, Source>();
  const bodies: Body[] = [];
  const get = (fd: string): Source => fds.get(fd) ?? 'other';
  for (const r of redirs) {
    if (r.fd?.startsWith('{')) {
      const text = literalBody(r);
      if (text !== null) bodies.push({ text });
      continue;
    }
    const fd = r.fd === null ? null : String(Number(r.fd));
    const input = r.op.startsWith('<');
    const target = fd ?? (input ? '0' : '1');
    if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
      const text = literalBody(r);
      const src: Source = text === null ? 'other' : { text };
      if (text !== null) bodies.push(src as Body);
      fds.set(target, src);
    } else if (r.op === '<&' || r.op === '>&') {
      const t = wordInfo(r.target);
      const m = t.det ? /^(\d+)(-?)$/.exec(t.value) : null;
      if (m) {
        fds.set(target, get(String(Number(m[1]))));
        if (m[2]) fds.set(String(Number(m[1])), 'other');
      } else {
        fds.set(target, 'other');
        if (r.op === '>&' && fd === null) fds.set('2', 'other');
      }
    } else if (r.op === '&>' || r.op === '&>>') {
      fds.set('1', 'other');
      fds.set('2', 'other');
    } else fds.set(target, 'other');
  }
  const zero = get('0');
  return { stdin: zero === 'other' ? null : zero, bodies };
}

/** A here-document or here-string body that the text fixes completely, or null. */
function literalBody(r: Redir): string | null {
  if (r.heredoc) {
    if (!r.heredoc.parts) return r.heredoc.body;
    let text = '';
    for (const p of r.heredoc.parts) {
      if (p.kind !== 'lit') return null;
      text += p.text;
    }
    return text;
  }
  if (r.op === '<<<') {
    const w = wordInfo(r.target);
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
