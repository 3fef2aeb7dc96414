// Recognition of the wrappers in SEMANTICS.md §6.1: commands that run another command (or a
// script) given in their own arguments. Only the option spellings the table lists are
// understood; anything else makes the wrapper opaque rather than guessed at, because a guessed
// option boundary is exactly how `timeout -x 5 rm` would slip a command past the deny list.
import { type WordInfo, literalWord, unknownWord } from './words';

export type Unwrapped =
  /** Not acting as a wrapper here (`command -v x`, `env` alone): an ordinary simple command. */
  | { kind: 'ordinary' }
  | { kind: 'opaque'; why: string }
  /** The wrapped command, with assignment words the wrapper adds (`env A=1 cmd`). */
  | { kind: 'inner'; argv: WordInfo[]; assigns: WordInfo[] }
  /** A script given as a string (`bash -c`, `eval`, `trap`). */
  | { kind: 'script'; text: string }
  /** A shell reading its script from standard input. */
  | { kind: 'stdin' };

export const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh']);
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

export function isWrapper(name: string): boolean {
  return WRAPPERS.has(name);
}

const ORDINARY: Unwrapped = { kind: 'ordinary' };
const opaque = (why: string): Unwrapped => ({ kind: 'opaque', why });
const inner = (argv: WordInfo[], assigns: WordInfo[] = []): Unwrapped =>
  argv.length ? { kind: 'inner', argv, assigns } : ORDINARY;

/** `name` is the lower-cased basename of argv[0]; `args` are the words after it. */
export function unwrap(name: string, args: WordInfo[]): Unwrapped {
  const bad = args.findIndex((w) => !w.det);
  // Options must be readable to know where the wrapped command starts.
  const optionEnd = (i: number) => bad < 0 || bad >= i;
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
      return timeoutWrapper(args, optionEnd);
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

/** Flag-only options matching `flag`, an optional `--`, then the command. */
function simpleOptions(
  args: WordInfo[],
  flag: RegExp | null,
  ordinary: (w: string) => boolean,
  name: string,
): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
    if (!w.det) return i === 0 ? inner(args) : opaque(`unreadable option of ${name}`);
    if (ordinary(w.value)) return ORDINARY;
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (!flag || !flag.test(w.value)) return opaque(`unrecognised option '${w.value}' of ${name}`);
  }
  return inner(args.slice(i));
}

function valueOptions(
  args: WordInfo[],
  name: string,
  takesValue: Record<string, boolean>,
  attached: RegExp,
): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
    if (!w.det) return i === 0 ? inner(args) : opaque(`unreadable option of ${name}`);
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (takesValue[w.value]) {
      if (i + 1 >= args.length || !args[i + 1].det) return opaque(`unreadable option of ${name}`);
      i++;
    } else if (!attached.test(w.value)) return opaque(`unrecognised option '${w.value}' of ${name}`);
  }
  return inner(args.slice(i));
}

function execWrapper(args: WordInfo[]): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
    if (!w.det) return i === 0 ? inner(args) : opaque('unreadable option of exec');
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (w.value === '-a') {
      if (i + 1 >= args.length || !args[i + 1].det) return opaque('unreadable option of exec');
      i++;
    } else if (!/^-[cl]+$/.test(w.value)) return opaque(`unrecognised option '${w.value}' of exec`);
  }
  return inner(args.slice(i));
}

function timeoutWrapper(args: WordInfo[], readable: (i: number) => boolean): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    if (!readable(i + 1)) return opaque('unreadable option or duration of timeout');
    const v = args[i].value;
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-') || v === '-') break;
    if (v === '-s' || v === '-k') {
      if (i + 1 >= args.length) return ORDINARY;
      i++;
    } else if (!/^(--preserve-status|--foreground|-v|--signal=.*|--kill-after=.*)$/.test(v)) {
      return opaque(`unrecognised option '${v}' of timeout`);
    }
  }
  if (i >= args.length) return ORDINARY;
  if (!args[i].det) return opaque('unreadable duration of timeout');
  return inner(args.slice(i + 1));
}

