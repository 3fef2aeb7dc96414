// A bash parser written for the command policy (SEMANTICS.md §3). It follows bash's own lexing
// where string splitting and general-purpose grammars go wrong: backslash-newline vanishes
// everywhere except inside single quotes (so `&\⏎&` is `&&` and `"$\⏎(x)"` is a substitution);
// only space, tab and newline separate words (CR, NBSP, zero-width characters are word
// characters); `#` starts a comment only at the start of a word; here-document bodies are read
// after the next newline and an unterminated one is an error; a stray `;;`, `)` or `fi` is an
// error. Parsing is by top-level units, the way `bash -c` reads and runs one complete command
// line at a time, so a caller knows which lines before a syntax error would still have run.
import { type Command, type Part, type Redir, type Script, type Word, ParseError } from './ast';
import { decodeAnsiC } from './ansi-c';
import { hasBraceExpansion, unquotedMask } from './words';

const BLANK = new Set([' ', '\t']);
const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const COMPOUND_START = new Set(['if', 'while', 'until', 'for', 'select', 'case', '{', '[[', 'function', 'coproc', '(']);
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const KEYWORDS = new Set([...COMPOUND_START, ...CLOSERS, '!', 'time', 'in', ']]']);
const KEYWORD_START = new Set([...KEYWORDS].map((k) => k[0]));
const NO_ENDS = new Set<string>();
/** Arithmetic made only of integer literals, operators, spaces and parentheses (§9e); `;` separates `for ((;;))`. */
const LITERAL_ARITH = /^(?:\s|0[xX][0-9a-fA-F]+|\d+#[0-9A-Za-z@_]+|\d+|[-+*/%()<>=!&|^~?:,;])*$/;
const ARITH_TEST_OPS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
/**
 * The parser's own nesting limit (SEMANTICS.md §13.8 asks for at least 1,000; the depth of 16 is
 * applied later, by the analyser). Past it, or if the JavaScript stack runs out first, the line is
 * `ask`, but the simple commands already read on that line are still checked for deny.
 */
const MAX_NEST = 2000;
/**
 * Command words after which bash parses `NAME=(…)` operands as compound assignments (§13.7e):
 * the declaration builtins, and `eval`, `let` and `alias`, as bash 5.2 does (`eval a=(1)` parses).
 */
const COMPOUND_OPERANDS = new Set(['declare', 'typeset', 'local', 'export', 'readonly', 'eval', 'let', 'alias']);

interface PendingHeredoc {
  redir: Redir;
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  /** Read inside `$( )`/`<( )`/`>( )`: a line that starts with the delimiter and has a `)` also ends it. */
  inSubstitution: boolean;
}

/**
 * Shared by every parser working on one check: the work budget (§13.14), the constructs a POSIX
 * shell reads differently (§13.3), and the simple commands of the line being read, which deny
 * still sees when that line turns out to be nested too deeply to finish.
 */
export interface ParseContext {
  /** Characters that may still be parsed, over all nested re-parses of one check. */
  budget: number;
  bashisms: Set<string>;
  partial: Command[];
}

export function parseContext(budget: number): ParseContext {
  return { budget, bashisms: new Set(), partial: [] };
}

export interface ParsedUnits {
  /** Complete top-level command lines, in order, up to (not including) a syntax error. */
  units: Script[];
  error?: string;
  /** Over the parser's own limits (nesting, budget) rather than a bash syntax error. */
  limit?: boolean;
  /** With `limit`: the simple commands completed on the line that could not be finished. */
  partial?: Command[];
  /** Constructs found that `sh`/`dash`/`ksh`/`zsh` read differently from bash (§13.3). */
  bashisms: string[];
}

export class LimitError extends ParseError {}

/** Parses a whole `bash -c` string into top-level units. Never throws. */
export function parseUnits(source: string, ctx: ParseContext = parseContext(Infinity)): ParsedUnits {
  const bashisms = ctx.bashisms;
  ctx.bashisms = new Set();
  try {
    return new Parser(source, ctx).units();
  } finally {
    for (const b of ctx.bashisms) bashisms.add(b);
    ctx.bashisms = bashisms;
  }
}

export function isLiteralArithmetic(text: string): boolean {
  return LITERAL_ARITH.test(text);
}

class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];
  private nest = 0;
  /** Enclosing `$( )`, `<( )`, `>( )` (not backquotes, whose text bash parses separately). */
  private substitution = 0;
  private keywordAt = -1;
  private keywordThere: string | null = null;

  constructor(
    private readonly s: string,
    private readonly ctx: ParseContext,
  ) {
    ctx.budget -= s.length;
    if (ctx.budget < 0) throw new LimitError('over the work budget');
  }

  /** A parser for text found inside this one (backquotes, here-document bodies). */
  private child(text: string): Parser {
    const p = new Parser(text, this.ctx);
    p.nest = this.nest + 1;
    if (p.nest > MAX_NEST) throw new LimitError('nesting too deep to parse');
    return p;
  }

  private bashism(what: string): void {
    this.ctx.bashisms.add(what);
  }

  units(): ParsedUnits {
    const units: Script[] = [];
    const bashisms = () => [...this.ctx.bashisms];
    try {
      for (;;) {
        this.ctx.partial = [];
        this.skipSpace(true);
        if (this.eof()) return { units, bashisms: bashisms() };
        const unit: Command[] = [];
        for (;;) {
          append(unit, this.andOr());
          this.skipSpace(false);
          const c = this.at();
          if ((c === ';' && !this.isCaseEnd()) || (c === '&' && this.at(1) !== '&' && this.at(1) !== '>')) {
            this.take();
            this.skipSpace(false);
            if (this.at() === '\n') {
              this.newline();
              break;
            }
            if (this.eof()) break;
            continue;
          }
          if (c === '\n') {
            this.newline();
            break;
          }
          if (this.eof()) break;
          throw this.unexpected();
        }
        if (this.pending.length)
          throw new ParseError(`unterminated here-document (wanted '${this.pending[0].delimiter}')`);
        units.push(unit);
      }
    } catch (err) {
      const partial = this.ctx.partial;
      if (err instanceof LimitError) return { units, error: err.message, limit: true, partial, bashisms: bashisms() };
      if (err instanceof ParseError) return { units, error: err.message, bashisms: bashisms() };
      if (err instanceof RangeError)
        return { units, error: 'nesting too deep to parse', limit: true, partial, bashisms: bashisms() };
      throw err;
    }
  }

  // ---- characters ------------------------------------------------------------------------

  /** The n-th character ahead, with backslash-newline pairs skipped (unquoted / double-quoted context). */
  private at(n = 0): string {
    const s = this.s;
    let p = this.pos;
    for (;;) {
      while (s.charCodeAt(p) === 92 && s.charCodeAt(p + 1) === 10) p += 2;
      if (n === 0) return p < s.length ? s[p] : '';
      p++;
      n--;
    }
  }

  private take(n = 1): string {
    if (n === 1 && this.s.charCodeAt(this.pos) !== 92) return this.s[this.pos++] ?? '';
    let out = '';
    for (let i = 0; i < n; i++) {
      while (this.s.charCodeAt(this.pos) === 92 && this.s.charCodeAt(this.pos + 1) === 10) this.pos += 2;
      out += this.s[this.pos++] ?? '';
    }
    return out;
  }

  private eof(): boolean {
    return this.at() === '';
  }

  private unexpected(): ParseError {
    const c = this.at();
    return new ParseError(
      c
        ? `syntax error near unexpected token '${c === '\n' ? 'newline' : c}'`
        : 'syntax error: unexpected end of input',
    );
  }

  private isCaseEnd(): boolean {
    return this.at() === ';' && (this.at(1) === ';' || this.at(1) === '&');
  }

  /** Skips blanks and a comment; with `newlines`, also newlines (reading pending here-documents). */
  private skipSpace(newlines: boolean): void {
    for (;;) {
      const c = this.at();
      if (BLANK.has(c)) this.take();
      else if (c === '#') {
        // Comments end at the raw newline: backslash-newline does not continue them.
        while (this.pos < this.s.length && this.s[this.pos] !== '\n') this.pos++;
      } else if (c === '\n' && newlines) this.newline();
      else return;
    }
  }

  private newline(): void {
    this.take();
    const pending = this.pending;
    this.pending = [];
    for (let i = 0; i < pending.length; i++) {
      if (!this.readHeredoc(pending[i])) continue;
      // The rest of the line is more of the substitution; bash's handling of further pending
      // here-documents after that is not something to guess at.
      if (i + 1 < pending.length) throw new ParseError('here-document ended inside a line with others pending');
      return;
    }
  }

  // ---- lists -----------------------------------------------------------------------------

  private enter(): void {
    if (++this.nest > MAX_NEST) throw new LimitError('nesting too deep to parse');
  }

  /**
   * A compound list: and-or lists separated by `;`, `&` or newlines, up to one of the reserved
   * words in `ends` (or `;;` when `ends` has it), a `)` when `paren`, or the end of input when `eof`.
   */
  private list(ends: Set<string>, paren: boolean, required: boolean, eof = false): Command[] {
    this.enter();
    const out: Command[] = [];
    let count = 0;
    for (;;) {
      this.skipSpace(true);
      if (this.atListEnd(ends, paren)) break;
      if (this.eof()) {
        if (eof) break;
        throw this.unexpected();
      }
      append(out, this.andOr());
      count++;
      this.skipSpace(false);
      const c = this.at();
      if (c === ';' && !this.isCaseEnd()) this.take();
      else if (c === '&' && this.at(1) !== '&' && this.at(1) !== '>') this.take();
      else if (c === '\n') this.newline();
      else if (!this.atListEnd(ends, paren) && !(eof && this.eof())) throw this.unexpected();
    }
    if (required && count === 0) throw this.unexpected();
    this.nest--;
    return out;
  }

  private atListEnd(ends: Set<string>, paren: boolean): boolean {
    if (paren && this.at() === ')') return true;
    if (ends.has(';;') && this.isCaseEnd()) return true;
    const kw = this.peekKeyword();
    return kw !== null && ends.has(kw);
  }

  /** The reserved word at the current position, if the next word is one (unquoted, whole). */
  private peekKeyword(): string | null {
    // Asked several times at one position (list, pipeline, command): remembered per position.
    if (this.keywordAt === this.pos) return this.keywordThere;
    let word = '';
    if (KEYWORD_START.has(this.at())) {
      for (let i = 0; i < 9; i++) {
        const c = this.at(i);
        if (c === '' || META.has(c)) break;
        word += c;
      }
    }
    this.keywordAt = this.pos;
    this.keywordThere = KEYWORDS.has(word) ? word : null;
    return this.keywordThere;
  }

  private keyword(word: string): void {
    this.skipSpace(false);
    if (this.peekKeyword() !== word) throw this.unexpected();
    this.take(word.length);
  }

  /** And-or list of pipelines; the pipeline loop is inlined so that deep nesting costs fewer frames. */
  private andOr(): Command[] {
    const out: Command[] = [];
    for (;;) {
      if (this.pipelinePrefix()) {
        for (;;) {
          append(out, this.command());
          this.skipSpace(false);
          if (this.at() === '|' && this.at(1) !== '|') {
            if (this.at(1) === '&') this.bashism('|&');
            this.take(this.at(1) === '&' ? 2 : 1);
            this.skipSpace(true);
            continue;
          }
          break;
        }
      }
      this.skipSpace(false);
      if (!((this.at() === '&' && this.at(1) === '&') || (this.at() === '|' && this.at(1) === '|'))) return out;
      this.take(2);
      this.skipSpace(true);
    }
  }

  /** Reads a pipeline's `!` and `time [-p] [--]`; false when they stand alone (an empty pipeline). */
  private pipelinePrefix(): boolean {
    let prefixed = false;
    for (;;) {
      this.skipSpace(false);
      const kw = this.peekKeyword();
      if (kw === '!') this.take();
      else if (kw === 'time') {
        this.take(4);
        this.skipSpace(false);
        if (this.at() === '-' && this.at(1) === 'p' && (this.at(2) === '' || META.has(this.at(2)))) this.take(2);
        this.skipSpace(false);
        // bash's `time` skips one `--` after its options (§13.5).
        if (this.at() === '-' && this.at(1) === '-' && (this.at(2) === '' || META.has(this.at(2)))) this.take(2);
      } else break;
      prefixed = true;
    }
    // `!` or `time` alone is a valid (empty) pipeline; a bare separator is not.
    const c = this.at();
    return !(
      prefixed &&
      (c === '' || c === '\n' || c === ')' || (c === ';' && this.at(1) !== ';') || (c === '&' && this.at(1) !== '&'))
    );
  }

  private command(): Command[] {
    this.skipSpace(false);
    const kw = this.peekKeyword();
    // `!` only starts a pipeline: bash rejects it after `|` (`a | ! b`).
    if (kw !== null && (CLOSERS.has(kw) || kw === '!')) throw this.unexpected();
    if (this.at() === '(') return [this.withRedirs(this.at(1) === '(' ? this.arithOrSubshell() : this.subshell())];
    if (kw === '[[' || kw === 'select' || kw === 'coproc' || kw === 'function') this.bashism(kw);
    switch (kw) {
      case 'if':
        return [this.withRedirs(this.ifClause())];
      case 'while':
      case 'until':
        return [this.withRedirs(this.whileClause(kw))];
      case 'for':
      case 'select':
        return [this.withRedirs(this.forClause(kw))];
      case 'case':
        return [this.withRedirs(this.caseClause())];
      case '{':
        return [this.withRedirs(this.group())];
      case '[[':
        return [this.withRedirs(this.testClause())];
      case 'function':
        return [this.functionKeyword()];
      case 'coproc':
        return [this.coproc()];
      default:
        return [this.simple()];
    }
  }

  private withRedirs(cmd: Command): Command {
    for (;;) {
      this.skipSpace(false);
      const r = this.redirection();
      if (!r) return cmd;
      cmd.redirs.push(r);
    }
  }

  private compound(body: Command[], words: Word[] = [], opaque?: string): Command {
    return { type: 'compound', body, words, redirs: [], opaque };
  }

  private subshell(): Command {
    this.take();
    const body = this.list(new Set(), true, true);
    if (this.at() !== ')') throw this.unexpected();
    this.take();
    return this.compound(body);
  }

  /** `((…))` is arithmetic when it closes with `))`; otherwise bash re-reads it as nested subshells. */
  private arithOrSubshell(): Command {
    const start = this.pos;
    this.take(2);
    const parts = this.arithParts();
    if (parts) return this.arithCompound(parts);
    this.pos = start;
    return this.subshell();
  }

  private arithCompound(parts: Part[]): Command {
    this.bashism('((');
    const word: Word = { parts, raw: '((…))' };
    return this.compound([], [word], arithOpaque(parts));
  }

  private ifClause(): Command {
    this.take(2);
    const body = this.list(new Set(['then']), false, true);
    this.keyword('then');
    append(body, this.list(new Set(['elif', 'else', 'fi']), false, true));
    for (;;) {
      const kw = this.peekKeyword();
      this.take(kw?.length ?? 0);
      if (kw === 'fi') return this.compound(body);
      if (kw === 'else') {
        append(body, this.list(new Set(['fi']), false, true));
        this.keyword('fi');
        return this.compound(body);
      }
      if (kw !== 'elif') throw this.unexpected();
      append(body, this.list(new Set(['then']), false, true));
      this.keyword('then');
      append(body, this.list(new Set(['elif', 'else', 'fi']), false, true));
    }
  }

  private whileClause(kw: string): Command {
    this.take(kw.length);
    const body = this.list(new Set(['do']), false, true);
    this.keyword('do');
    append(body, this.list(new Set(['done']), false, true));
    this.keyword('done');
    return this.compound(body);
  }

  private forClause(kw: string): Command {
    this.take(kw.length);
    this.skipSpace(false);
    let words: Word[] = [];
    let opaque: string | undefined;
    if (kw === 'for' && this.at() === '(' && this.at(1) === '(') {
      this.bashism('((');
      this.take(2);
      const parts = this.arithParts();
      if (!parts) throw this.unexpected();
      words = [{ parts, raw: '((…))' }];
      opaque = arithOpaque(parts);
      this.skipSpace(false);
      if (this.at() === ';') this.take();
    } else {
      if (!this.word()) throw this.unexpected();
      this.skipSpace(true);
      if (this.peekKeyword() === 'in') {
        this.take(2);
        for (;;) {
          this.skipSpace(false);
          const w = this.word();
          if (!w) break;
          words.push(w);
        }
        if (this.at() !== ';' && this.at() !== '\n') throw this.unexpected();
        if (this.at() === ';') this.take();
      } else if (this.at() === ';') this.take();
    }
    this.skipSpace(true);
    let body: Command[];
    if (this.peekKeyword() === '{') body = [this.group()];
    else {
      this.keyword('do');
      body = this.list(new Set(['done']), false, true);
      this.keyword('done');
    }
    return this.compound(body, words, opaque);
  }

  private caseClause(): Command {
    this.take(4);
    this.skipSpace(false);
    const subject = this.word();
    if (!subject) throw this.unexpected();
    const words = [subject];
    const body: Command[] = [];
    this.skipSpace(true);
    this.keyword('in');
    for (;;) {
      this.skipSpace(true);
      if (this.peekKeyword() === 'esac') {
        this.take(4);
        return this.compound(body, words);
      }
      if (this.at() === '(') this.take();
      for (;;) {
        this.skipSpace(false);
        const w = this.word();
        if (!w) throw this.unexpected();
        words.push(w);
        this.skipSpace(false);
        if (this.at() === '|') {
          this.take();
          continue;
        }
        if (this.at() !== ')') throw this.unexpected();
        this.take();
        break;
      }
      append(body, this.list(new Set([';;', 'esac']), false, false));
      if (this.isCaseEnd()) {
        if (this.at(1) === '&' || this.at(2) === '&') this.bashism(';& or ;;&');
        this.take(this.at(1) === ';' && this.at(2) === '&' ? 3 : 2);
      } else if (this.peekKeyword() !== 'esac') throw this.unexpected();
    }
  }

  private group(): Command {
    this.take();
    const body = this.list(new Set(['}']), false, true);
    this.keyword('}');
    return this.compound(body);
  }

  /** `[[ … ]]`: operands are words; `<`/`>` are comparisons; `=~` takes a regex word with bare `(|)`. */
  private testClause(): Command {
    this.take(2);
    const words: Word[] = [];
    const tokens: Array<Word | string> = [];
    for (;;) {
      this.skipSpace(true);
      if (this.eof()) throw this.unexpected();
      if (this.peekKeyword() === ']]') {
        this.take(2);
        break;
      }
      const c = this.at();
      const two = c + this.at(1);
      if (two === '&&' || two === '||') {
        tokens.push(this.take(2));
        continue;
      }
      if (c === '(' || c === ')' || c === '<' || c === '>' || c === '!') {
        tokens.push(this.take());
        continue;
      }
      const prev = tokens[tokens.length - 1];
      const regex = typeof prev !== 'string' && prev !== undefined && wordText(prev) === '=~';
      const w = this.word(regex);
      if (!w) throw this.unexpected();
      words.push(w);
      tokens.push(w);
    }
    let opaque: string | undefined;
    tokens.forEach((t, i) => {
      const op = typeof t === 'string' ? null : wordText(t);
      const next = tokens[i + 1];
      if ((op === '-v' || op === '-R') && next !== undefined && typeof next !== 'string') {
        const name = wordText(next);
        if (name === null || !isPlainName(name))
          opaque = `'[[ ${op} …]]' names a variable with a subscript bash evaluates`;
      }
      if (typeof t === 'string' || !ARITH_TEST_OPS.has(op ?? '')) return;
      for (const operand of [tokens[i - 1], tokens[i + 1]]) {
        const text = operand !== undefined && typeof operand !== 'string' ? wordText(operand) : null;
        if (text === null || !LITERAL_ARITH.test(text))
          opaque = `arithmetic comparison '${wordText(t)}' with a non-literal operand`;
      }
    });
    return this.compound([], words, opaque);
  }

  private functionKeyword(): Command {
    this.take(8);
    this.skipSpace(false);
    const name = this.word();
    if (!name) throw this.unexpected();
    this.skipSpace(false);
    if (this.at() === '(') {
      this.take();
      this.skipSpace(false);
      if (this.at() !== ')') throw this.unexpected();
      this.take();
    }
    return this.functionBody(name.raw);
  }

  private functionBody(name: string): Command {
    this.skipSpace(true);
    const kw = this.peekKeyword();
    if (this.at() !== '(' && (kw === null || !COMPOUND_START.has(kw) || kw === 'function' || kw === 'coproc'))
      throw this.unexpected();
    const body = this.command();
    const redirs: Redir[] = [];
    const fn: Command = { type: 'function', name, body, redirs };
    return this.withRedirs(fn);
  }

  /** `coproc [NAME] compound` or `coproc simple-command`. */
  private coproc(): Command {
    this.take(6);
    this.skipSpace(false);
    const startsCompound = () => {
      const kw = this.peekKeyword();
      return this.at() === '(' || (kw !== null && COMPOUND_START.has(kw) && kw !== 'function' && kw !== 'coproc');
    };
    if (!startsCompound()) {
      const start = this.pos;
      const name = this.word();
      this.skipSpace(false);
      if (!name || !startsCompound()) {
        this.pos = start;
        return this.compound([this.simple()]);
      }
    }
    return this.compound(this.command());
  }

  private simple(): Command {
    const assigns: Word[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      this.skipSpace(false);
      const r = this.redirection();
      if (r) {
        redirs.push(r);
        continue;
      }
      if (this.at() === '(' && words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        this.take();
        this.skipSpace(false);
        if (this.at() !== ')') throw this.unexpected();
        this.take();
        return this.functionBody(words[0].raw);
      }
      const w = this.word();
      if (!w) break;
      const assignment = isAssignment(w.raw);
      // bash reads `NAME=(…)` as a compound assignment before the command word, and after it
      // when that word is literally a declaration builtin (`declare -a a=(1 2)`, §13.7e).
      const compound = assignment && w.raw.endsWith('=') && this.at() === '(';
      if (compound && (words.length === 0 || COMPOUND_OPERANDS.has(words[0].raw))) w.parts.push(this.arrayValue());
      if (words.length === 0 && assignment) assigns.push(w);
      else words.push(w);
    }
    if (!assigns.length && !words.length && !redirs.length) throw this.unexpected();
    const cmd: Command = { type: 'simple', assigns, words, redirs };
    this.ctx.partial.push(cmd);
    return cmd;
  }

  /** `NAME=(…)`: the elements are scanned for substitutions; the value is never determinate. */
  private arrayValue(): Part {
    this.take();
    const scripts: Script[] = [];
    let opaque: string | undefined;
    for (;;) {
      this.skipSpace(true);
      if (this.at() === ')') {
        this.take();
        return { kind: 'exp', what: 'array', scripts, opaque };
      }
      const w = this.word();
      if (!w) throw this.unexpected();
      const key = /^\[([^\]]*)\]\+?=/.exec(w.raw);
      if (w.raw.startsWith('[') && !(key && isLiteralSubscript(key[1]))) opaque = 'array subscript';
      for (const p of w.parts) {
        if (p.kind !== 'exp') continue;
        scripts.push(...p.scripts);
        opaque ??= p.opaque;
      }
    }
  }

  // ---- redirections ----------------------------------------------------------------------

  private redirection(): Redir | null {
    let n = 0;
    let fd: string | null = null;
    while (/[0-9]/.test(this.at(n))) n++;
    // `2>(cmd)` is the word `2` followed by a process substitution, not a redirection (§13.11).
    if (n > 0 && (this.at(n) === '<' || this.at(n) === '>') && this.at(n + 1) === '(') return null;
    if (n > 0 && (this.at(n) === '<' || this.at(n) === '>')) fd = this.take(n);
    else if (this.at() === '{') {
      let name = '';
      let i = 1;
      while (/[A-Za-z0-9_]/.test(this.at(i))) name += this.at(i++);
      if (/^[A-Za-z_]/.test(name) && this.at(i) === '}' && (this.at(i + 1) === '<' || this.at(i + 1) === '>'))
        fd = this.take(i + 1);
    }
    const op = this.redirOp(fd !== null);
    if (!op) {
      if (fd !== null) throw this.unexpected();
      return null;
    }
    this.take(op.length);
    this.skipSpace(false);
    const target = this.word();
    if (!target) throw this.unexpected();
    const redir: Redir = { op, fd, target };
    if (op === '&>' || op === '&>>' || op === '<<<') this.bashism(op);
    if (op === '<<' || op === '<<-') {
      const { delimiter, quoted } = heredocDelimiter(target.raw);
      this.pending.push({
        redir,
        delimiter,
        quoted,
        stripTabs: op === '<<-',
        inSubstitution: this.substitution > 0,
      });
    }
    return redir;
  }

  private redirOp(hasFd: boolean): string | null {
    const a = this.at();
    const b = this.at(1);
    const c = this.at(2);
    if (a === '<') {
      if (b === '<') return c === '<' ? (this.at(3) === '(' ? null : '<<<') : c === '-' ? '<<-' : '<<';
      if (b === '>' || b === '&') return a + b;
      return b === '(' ? null : '<';
    }
    if (a === '>') {
      if (b === '>' || b === '&' || b === '|') return a + b;
      return b === '(' ? null : '>';
    }
    if (a === '&' && b === '>' && !hasFd) return c === '>' ? '&>>' : '&>';
    return null;
  }

  /**
   * Reads a here-document body at the start of the line after its redirection. Inside `$( )`,
   * bash 5.2 also ends it at a line that starts with the delimiter and has a `)` later on it, and
   * reads the rest of that line as more of the substitution (§13.9b; `EOF)`, `EOF )`, `EOFx)`).
   */
  private readHeredoc(h: PendingHeredoc): boolean {
    const s = this.s;
    let body = '';
    for (;;) {
      if (this.pos >= s.length) throw new ParseError(`unterminated here-document (wanted '${h.delimiter}')`);
      const lineStart = this.pos;
      let line = '';
      for (;;) {
        const nl = s.indexOf('\n', this.pos);
        const end = nl < 0 ? s.length : nl;
        const piece = s.slice(this.pos, end);
        this.pos = nl < 0 ? s.length : nl + 1;
        const trailing = /\\+$/.exec(piece)?.[0].length ?? 0;
        if (!h.quoted && trailing % 2 === 1 && nl >= 0) {
          line += piece.slice(0, -1);
          continue;
        }
        line += piece;
        break;
      }
      if (h.stripTabs) line = line.replace(/^\t+/, '');
      if (line === h.delimiter) break;
      if (h.inSubstitution && line.startsWith(h.delimiter) && line.includes(')', h.delimiter.length)) {
        this.pos = this.afterDelimiter(lineStart, h);
        this.finishHeredoc(h, body);
        return true;
      }
      body += `${line}\n`;
    }
    this.finishHeredoc(h, body);
    return false;
  }

  private finishHeredoc(h: PendingHeredoc, body: string): void {
    h.redir.heredoc = { body };
    if (!h.quoted) {
      const child = this.child(body);
      h.redir.heredoc.parts = inside('in a here-document body', () => child.quotedText('heredoc'));
    }
  }

  /** Source position just after the delimiter at the start of a body line (tabs and continuations skipped). */
  private afterDelimiter(lineStart: number, h: PendingHeredoc): number {
    const s = this.s;
    let p = lineStart;
    if (h.stripTabs) while (s[p] === '\t') p++;
    for (let matched = 0; matched < h.delimiter.length;) {
      if (!h.quoted && s[p] === '\\' && s[p + 1] === '\n') p += 2;
      else {
        p++;
        matched++;
      }
    }
    return p;
  }

  // ---- words -----------------------------------------------------------------------------

  /** Reads one word at the current position, or returns null at a metacharacter or the end. */
  private word(regex = false): Word | null {
    const start = this.pos;
    const parts: Part[] = [];
    let depth = 0;
    for (;;) {
      const c = this.at();
      if (c === '') break;
      if (regex && (c === '(' || (c === ')' && depth > 0) || c === '|')) {
        depth += c === '(' ? 1 : c === ')' ? -1 : 0;
        pushLit(parts, this.take(), false);
        continue;
      }
      if ((c === '<' || c === '>') && this.at(1) === '(') {
        this.bashism('process substitution');
        this.take(2);
        parts.push({ kind: 'exp', what: 'process substitution', scripts: [this.substitutionBody()] });
        continue;
      }
      if (c === '$' && this.at(1) === '(' && this.at(2) !== '(') {
        // substitutionBody() inlined from dollar(): two frames less per level of `$(` nesting.
        this.take(2);
        this.substitution++;
        const body = this.list(NO_ENDS, true, false);
        if (this.at() !== ')') throw new ParseError('unterminated command substitution');
        this.take();
        this.substitution--;
        parts.push({ kind: 'exp', what: 'command substitution', scripts: [body] });
        continue;
      }
      if (META.has(c)) break;
      if (c === '\\') {
        this.take();
        const next = this.s[this.pos];
        if (next === undefined) pushLit(parts, '\\', false);
        else {
          this.pos++;
          pushLit(parts, next, true);
        }
      } else if (c === "'") {
        this.take();
        const end = this.s.indexOf("'", this.pos);
        if (end < 0) throw new ParseError('unterminated single quote');
        pushLit(parts, this.s.slice(this.pos, end), true);
        this.pos = end + 1;
      } else if (c === '"') {
        this.take();
        parts.push(...this.quotedText('dquote'));
      } else if (c === '`') parts.push(this.backtick(false));
      else if (c === '$') parts.push(...this.dollar(false));
      else pushLit(parts, this.take(), false);
    }
    if (this.pos === start) return null;
    const word = { parts, raw: this.s.slice(start, this.pos) };
    if (!this.ctx.bashisms.has('brace expansion') && hasBraceExpansion(unquotedMask(parts)))
      this.bashism('brace expansion');
    return word;
  }

  /** Body of `$(…)`, `<(…)` or `>(…)`, the opening already consumed. */
  private substitutionBody(): Script {
    this.substitution++;
    const body = this.list(new Set(), true, false);
    if (this.at() !== ')') throw new ParseError('unterminated command substitution');
    this.take();
    this.substitution--;
    return body;
  }

  /**
   * Double-quoted text (`dquote`, ends at `"`) or an unquoted here-document body (`heredoc`,
   * ends at the end of input, where `"` is an ordinary character).
   */
  quotedText(mode: 'dquote' | 'heredoc'): Part[] {
    const parts: Part[] = [];
    const escapable = mode === 'dquote' ? '$`"\\' : '$`\\';
    for (;;) {
      const c = this.at();
      if (c === '') {
        if (mode === 'heredoc') return parts;
        throw new ParseError('unterminated double quote');
      }
      if (c === '"' && mode === 'dquote') {
        this.take();
        return parts;
      }
      if (c === '\\') {
        this.take();
        const next = this.s[this.pos];
        if (next !== undefined && escapable.includes(next)) {
          this.pos++;
          pushLit(parts, next, true);
        } else pushLit(parts, '\\', true);
      } else if (c === '`') parts.push(this.backtick(mode === 'dquote'));
      else if (c === '$' && this.at(1) === '(' && this.at(2) !== '(') {
        // Inlined from dollar() and substitutionBody(), as in word(): fewer frames per level of nesting.
        this.take(2);
        this.substitution++;
        const body = this.list(NO_ENDS, true, false);
        if (this.at() !== ')') throw new ParseError('unterminated command substitution');
        this.take();
        this.substitution--;
        parts.push({ kind: 'exp', what: 'command substitution', scripts: [body] });
      } else if (c === '$') append(parts, this.dollar(true));
      else pushLit(parts, this.take(), true);
    }
  }

  /** Backquoted command substitution: the text is unescaped, then parsed as its own script. */
  private backtick(inDquote: boolean): Part {
    this.take();
    let inner = '';
    for (;;) {
      const c = this.at();
      if (c === '') throw new ParseError('unterminated backquote');
      this.take();
      if (c === '`') break;
      if (c === '\\') {
        const next = this.at();
        if (next === '$' || next === '`' || next === '\\' || (inDquote && next === '"')) inner += this.take();
        else inner += c;
      } else inner += c;
    }
    const nested = this.child(inner);
    const parsed = inside('in backquotes', () => nested.list(new Set(), false, false, true));
    if (nested.pending.length) throw new ParseError('in backquotes: unterminated here-document');
    return { kind: 'exp', what: 'command substitution', scripts: [parsed] };
  }

  private dollar(inDquote: boolean): Part[] {
    const next = this.at(1);
    if (next === '(') {
      if (this.at(2) === '(') {
        const start = this.pos;
        this.take(3);
        const parts = this.arithParts();
        if (parts) return [arithPart(parts)];
        this.pos = start;
        this.take(2);
        // bash reads what is neither as a 'bad substitution' when it expands it, at run time.
        const body = inside('in $(( that is neither arithmetic nor a substitution', () => this.substitutionBody());
        return [{ kind: 'exp', what: 'command substitution', scripts: [body] }];
      }
      this.take(2);
      return [{ kind: 'exp', what: 'command substitution', scripts: [this.substitutionBody()] }];
    }
    if (next === '{') {
      this.take(2);
      return [this.braceParameter(inDquote)];
    }
    if (next === '[') {
      // `$[…]` is bash's obsolete arithmetic expansion: evaluated like `$((…))`.
      this.take(2);
      return [arithPart(this.bracketArith())];
    }
    if (next === "'" && !inDquote) {
      this.take(2);
      let raw = '';
      for (;;) {
        const ch = this.s[this.pos];
        if (ch === undefined) throw new ParseError("unterminated $'");
        this.pos++;
        if (ch === "'") break;
        raw += ch;
        if (ch === '\\' && this.pos < this.s.length) raw += this.s[this.pos++];
      }
      this.bashism("$'…'");
      const decoded = decodeAnsiC(raw);
      if (decoded.includes('\0'))
        return [{ kind: 'exp', what: "$'…' with NUL", scripts: [], opaque: "$'…' decodes to a NUL character" }];
      return [{ kind: 'lit', text: decoded, quoted: true }];
    }
    if (next === '"' && !inDquote) {
      this.bashism('$"…"');
      this.take(2);
      const inner = this.quotedText('dquote');
      return [{ kind: 'exp', what: '$"…" translation', scripts: collectScripts(inner), opaque: collectOpaque(inner) }];
    }
    if (/[A-Za-z_]/.test(next)) {
      this.take();
      let name = '';
      while (/[A-Za-z0-9_]/.test(this.at())) name += this.take();
      return [{ kind: 'exp', what: `$${name}`, scripts: [] }];
    }
    if (/[0-9@*#?$!-]/.test(next) && next !== '') {
      this.take(2);
      return [{ kind: 'exp', what: `$${next}`, scripts: [] }];
    }
    return [{ kind: 'lit', text: this.take(), quoted: false }];
  }

  /** `${…}`: ends at the first unquoted `}` (bash does not count nested braces). */
  private braceParameter(inDquote: boolean): Part {
    const inner: Part[] = [];
    let text = '';
    let singleInDquote = false;
    for (;;) {
      const c = this.at();
      if (c === '') throw new ParseError('unterminated ${');
      if (c === '}') {
        this.take();
        break;
      }
      if (c === '\\') {
        text += this.take();
        text += this.s[this.pos] ?? '';
        this.pos++;
      } else if (c === "'") {
        // bash 5.2 skips single quotes here even inside double quotes; older bash does not (§13.10).
        if (inDquote) singleInDquote = true;
        const end = this.s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ParseError('unterminated single quote');
        text += this.s.slice(this.pos, end + 1);
        this.pos = end + 1;
      } else if (c === '"') {
        this.take();
        inner.push(...this.quotedText('dquote'));
        text += '""';
      } else if (c === '`') {
        inner.push(this.backtick(inDquote));
        text += '``';
      } else if (c === '$') {
        inner.push(...this.dollar(inDquote));
        text += '$';
      } else text += this.take();
    }
    const opaque =
      collectOpaque(inner) ??
      parameterOpaque(text, inner) ??
      (singleInDquote ? 'a single quote inside a double-quoted ${…} (bash versions disagree on it)' : undefined);
    return { kind: 'exp', what: `\${${text}}`, scripts: collectScripts(inner), opaque };
  }

  /** Text of `$[…]` up to the matching `]`. */
  private bracketArith(): Part[] {
    const parts: Part[] = [];
    let depth = 0;
    for (;;) {
      const c = this.at();
      if (c === '') throw new ParseError('unterminated $[');
      if (c === ']' && depth === 0) {
        this.take();
        return parts;
      }
      if (c === '$') parts.push(...this.dollar(false));
      else if (c === '`') parts.push(this.backtick(false));
      else {
        depth += c === '[' ? 1 : c === ']' ? -1 : 0;
        pushLit(parts, this.take(), false);
      }
    }
  }

  /** Arithmetic text after `((`/`$((` up to the matching `))`; null when it does not close that way. */
  private arithParts(): Part[] | null {
    const parts: Part[] = [];
    let depth = 0;
    for (;;) {
      const c = this.at();
      if (c === '') return null;
      if (c === ')') {
        if (depth === 0) {
          if (this.at(1) !== ')') return null;
          this.take(2);
          return parts;
        }
        depth--;
      } else if (c === '(') depth++;
      if (c === '$') {
        parts.push(...this.dollar(false));
        continue;
      }
      if (c === '`') {
        parts.push(this.backtick(false));
        continue;
      }
      if (c === '"') {
        this.take();
        parts.push(...this.quotedText('dquote'));
        continue;
      }
      if (c === '\\') {
        this.take();
        pushLit(parts, this.s[this.pos++] ?? '\\', true);
        continue;
      }
      pushLit(parts, this.take(), false);
    }
  }
}

