// Builtins whose operands bash evaluates as code or resolves as names, so that the text alone
// cannot say what runs (SEMANTICS.md §9d, §9e, §13.2, §13.7): a subscript in a variable name is
// arithmetic, and arithmetic runs `$(…)` found in variable values; `-C` callbacks run strings;
// `set -k` turns later `NAME=VALUE` arguments into environment.
import { isLiteralArithmetic, isPlainName } from './parser';
import type { WordInfo, WordList } from './words';
import { isShellOptionName } from './wrappers';

/** Builtins that change how later words are resolved or parsed (§9d). */
const RESOLUTION_BUILTINS = new Set(['alias', 'unalias', 'enable', 'hash', 'shopt']);
const DECLARATION = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);
/** Assigning to these is `hash -p` / `alias` spelled differently (§13.7c). */
const RESOLUTION_ARRAYS = /^BASH_(CMDS|ALIASES)(\[|$)/;
/** Builtins whose option letters in CALLBACK run a string as shell code (§13.7d). */
const CALLBACK: Record<string, RegExp> = {
  mapfile: /C/,
  readarray: /C/,
  compgen: /[CF]/,
  complete: /[CF]/,
  bind: /x/,
};
/** Options taking a value, per name-taking builtin (the value is the next word, or attached). */
const READ_VALUES = new Set('dinNptu');
const MAPFILE_VALUES = new Set('dnOsuc');

/** Why an assignment word makes the line opaque: a subscript bash evaluates, or BASH_CMDS/BASH_ALIASES. */
export function assignmentProblem(w: WordInfo): string | null {
  const m = /^([A-Za-z_]\w*)(?:\[([^\]]*)\])?\+?=/.exec(w.lead);
  if (!m) return 'array subscript in an assignment';
  if (RESOLUTION_ARRAYS.test(m[1])) return `assigning to ${m[1]} changes how commands are resolved`;
  if (m[2] !== undefined && !isPlainName(`x[${m[2]}]`)) return 'array subscript in an assignment';
  return null;
}

function nameProblem(builtin: string, w: WordInfo | undefined): string | null {
  if (!w) return null;
  if (!w.det || !isPlainName(w.value))
    return `'${builtin}' is given a variable name that bash may evaluate ('${w.text}')`;
  if (RESOLUTION_ARRAYS.test(w.value)) return `'${builtin}' assigns to ${w.value}`;
  return null;
}

/** `name` is the lower-cased command word; null when nothing about its operands is opaque. */
export function builtinOpaque(name: string, args: WordList): string | null {
  if (RESOLUTION_BUILTINS.has(name)) return `'${name}' changes how later commands are resolved`;
  const words: WordInfo[] = [];
  // Only these builtins need their operands; a wrapper chain must not copy its words at each level.
  if (name in CALLBACK || DECLARATION.has(name) || NAME_TAKING.has(name)) words.push(...args.toArray());
  const cb = CALLBACK[name];
  if (cb) {
    for (const w of words) {
      if (!w.det) return `unreadable operand of '${name}', which can run a string as code`;
      if (/^-[A-Za-z]/.test(w.value) && cb.test(w.value.slice(1)))
        return `'${name} ${w.value}' runs a string as shell code`;
    }
  }
  switch (name) {
    case 'let':
      return args.firstUnknown() >= 0 || args.toArray().some((w) => !isLiteralArithmetic(w.value))
        ? 'let with non-literal arithmetic'
        : null;
    case 'set':
      return setProblem(args);
    case 'printf':
      return printfProblem(words);
    case 'read':
      return optionOperands(name, words, READ_VALUES, 'a');
    case 'mapfile':
    case 'readarray':
      return optionOperands(name, words, MAPFILE_VALUES, '');
    case 'unset':
      return optionOperands(name, words, new Set(), '');
    case 'wait':
      return optionOperands(name, words, new Set(), 'p', true);
    case 'getopts':
      return nameProblem(name, words[1]);
    case 'test':
    case '[':
      for (let i = 0; i + 1 < words.length; i++) {
        if (words[i].det && (words[i].value === '-v' || words[i].value === '-R')) {
          const p = nameProblem(name, words[i + 1]);
          if (p) return p;
        }
      }
      return null;
  }
  if (DECLARATION.has(name)) return declarationProblem(name, words);
  return null;
}