function envWrapper(args: WordInfo[]): Unwrapped {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
    if (!w.det) break;
    if (w.value === '--') {
      i++;
      break;
    }
    if (!w.value.startsWith('-') || w.value === '-') break;
    if (w.value === '-u') {
      if (i + 1 >= args.length || !args[i + 1].det) return opaque('unreadable option of env');
      i++;
    } else if (!/^(-i|--ignore-environment|--unset=.*)$/.test(w.value)) {
      return opaque(`unrecognised option '${w.value}' of env`);
    }
  }
  if (i < args.length && args[i].det && args[i].value === '-') return opaque("unrecognised option '-' of env");
  const assigns: WordInfo[] = [];
  // env itself sees the expanded words, so quoting does not matter: any word with `=` is a setting.
  while (i < args.length && args[i].lead.includes('=') && !args[i].lead.startsWith('=')) assigns.push(args[i++]);
  return inner(args.slice(i), assigns);
}

const XARGS_VALUE = new Set(['-d', '-n', '-L', '-P', '-s', '-a']);

function xargsWrapper(args: WordInfo[]): Unwrapped {
  let replace: string | null = null;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
    if (!w.det) return i === 0 ? opaque('unreadable command of xargs') : opaque('unreadable option of xargs');
    const v = w.value;
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-') || v === '-') break;
    if (XARGS_VALUE.has(v) || v === '-I') {
      if (i + 1 >= args.length || !args[i + 1].det) return opaque('unreadable option of xargs');
      if (v === '-I') replace = args[i + 1].value;
      i++;
    } else if (v.startsWith('-I')) replace = v.slice(2);
    else if (v === '-i') replace = '{}';
    else if (!/^(-0|--null|-r|-t|-x)$/.test(v)) return opaque(`unrecognised option '${v}' of xargs`);
  }
  const cmd = i < args.length ? args.slice(i) : [literalWord('echo')];
  if (replace === null) return inner([...cmd, unknownWord('<stdin items>')]);
  const r = replace;
  return inner(cmd.map((w) => (w.det && w.value.includes(r) ? unknownWord(w.text) : w)));
}

function evalWrapper(args: WordInfo[]): Unwrapped {
  const rest = args[0]?.det && args[0].value === '--' ? args.slice(1) : args;
  if (!rest.length) return ORDINARY;
  if (rest.some((w) => !w.det)) return opaque('eval of a non-literal string');
  return { kind: 'script', text: rest.map((w) => w.value).join(' ') };
}

function trapWrapper(args: WordInfo[]): Unwrapped {
  if (!args.length) return ORDINARY;
  let i = 0;
  if (args[0].det && (args[0].value === '-p' || args[0].value === '-l')) return ORDINARY;
  if (args[0].det && args[0].value === '--') i++;
  else if (args[0].det && args[0].value.startsWith('-') && args[0].value !== '-')
    return opaque(`unrecognised option '${args[0].value}' of trap`);
  const action = args[i];
  if (!action || args.length - i < 2) return opaque('trap without an action and a signal');
  if (!action.det || action.value === '-' || action.value === '') return opaque('trap with a non-literal action');
  return { kind: 'script', text: action.value };
}

const SHELL_LONG = new Set(['--login', '--norc', '--noprofile', '--posix']);

function shellWrapper(args: WordInfo[]): Unwrapped {
  let cflag = false;
  let sflag = false;
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
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
    if (v === '-o' || v === '+o') {
      if (i + 1 >= args.length || !args[i + 1].det) return opaque('unreadable shell option');
      i++;
      continue;
    }
    if (/^-[euxvflcs]*o$/.test(v)) {
      // A combined `-euo NAME`: the last flag takes the next word.
      if (i + 1 >= args.length || !args[i + 1].det) return opaque('unreadable shell option');
      cflag ||= v.includes('c');
      i++;
      continue;
    }
    if (/^-[euxvflcs]+$/.test(v)) {
      cflag ||= v.includes('c');
      sflag ||= v.includes('s');
      continue;
    }
    if (v.startsWith('-') || v.startsWith('+')) return opaque(`unrecognised shell option '${v}'`);
    break;
  }
  if (cflag && sflag) return opaque('shell with both -c and -s');
  if (cflag) {
    const script = args[i];
    if (!script) return opaque('shell -c without a script');
    if (!script.det) return opaque('shell -c with a non-literal script');
    return { kind: 'script', text: script.value };
  }
  if (i < args.length && !sflag) return ORDINARY;
  return { kind: 'stdin' };
}