function pushLit(parts: Part[], text: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
  else parts.push({ kind: 'lit', text, quoted });
}

function collectScripts(parts: Part[]): Script[] {
  return parts.flatMap((p) => (p.kind === 'exp' ? p.scripts : []));
}

function collectOpaque(parts: Part[]): string | undefined {
  for (const p of parts) if (p.kind === 'exp' && p.opaque) return p.opaque;
  return undefined;
}

/** Literal arithmetic may contain `$((…))` of literal arithmetic (§13.7b). */
function arithOpaque(parts: Part[]): string | undefined {
  const inner = collectOpaque(parts);
  if (inner) return inner;
  return isLiteralArithParts(parts) ? undefined : 'arithmetic with non-literal operands';
}

function isLiteralArithParts(parts: Part[]): boolean {
  let text = '';
  for (const p of parts) {
    if (p.kind === 'lit') text += p.text;
    else if (p.what === ARITH && !p.opaque) text += '0';
    else return false;
  }
  return LITERAL_ARITH.test(text);
}

const ARITH = 'arithmetic expansion';
const NAME = '(?:[A-Za-z_]\\w*|\\d+|[@*#?$!-])';
/** `${#name[sub]…}` / `${name[sub]…}`: the subscript and what follows it. */
const SUBSCRIPTED = new RegExp(`^#?[A-Za-z_]\\w*\\[([^\\]]*)\\](.*)$`, 's');
const PLAIN = new RegExp(`^#?${NAME}(.*)$`, 's');