const NAME_TAKING = new Set(['printf', 'read', 'mapfile', 'readarray', 'unset', 'wait', 'getopts', 'test', '[']);

/** `printf -v NAME …`: the name is evaluated when it has a subscript. */
function printfProblem(words: WordInfo[]): string | null {
  const first = words[0];
  if (!first) return null;
  if (!first.det) return "unreadable first operand of 'printf' (it may be -v NAME)";
  if (first.value === '-v') return nameProblem('printf -v', words[1]);
  if (first.value.startsWith('-v')) return nameProblem('printf -v', { ...first, value: first.value.slice(2) });
  return null;
}

/**
 * Options (`-x`, clusters, values in `values`, `nameOption` giving a name), then operands, which
 * are names unless `optionOnly`.
 */
function optionOperands(
  name: string,
  words: WordInfo[],
  values: Set<string>,
  nameOption: string,
  optionOnly = false,
): string | null {
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i];
    if (!w.det) return `unreadable option of '${name}'`;
    if (w.value === '--') {
      i++;
      break;
    }
    if (!/^-./.test(w.value)) break;
    for (let k = 1; k < w.value.length; k++) {
      const letter = w.value[k];
      if (!values.has(letter) && letter !== nameOption) continue;
      const attached = w.value.slice(k + 1);
      const value = attached ? { ...w, value: attached } : words[++i];
      if (letter === nameOption) {
        const p = nameProblem(name, value ?? undefined);
        if (p) return p;
      }
      break;
    }
  }
  if (optionOnly) return null;
  for (; i < words.length; i++) {
    const p = nameProblem(name, words[i]);
    if (p) return p;
  }
  return null;
}

/** `declare`-like builtins: names, `-i` values (arithmetic) and `-n` targets (names), §13.7b/c. */
function declarationProblem(name: string, words: WordInfo[]): string | null {
  let integer = false;
  let nameref = false;
  let options = true;
  for (const w of words) {
    if (options && w.det && w.value === '--') {
      options = false;
      continue;
    }
    if (options && w.det && /^[-+][A-Za-z]+$/.test(w.value)) {
      if (w.value.startsWith('-')) {
        integer ||= w.value.includes('i');
        nameref ||= w.value.includes('n');
      }
      continue;
    }
    if (options && !w.det && !w.lead.includes('=') && /^[-+]?$/.test(w.lead)) return `unreadable operand of '${name}'`;
    options = false;
    const eq = w.lead.indexOf('=');
    const target = eq < 0 ? (w.det ? w.value : null) : w.lead.slice(0, w.lead[eq - 1] === '+' ? eq - 1 : eq);
    if (target === null || !isPlainName(target))
      return `'${name}' is given a variable name that bash may evaluate ('${w.text}')`;
    if (RESOLUTION_ARRAYS.test(target)) return `'${name}' assigns to ${target}`;
    if (eq < 0) continue;
    const value = w.det ? w.value.slice(eq + 1) : null;
    if (integer && (value === null || !isLiteralArithmetic(value)))
      return `a value assigned to an integer variable is arithmetic ('${w.text}')`;
    if (nameref && (value === null || (value !== '' && !isPlainName(value))))
      return `'${name} -n' refers to a name bash may evaluate ('${w.text}')`;
  }
  return null;
}

/** `set -k`, `set -o keyword`, `set -o onecmd` (and any `-o` name not known to be harmless), §13.2. */
function setProblem(args: WordList): string | null {
  for (let i = 0; i < args.length; i++) {
    const w = args.at(i);
    if (!w.det) return "unreadable option of 'set'";
    const v = w.value;
    if (v === '--' || v === '-') return null;
    if (!/^[-+]/.test(v)) return null;
    if (v.startsWith('-') && v.slice(1).includes('k')) return "'set -k' turns NAME=VALUE arguments into environment";
    if (/^[-+][A-Za-z]*o$/.test(v)) {
      const opt = i + 1 < args.length ? args.at(i + 1) : undefined;
      if (!opt) return null;
      if (!opt.det) return "unreadable option of 'set'";
      if (v.startsWith('-') && !isShellOptionName(opt.value))
        return `'set -o ${opt.value}' changes how later commands are read`;
      i++;
    }
  }
  return null;
}
