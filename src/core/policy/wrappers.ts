// Recognition of the wrappers in SEMANTICS.md §6.1: commands that run another command (or a
// script) given in their own arguments. Only the option spellings the table lists are
// understood; anything else makes the wrapper opaque rather than guessed at, because a guessed
// option boundary is exactly how `timeout -x 5 rm` would slip a command past the deny list.
// Arguments are views (WordList), so that a chain of wrappers is walked in linear time.
import { type WordInfo, WordList, literalWord, unknownWord } from './words';

export type Unwrapped =
  /** Not acting as a wrapper here (`command -v x`, `env` alone): an ordinary simple command. */
  | { kind: 'ordinary' }
  /**
   * Options the checker does not read. `script` is a literal `-c` string of such a shell and
   * `stdin` says it would read a script from standard input: still scanned for deny (§13.8).
   */
  | { kind: 'opaque'; why: string; script?: string; stdin?: boolean }
  /**
   * The wrapped command, with assignment words the wrapper adds (`env A=1 cmd`); `level` is 1
   * when the command was re-read as a script (`eval git status`, §10).
   */
  | { kind: 'inner'; argv: WordList; assigns: WordInfo[]; level: number }
  /** A script given as a string (`bash -c`, `eval`, `trap`). */
  | { kind: 'script'; text: string }
  /** A shell reading its script from standard input. */
  | { kind: 'stdin' };

/** `sh`, `dash`, `ash`, `ksh`, `mksh` and `zsh` read some bash constructs differently (§13.3). */
export const POSIX_SHELLS = new Set(['sh', 'dash', 'ash', 'ksh', 'mksh', 'zsh']);
export const SHELLS = new Set(['bash', ...POSIX_SHELLS]);
const WRAPPERS = new Set([
  'command',
  'builtin',
  'exec',
  'nohup',
  'time',
  'timeout',
  'nice',
  'stdbuf',
  'env',
  'xargs',
  'eval',
  'trap',
  ...SHELLS,
]);
/** `-o NAME` names that do not change how a script is read (§13.2). */
const SHELL_O_NAMES = new Set([
  'errexit',
  'errtrace',
  'functrace',
  'nounset',
  'pipefail',
  'xtrace',
  'verbose',
  'noglob',
  'noclobber',
  'noexec',
  'posix',
  'braceexpand',
  'hashall',
  'interactive-comments',
  'physical',
  'monitor',
  'notify',
  'ignoreeof',
  'allexport',
  'emacs',
  'vi',
]);
/** Words that bash reads as syntax when they start a command: `eval` must re-parse them. */
const RESERVED = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'select',
  'function',
  'time',
  'coproc',
  'in',
]);
/** Characters with no meaning to bash's parser, so a word made of them re-reads as itself. */
const PLAIN_WORD = /^[A-Za-z0-9_\-./:@%+,=]+$/;

export function isWrapper(name: string): boolean {
  return WRAPPERS.has(name);
}

export function isShellOptionName(name: string): boolean {
  return SHELL_O_NAMES.has(name);
}

const ORDINARY: Unwrapped = { kind: 'ordinary' };
const opaque = (why: string): Unwrapped => ({ kind: 'opaque', why });
const inner = (argv: WordList, assigns: WordInfo[] = [], level = 0): Unwrapped =>
  argv.length ? { kind: 'inner', argv, assigns, level } : ORDINARY;

/** `name` is the lower-cased basename of argv[0]; `args` are the words after it. */
export function unwrap(name: string, args: WordList): Unwrapped {
  switch (name) {
    case 'command':
      return simpleOptions(args, /^-p+$/, (w) => /^-[pvV]*[vV]/.test(w), name);
    case 'builtin':
      return simpleOptions(args, null, () => false, name);
    case 'nohup':
      return simpleOptions(args, null, () => false, name);
    case 'time':
      return simpleOptions(args, /^-p$/, () => false, name);
    case 'exec':
      return execWrapper(args);
    case 'timeout':
      return timeoutWrapper(args);
    case 'nice':
      return valueOptions(args, name, { '-n': true }, /^(--adjustment=.*|-\d+)$/);
    case 'stdbuf':
      return valueOptions(args, name, { '-i': true, '-o': true, '-e': true }, /^(-[ioe].+|--(input|output|error)=.*)$/);
    case 'env':
      return envWrapper(args);
    case 'xargs':
      return xargsWrapper(args);
    case 'eval':
      return evalWrapper(args);
    case 'trap':
      return trapWrapper(args);
    default:
      return shellWrapper(args);
  }
}

