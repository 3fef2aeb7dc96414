// EARS form of an acceptance criterion. Case-insensitive, and keyed on English keywords only,
// which also covers cc-sdd's Japanese documents ("When ユーザーが…, the X shall …").
import type { EarsForm } from './model';

const KEYWORD: Array<[RegExp, EarsForm]> = [
  [/^when\b/, 'WHEN'],
  [/^if\b/, 'IF'],
  [/^while\b/, 'WHILE'],
  [/^where\b/, 'WHERE'],
];

/**
 * A criterion is EARS when it says "shall". It takes the form of its leading keyword; with no
 * keyword it is ubiquitous ("THE SYSTEM SHALL …") unless a clause precedes the "shall" behind a
 * comma, which is some other trigger ("DURING x, THE SYSTEM SHALL …") that EARS does not know.
 */
export function classifyEars(text: string): EarsForm {
  const plain = text.replace(/^[\s*_>`]+/, '').toLowerCase();
  const shall = plain.search(/\bshall\b/);
  if (shall === -1) return 'not-ears';
  for (const [pattern, form] of KEYWORD) if (pattern.test(plain)) return form;
  return plain.startsWith('the ') || !plain.slice(0, shall).includes(',') ? 'ubiquitous' : 'not-ears';
}