/**
 * What makes a `${…}` run code or resolve a name at run time (§9f, §13.7): indirection, `@P`, a
 * subscript other than an integer literal, `@` or `*`, and a non-literal `:offset:length`.
 * `text` is the expansion's source with inner expansions reduced to `$`, `""` or `` ` ` ``.
 */
function parameterOpaque(text: string, inner: Part[]): string | undefined {
  if (text.startsWith('!') && text !== '!') {
    // `${!a[@]}`, `${!a[*]}`, `${!prefix*}`, `${!prefix@}` list names; anything else is indirection.
    if (/^![A-Za-z_]\w*(\[[@*]\]|[@*])$/.test(text)) return undefined;
    return 'indirect expansion ${!…}';
  }
  let rest: string;
  const sub = SUBSCRIPTED.exec(text);
  if (sub) {
    if (!isLiteralSubscript(sub[1])) return 'array subscript';
    rest = sub[2];
  } else {
    const m = PLAIN.exec(text);
    if (!m) return undefined;
    rest = m[1];
  }
  if (rest === '@P') return 'prompt expansion ${…@P}';
  if (rest.startsWith(':') && !/^:[-=?+]/.test(rest)) {
    // `${X:offset:length}`: both are arithmetic (§13.7b).
    const arith = inner.every((p) => p.kind === 'exp' && p.what === ARITH && !p.opaque);
    if (!arith || !LITERAL_ARITH.test(rest.slice(1).replace(/\$/g, '0'))) return 'non-literal ${…:offset:length}';
  }
  return undefined;
}

