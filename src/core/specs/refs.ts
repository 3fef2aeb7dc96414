// Requirement references cited by a task. Only a requirements line cites: `_Requirements: 1.2_`,
// `Requirements: 1.2`, `**Requirements**: 1.2`, `**Requirements:** 1.2`, `**Validates:
// Requirements 1.2**` (and `要件:`). A requirement number mentioned anywhere else, in prose or in
// parentheses, is not a citation. Values are ids (`1.2`, `5`, `5.x`), ranges (`1.1–1.5`,
// `5.1-5.10`, `Requirements 1-31`) and `All requirements`; other free text (`NFR Performance 1`)
// is dropped rather than guessed at. A citation may wrap onto the following lines.

/** The one id a task cites to cover every requirement of its spec. */
export const ALL_REQUIREMENTS = 'all';

const LABEL = /^[_*]*(?:requirements?|要件)[_*]*\s*[:：][_*\s]*(.*)$/i;
const VALIDATES = /^[_*]*validates[_*]*\s*:[_*\s]*(?:requirements?\b[_*\s]*)?(.*)$/i;
const BULLET = /^(?:[-*+]|\d+[.)])[ \t]+/;
const ID = String.raw`\d+(?:\.\d+)*`;
const RANGE = new RegExp(
  String.raw`^(${ID})\s*(?:[-–—~]|\.\.|to\b|through\b)\s*(?:req(?:uirements?)?\.?\s*)?(${ID})(?!\.?\d)`,
  'i',
);
const WHOLE = /^(\d+)\.x\b/i;
const SINGLE = new RegExp(`^(${ID})`);
const ALL = /^(?:all(?:\s+(?:the\s+)?(?:requirements?|criteria|acceptance criteria))?|全要件|全て)$/i;

/** Every requirements line holds one of these words; most lines of a task hold none. */
const MAY_CITE = /requirement|validates|要件/i;

function labelValue(line: string): string | null {
  if (!MAY_CITE.test(line)) return null;
  const plain = line.trim().replace(BULLET, '');
  const match = LABEL.exec(plain) ?? VALIDATES.exec(plain);
  return match ? match[1] : null;
}

/**
 * The citations among the lines of a task (or a section), each with its continuation lines
 * joined on: a requirements line goes on while it is visibly unfinished (an open `_…`, a trailing
 * comma, dash or "and", an open parenthesis) or the next line starts with a number.
 */
export function citationLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (labelValue(lines[i]) === null) continue;
    let citation = lines[i].trim();
    while (i + 1 < lines.length && continues(citation, lines[i + 1])) citation += ' ' + lines[++i].trim();
    out.push(citation);
  }
  return out;
}

function continues(citation: string, next: string): boolean {
  const line = next.trim();
  if (!line || BULLET.test(line) || /^#{1,6}\s/.test(line) || labelValue(line) !== null) return false;
  const body = citation.replace(BULLET, '');
  const openEmphasis = /^_/.test(body) && !/_[\s.]*$/.test(body);
  const openParen = (body.match(/\(/g)?.length ?? 0) > (body.match(/\)/g)?.length ?? 0);
  return openEmphasis || openParen || /(?:[,;、，(–—-]|\band)\s*$/i.test(body) || /^[_*]*\d/.test(line);
}

/** The requirement ids one citation line cites, or [] when the line is not a requirements line. */
export function parseRequirementRefs(line: string): string[] {
  const raw = labelValue(line);
  if (raw === null) return [];
  const value = raw
    .replace(/\([^)]*\)?/g, ' ')
    .replace(/[_*\s.]+$/, '')
    .replace(/[_*]/g, '');
  const refs: string[] = [];
  for (const piece of value.split(/[,;、，&]|\band\b/i)) {
    const token = piece.trim().replace(/^req(?:uirement)?s?\.?\s*/i, '');
    let m: RegExpExecArray | null;
    if (ALL.test(token)) refs.push(ALL_REQUIREMENTS);
    else if ((m = WHOLE.exec(token))) refs.push(m[1]);
    else if ((m = RANGE.exec(token))) refs.push(...expandRange(m[1], m[2]));
    else if ((m = SINGLE.exec(token))) refs.push(m[1]);
  }
  return [...new Set(refs)];
}

/** `1.1`–`1.5` → 1.1 … 1.5, `1.1`–`5` → 1.1 … 1.5; anything wider keeps just its two ends. */
function expandRange(from: string, to: string): string[] {
  const a = from.split('.');
  const b = to.split('.');
  if (b.length === 1 && a.length > 1) b.unshift(...a.slice(0, -1));
  const prefix = a.slice(0, -1).join('.');
  const sameParent = a.length === b.length && prefix === b.slice(0, -1).join('.');
  const first = Number(a[a.length - 1]);
  const last = Number(b[b.length - 1]);
  if (!sameParent || last < first || last - first > 200) return [from, to];
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(prefix ? `${prefix}.${n}` : String(n));
  return out;
}
