// What a parsed word means for matching (SEMANTICS.md §4): its value after quote removal, and
// whether that value is fixed by the text alone. Globs, brace expansion and tilde count only when
// unquoted, so they are looked for in a mask that keeps unquoted characters and hides the rest.
import type { Part, Word } from './ast';

export interface WordInfo {
  /** Value after quote removal; meaningful only when `det`. */
  value: string;
  det: boolean;
  /** Literal text before the first expansion (quotes removed). */
  lead: string;
  /** What to show a person: the value when determinate, otherwise the source text. */
  text: string;
}

const HIDDEN = '\u0001';
const ASSIGNMENT_MASK = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

export function wordInfo(word: Word): WordInfo {
  let value = '';
  let mask = '';
  let lead = '';
  let expanded = false;
  for (const p of word.parts) {
    if (p.kind === 'lit') {
      value += p.text;
      if (!expanded) lead += p.text;
      mask += p.quoted ? HIDDEN.repeat(p.text.length) : p.text;
    } else {
      expanded = true;
      mask += HIDDEN;
    }
  }
  const det = !expanded && !hasGlob(mask) && !hasBraceExpansion(mask) && !hasTilde(mask);
  return { value, det, lead, text: det ? value : shownSource(word.raw) };
}

/** Source text to show; long words (a nested substitution can be the whole input) are cut. */
function shownSource(raw: string): string {
  const cut = raw.length > 160 ? `${raw.slice(0, 160)}…` : raw;
  return cut.replace(/\\\n/g, '');
}

/** A word the text fixes completely (used for synthetic words and defaults). */
export function literalWord(value: string): WordInfo {
  return { value, det: true, lead: value, text: value };
}

/** A word whose value only exists at run time (e.g. what xargs appends from stdin). */
export function unknownWord(text: string): WordInfo {
  return { value: '', det: false, lead: '', text };
}

function hasGlob(mask: string): boolean {
  return /[*?]/.test(mask) || /\[[^]*\]/.test(mask);
}

/** The word's text with quoted characters and expansions hidden: where globs and braces count. */
export function unquotedMask(parts: Part[]): string {
  let mask = '';
  for (const p of parts)
    mask += p.kind === 'lit' && !p.quoted ? p.text : HIDDEN.repeat(p.kind === 'lit' ? p.text.length : 1);
  return mask;
}

export function hasBraceExpansion(mask: string): boolean {
  return /\{[^]*?(,|\.\.)[^]*?\}/.test(mask);
}

/** `~` at the start, or after `=`/`:` in an assignment-shaped word (bash expands `a=~/x` too). */
function hasTilde(mask: string): boolean {
  if (mask.startsWith('~')) return true;
  return ASSIGNMENT_MASK.test(mask) && /[=:]~/.test(mask);
}

/**
 * A run of argv words, as a view into one array: wrapper chains (`command ` × 8,000) peel one
 * word at a time, and copying the rest at each level would make them quadratic (§13.14).
 */
export class WordList {
  private constructor(
    private readonly words: readonly WordInfo[],
    private readonly from: number,
    /** Shared by every view of `words`: for each i, the first index at or after it with some property. */
    private readonly firsts: { unknown?: Int32Array; notPlain?: Int32Array },
  ) {}

  static of(words: readonly WordInfo[]): WordList {
    return new WordList(words, 0, {});
  }

  get length(): number {
    return this.words.length - this.from;
  }

  at(i: number): WordInfo {
    return this.words[this.from + i];
  }

  slice(start: number): WordList {
    return new WordList(this.words, Math.min(this.from + start, this.words.length), this.firsts);
  }

  /** Index of the first indeterminate word, or -1. */
  firstUnknown(): number {
    return this.first('unknown', (w) => !w.det);
  }

  /** Index of the first word whose value is not made only of characters in `plain`, or -1. */
  firstNotPlain(plain: RegExp): number {
    return this.first('notPlain', (w) => !w.det || !plain.test(w.value));
  }

  private first(key: 'unknown' | 'notPlain', has: (w: WordInfo) => boolean): number {
    let next = this.firsts[key];
    if (!next) {
      next = new Int32Array(this.words.length + 1);
      next[this.words.length] = -1;
      for (let i = this.words.length - 1; i >= 0; i--) next[i] = has(this.words[i]) ? i : next[i + 1];
      this.firsts[key] = next;
    }
    const i = next[this.from];
    return i < 0 ? -1 : i - this.from;
  }

  /** The first `limit` words (what is shown to a person; the rest is counted). */
  head(limit: number): WordInfo[] {
    return this.words.slice(this.from, this.from + limit);
  }

  toArray(): WordInfo[] {
    return this.words.slice(this.from);
  }
}

/** Assignment words followed by argv, matched as one run (§5) without copying either. */
export class MatchWords {
  constructor(
    private readonly assigns: readonly WordInfo[],
    private readonly argv: WordList,
  ) {}

  get length(): number {
    return this.assigns.length + this.argv.length;
  }

  at(i: number): WordInfo {
    return i < this.assigns.length ? this.assigns[i] : this.argv.at(i - this.assigns.length);
  }

  firstUnknown(): number {
    const i = this.assigns.findIndex((w) => !w.det);
    if (i >= 0) return i;
    const j = this.argv.firstUnknown();
    return j < 0 ? -1 : this.assigns.length + j;
  }
}