/** Subscripts that are not evaluated as code (§13.7a). */
export function isLiteralSubscript(sub: string): boolean {
  return /^(\d+|@|\*)$/.test(sub);
}

/** A variable name, optionally with a literal subscript: what name-taking builtins may be given. */
export function isPlainName(name: string): boolean {
  const m = /^[A-Za-z_]\w*(?:\[([^\]]*)\])?$/.exec(name);
  return m !== null && (m[1] === undefined || isLiteralSubscript(m[1]));
}

function arithPart(parts: Part[]): Part {
  return { kind: 'exp', what: ARITH, scripts: collectScripts(parts), opaque: arithOpaque(parts) };
}

/** The value of a word that is entirely literal (quotes removed), or null. */
function wordText(w: Word): string | null {
  let out = '';
  for (const p of w.parts) {
    if (p.kind !== 'lit') return null;
    out += p.text;
  }
  return out;
}

/** Only a head of the word is looked at: a word can be a whole nested script (§13.14). */
function isAssignment(raw: string): boolean {
  if (!/^[A-Za-z_]/.test(raw)) return false;
  const head = raw.length > 4096 ? raw.slice(0, 4096) : raw;
  return /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(head.replace(/\\\n/g, ''));
}

/**
 * A here-document delimiter: line continuations are removed first, then quote removal only (no
 * expansion), decoding `$'…'` and `$"…"`; it is quoted if any quoting remains (§13.9a).
 */