/**
 * Leading `NAME=VALUE` words of a wrapped command become its assignment words, so that
 * assignments are carried through every level of a chain (§13.1: `A=1 nice B=2 env C=3 …`).
 */
function withAssignments(argv: WordList, assigns: WordInfo[] = [], level = 0): Unwrapped {
  let i = 0;
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(argv.at(i).lead)) i++;
  if (i === 0) return inner(argv, assigns, level);
  const more = [...assigns];
  for (let k = 0; k < i; k++) more.push(argv.at(k));
  const rest = argv.slice(i);
  return rest.length ? { kind: 'inner', argv: rest, assigns: more, level } : ORDINARY;
}

/** Flag-only options matching `flag`, an optional `--`, then the command. */
function simpleOptions(args: WordList, flag: RegExp | null, ordinary: (w: string) => boolean, name: string): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) return i === 0 ? inner(args) : opaque(`unreadable option of ${name}`);
    if (ordinary(w.value)) return ORDINARY;
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (!flag || !flag.test(w.value)) return opaque(`unrecognised option '${w.value}' of ${name}`);
  }
  return withAssignments(args.slice(i));
}

function valueOptions(args: WordList, name: string, takesValue: Record<string, boolean>, attached: RegExp): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) return i === 0 ? inner(args) : opaque(`unreadable option of ${name}`);
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (takesValue[w.value]) {
      if (i + 1 >= args.length || !args.at(i + 1).det) return opaque(`unreadable option of ${name}`);
      i++;
    } else if (!attached.test(w.value)) return opaque(`unrecognised option '${w.value}' of ${name}`);
  }
  return withAssignments(args.slice(i));
}

function execWrapper(args: WordList): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) return i === 0 ? inner(args) : opaque('unreadable option of exec');
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (w.value === '-a') {
      if (i + 1 >= args.length || !args.at(i + 1).det) return opaque('unreadable option of exec');
      i++;
    } else if (!/^-[cl]+$/.test(w.value)) return opaque(`unrecognised option '${w.value}' of exec`);
  }
  return withAssignments(args.slice(i));
}

function timeoutWrapper(args: WordList): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) return opaque('unreadable option or duration of timeout');
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-') || v === '-') break;
    if (v === '-s' || v === '-k') {
      if (i + 1 >= args.length) return ORDINARY;
      if (!args.at(i + 1).det) return opaque('unreadable option or duration of timeout');
      i++;
    } else if (!/^(--preserve-status|--foreground|-v|--signal=.*|--kill-after=.*)$/.test(v)) {
      return opaque(`unrecognised option '${v}' of timeout`);
    }
  }
  if (i >= args.length) return ORDINARY;
  if (!args.at(i).det) return opaque('unreadable duration of timeout');
  return withAssignments(args.slice(i + 1));
}

function envWrapper(args: WordList): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) break;
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (w.value === '-u') {
      if (i + 1 >= args.length || !args.at(i + 1).det) return opaque('unreadable option of env');
      i++;
    } else if (!/^(-i|--ignore-environment|--unset=.*)$/.test(w.value)) {
      return opaque(`unrecognised option '${w.value}' of env`);
    }
  }
  if (i < args.length && args.at(i).det && args.at(i).value === '-') return opaque("unrecognised option '-' of env");
  const assigns: WordInfo[] = [];
  // env itself sees the expanded words, so quoting does not matter: any word with `=` anywhere,
  // even first (`=x`), is a setting (§13.6).
  while (i < args.length && args.at(i).lead.includes('=')) assigns.push(args.at(i++));
  return withAssignments(args.slice(i), assigns);
}

const XARGS_VALUE = new Set(['-d', '-n', '-L', '-P', '-s', '-a']);

function xargsWrapper(args: WordList): Unwrapped {
  let replace: string | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) return i === 0 ? opaque('unreadable command of xargs') : opaque('unreadable option of xargs');
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-') || v === '-') break;
    if (XARGS_VALUE.has(v) || v === '-I') {
      if (i + 1 >= args.length || !args.at(i + 1).det) return opaque('unreadable option of xargs');
      if (v === '-I') replace = args.at(i + 1).value;
      i++;
    } else if (v.startsWith('-I')) replace = v.slice(2);
    else if (v === '-i') replace = '{}';
    else if (!/^(-0|--null|-r|-t|-x)$/.test(v)) return opaque(`unrecognised option '${v}' of xargs`);
  }
  const cmd = i < args.length ? args.slice(i).toArray() : [literalWord('echo')];
  if (replace === null) return inner(WordList.of([...cmd, unknownWord('<stdin items>')]));
  const r = replace;
  return inner(WordList.of(cmd.map((w) => (w.det && w.value.includes(r) ? unknownWord(w.text) : w))));
}

