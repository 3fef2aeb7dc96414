// The pattern language of SEMANTICS.md §2 and the matching of §5. Patterns have no quoting: words
// are split on spaces and tabs, a final lone `*` is a rest wildcard, any other `*` globs within
// one word. Comparison is by code point and case-sensitive, except that the command word of a
// deny pattern also matches the basename, ASCII-case-insensitively.
import type { WordInfo } from './words';

/** Words to match: an array, or a view such as WordList. */
export interface Words {
  readonly length: number;
  at(i: number): WordInfo;
  /** Index of the first indeterminate word, or -1. */
  firstUnknown(): number;
}

export interface Pattern {
  source: string;
  words: WordMatcher[];
  rest: boolean;
  /** Empty patterns match nothing. */
  empty: boolean;
}

type WordMatcher = (value: string) => boolean;

export function compilePattern(source: string, deny: boolean): Pattern {
  const split = source.split(/[ \t]+/).filter((w) => w !== '');
  const rest = split.length > 0 && split[split.length - 1] === '*';
  const words = (rest ? split.slice(0, -1) : split).map((w, i) =>
    deny && i === 0 ? commandWordMatcher(w) : globMatcher(w),
  );
  return { source, words, rest, empty: split.length === 0 };
}

function globMatcher(word: string): WordMatcher {
  if (!word.includes('*')) return (value) => value === word;
  const body = word
    .split('*')
    .map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${body}$`, 'su');
  return (value) => re.test(value);
}

export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

export function basename(s: string): string {
  return s.slice(s.lastIndexOf('/') + 1);
}

function commandWordMatcher(word: string): WordMatcher {
  const glob = globMatcher(asciiLower(word));
  return (value) => {
    const lower = asciiLower(value);
    return glob(lower) || glob(basename(lower));
  };
}

/** §5 certain match: every word up to the rest region is determinate and matches. */
export function certainMatch(p: Pattern, words: Words): boolean {
  if (p.empty) return false;
  const n = p.words.length;
  if (words.length < n || (!p.rest && words.length !== n)) return false;
  for (let i = 0; i < n; i++) {
    const w = words.at(i);
    if (!w.det || !p.words[i](w.value)) return false;
  }
  return true;
}

/** §5 possible match: some word is indeterminate and the determinate prefix is consistent with p. */
export function possibleMatch(p: Pattern, words: Words): boolean {
  if (p.empty) return false;
  const firstUnknown = words.firstUnknown();
  if (firstUnknown < 0) return false;
  const n = p.words.length;
  if (firstUnknown > n && !p.rest) return false;
  for (let i = 0; i < Math.min(firstUnknown, n); i++) if (!p.words[i](words.at(i).value)) return false;
  return true;
}
