// Spec health as numbers: how much of the spec is in a form the tools (and reviewers) can check.
// Percentages are whole numbers, null when there is nothing to measure (no criteria, no tasks).
// Tasks are the leaf tasks (the ones that run); a task citing requirement `2` cites every
// criterion of requirement 2.
import type { Spec } from '../model';
import { flattenTasks } from '../ids';

/**
 * Words that make a criterion unverifiable (Kiro's and EARS guidance): each stands for a number
 * or an observable behaviour that was not written down. Matched as whole words, case-insensitive.
 */
export const AMBIGUOUS_WORDS: readonly string[] = [
  'fast',
  'quickly',
  'user-friendly',
  'easy',
  'intuitive',
  'simple',
  'seamless',
  'robust',
  'efficient',
  'flexible',
  'etc.',
  'as appropriate',
  'as needed',
  'if possible',
  'and/or',
];

export interface SpecHealth {
  criteria: number;
  /** Criteria written in an EARS form. */
  earsPercent: number | null;
  /** Criteria cited by at least one task. */
  citedPercent: number | null;
  tasks: number;
  /** Leaf tasks citing at least one requirement or criterion. */
  tasksCitingPercent: number | null;
  /** Ids of requirements that have no acceptance criteria. */
  requirementsWithoutCriteria: string[];
  /** Criteria holding words of AMBIGUOUS_WORDS, with the words found. */
  ambiguous: { criterion: string; words: string[] }[];
}

const PATTERNS = AMBIGUOUS_WORDS.map((w) => ({
  word: w,
  regex: new RegExp(`(?<![\\w-])${w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}${/\w$/.test(w) ? '(?![\\w-])' : ''}`, 'i'),
}));

export function ambiguousWords(text: string): string[] {
  return PATTERNS.filter((p) => p.regex.test(text)).map((p) => p.word);
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((100 * part) / whole);
}

export function specHealth(spec: Spec): SpecHealth {
  const criteria = spec.requirements.flatMap((r) => r.criteria.map((c) => ({ ...c, requirement: r.id })));
  const leaves = flattenTasks(spec.tasks).filter((t) => t.children.length === 0);
  const cited = new Set(leaves.flatMap((t) => t.requirements));
  const ambiguous = criteria
    .map((c) => ({ criterion: c.id, words: ambiguousWords(c.text) }))
    .filter((a) => a.words.length > 0);
  return {
    criteria: criteria.length,
    earsPercent: percent(criteria.filter((c) => c.ears !== 'not-ears').length, criteria.length),
    citedPercent: percent(criteria.filter((c) => cited.has(c.id) || cited.has(c.requirement)).length, criteria.length),
    tasks: leaves.length,
    tasksCitingPercent: percent(leaves.filter((t) => t.requirements.length > 0).length, leaves.length),
    requirementsWithoutCriteria: spec.requirements.filter((r) => r.criteria.length === 0).map((r) => r.id),
    ambiguous,
  };
}