function evalWrapper(args: WordList): Unwrapped {
  const rest = args.length && args.at(0).det && args.at(0).value === '--' ? args.slice(1) : args;
  if (!rest.length) return ORDINARY;
  if (rest.firstUnknown() >= 0) return opaque('eval of a non-literal string');
  // Words that re-read as themselves need no re-parse: that keeps `eval eval …` chains linear.
  let plain = rest.firstNotPlain(PLAIN_WORD) < 0;
  for (let i = 0; plain && i < rest.length; i++) {
    const v = rest.at(i).value;
    if (/^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(v)) continue;
    plain = !RESERVED.has(v);
    break;
  }
  if (plain) return withAssignments(rest, [], 1);
  let text = '';
  for (let i = 0; i < rest.length; i++) text += (i ? ' ' : '') + rest.at(i).value;
  return { kind: 'script', text };
}

function trapWrapper(args: WordList): Unwrapped {
  if (!args.length) return ORDINARY;
  let i = 0;
  const first = args.at(0);
  if (first.det && (first.value === '-p' || first.value === '-l')) return ORDINARY;
  if (first.det && first.value === '--') i++;
  else if (first.det && first.value.startsWith('-') && first.value !== '-')
    return opaque(`unrecognised option '${first.value}' of trap`);
  if (args.length - i < 2) return opaque('trap without an action and a signal');
  const action = args.at(i);
  if (!action.det || action.value === '-' || action.value === '') return opaque('trap with a non-literal action');
  return { kind: 'script', text: action.value };
}

const SHELL_LONG = new Set(['--login', '--norc', '--noprofile', '--posix']);
/** Options of bash that take a value, for finding the `-c` string of an opaque invocation. */
const SHELL_VALUE_OPTIONS = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

function shellWrapper(args: WordList): Unwrapped {
  let cflag = false;
  let sflag = false;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) {
      if (cflag) break;
      return opaque('unreadable shell option or script operand');
    }
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (SHELL_LONG.has(v)) continue;
    const takesName = v === '-o' || v === '+o' || /^-[euxvflcs]*o$/.test(v);
    if (takesName) {
      if (i + 1 >= args.length || !args.at(i + 1).det) return opaque('unreadable shell option');
      const optName = args.at(i + 1).value;
      if (!SHELL_O_NAMES.has(optName))
        return opaqueShell(args, `shell option '${v} ${optName}' changes how the script is read`);
      cflag ||= v.startsWith('-') && v.includes('c');
      i++;
      continue;
    }
    if (/^-[euxvflcs]+$/.test(v)) {
      cflag ||= v.includes('c');
      sflag ||= v.includes('s');
      continue;
    }
    if (v.startsWith('-') || v.startsWith('+')) return opaqueShell(args, `unrecognised shell option '${v}'`);
    break;
  }
  if (cflag && sflag) return opaqueShell(args, 'shell with both -c and -s');
  if (cflag) {
    if (i >= args.length) return opaque('shell -c without a script');
    const script = args.at(i);
    if (!script.det) return opaque('shell -c with a non-literal script');
    return { kind: 'script', text: script.value };
  }
  if (i < args.length && !sflag) return ORDINARY;
  return { kind: 'stdin' };
}

/**
 * An invocation the checker cannot vouch for; its literal `-c` string (the first operand after
 * the options, once a `-c` was seen) or its stdin script is still read for deny (§13.8).
 */
function opaqueShell(args: WordList, why: string): Unwrapped {
  let cflag = false;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) break;
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (SHELL_VALUE_OPTIONS.has(v) || /^-[A-Za-z]*o$/.test(v)) {
      i++;
      continue;
    }
    if (v.startsWith('-') || v.startsWith('+')) {
      if (!v.startsWith('--')) cflag ||= v.startsWith('-') && v.includes('c');
      continue;
    }
    break;
  }
  if (cflag) {
    const script = i < args.length ? args.at(i) : undefined;
    return script?.det ? { kind: 'opaque', why, script: script.value } : opaque(why);
  }
  return i < args.length ? opaque(why) : { kind: 'opaque', why, stdin: true };
}