function heredocDelimiter(raw: string): { delimiter: string; quoted: boolean } {
  let out = '';
  let quoted = false;
  const s = raw;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === "'" || (c === '$' && s[i + 1] === "'")) {
      quoted = true;
      const ansi = c === '$';
      if (ansi) i++;
      let j = i + 1;
      while (j < s.length && s[j] !== "'") j += ansi && s[j] === '\\' ? 2 : 1;
      const text = s.slice(i + 1, Math.min(j, s.length));
      out += ansi ? decodeAnsiC(text) : text;
      i = j;
    } else if (c === '"' || (c === '$' && s[i + 1] === '"')) {
      quoted = true;
      if (c === '$') i++;
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && s[i + 1] === '\n') {
          i += 2;
          continue;
        }
        if (s[i] === '\\' && '$`"\\'.includes(s[i + 1] ?? '')) i++;
        out += s[i++];
      }
    } else if (c === '\\') {
      quoted = true;
      out += s[++i] ?? '';
    } else out += c;
  }
  return { delimiter: out, quoted };
}

/**
 * Text that bash parses only when it expands it (backquotes, here-document bodies): an error in
 * it says where, so that the bash oracle can tell this deviation from `bash -n` apart (§3).
 */
function inside<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ParseError && !(err instanceof LimitError) && !err.message.startsWith('in '))
      throw new ParseError(`${where}: ${err.message}`);
    throw err;
  }
}

/** `push(...items)` without the argument-count limit. */
function append<T>(out: T[], items: T[]): void {
  for (const x of items) out.push(x);
}
