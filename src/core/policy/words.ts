// What a parsed word means for matching (SEMANTICS.md §4): its value after quote removal, and
// whether that value is fixed by the text alone. Globs, brace expansion and tilde count only when
// unquoted, so they are looked for in a mask that keeps unquoted characters and hides the rest.
import type { Word } from './ast';

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
  return { value, det, lead, text: det ? value : word.raw.replace(/\\\n/g, '') };
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

function hasBraceExpansion(mask: string): boolean {
  return /\{[^]*?(,|\.\.)[^]*?\}/.test(mask);
}

/** `~` at the start, or after `=`/`:` in an assignment-shaped word (bash expands `a=~/x` too). */
function hasTilde(mask: string): boolean {
  if (mask.startsWith('~')) return true;
  return ASSIGNMENT_MASK.test(mask) && /[=:]~/.test(mask);
}
