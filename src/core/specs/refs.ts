// Requirement references cited by a task. Real files write them as `_Requirements: 1.2, 3.1_`,
// `**Requirements:** 1.1, 1.2`, `**Validates: Requirements 1.2**`, with ranges (`1.1–1.5`,
// `5.1-5.10`), whole requirements (`5`, `5.x`) and free text (`NFR Performance 1`, `全要件`).
// Only what is numeric is kept; free text is dropped rather than guessed at.

const LABEL = /^[_*]*(?:validates:?\s*)?requirements?(?:[_*]*\s*:\s*[_*]*|\s+)(.+)$/i;
const BULLET = /^[-*+]\s+/;
const ID = String.raw`\d+(?:\.\d+)*`;
const RANGE = new RegExp(String.raw`^(${ID})\s*[-–—~]\s*(${ID})(?!\.?\d)`);
const WHOLE = /^(\d+)\.x\b/i;
const SINGLE = new RegExp(`^(${ID})`);

/** The requirement ids one detail line cites, or [] when the line is not a requirements line. */
export function parseRequirementRefs(line: string): string[] {
  const match = LABEL.exec(line.trim().replace(BULLET, ''));
  if (!match) return [];
  const value = match[1].replace(/[_*\s.]+$/, '');
  const refs: string[] = [];
  for (const piece of value.split(/[,;、，]|\band\b/)) {
    const token = piece.trim().replace(/^req(?:uirement)?s?\.?\s*/i, '');
    let m: RegExpExecArray | null;
    if ((m = WHOLE.exec(token))) refs.push(m[1]);
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
