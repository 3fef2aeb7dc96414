// requirements.md and bugfix.md → requirements with acceptance criteria, from the structural
// parser (blocks.ts).
//
// Feature specs: `### Requirement N` (optionally `: Title`) opens requirement N; its user story
// is the `**User Story:**` (or cc-sdd `**Objective:**`) paragraph; its numbered list items are
// criteria `N.M` (M as written), and so are paragraph lines written `N.M THE … SHALL …` or
// `N.M. …` (criteria that are not a Markdown list). Any heading as high as the requirement
// heading closes it.
//
// Bugfix specs: clauses are paragraph lines written `1.1 WHEN …`, `2.3 WHEN …`; group N becomes
// requirement N (1 = current behaviour, 2 = expected, 3 = unchanged in Kiro's template), titled
// by the heading above its first clause.
import type { Diagnostic } from '../diagnostics';
import type { Requirement } from './model';
import { classifyEars } from './ears';
import { headingText, parseBlocks, type Block } from './blocks';
import { lineOf, lineStarts } from './text';

export interface ParsedRequirements {
  requirements: Requirement[];
  diagnostics: Diagnostic[];
}

const REQUIREMENT_HEADING = /^requirement\s+(\d+(?:\.\d+)*)\s*(?:[:.\-–—]\s*(.*))?$/i;
const STORY = /^[*_]*(?:user story|objective)[*_]*\s*:\s*[*_]*\s*/i;
const CLAUSE = /^(\d+)\.(\d+)\.?[ \t]+(?=\S)/;

function source(text: string, node: Block): string {
  return text.slice(node.start, node.end);
}

function oneLine(value: string): string {
  return value.replace(/\s*\r?\n\s*/g, ' ').trim();
}

interface Clause {
  group: string;
  number: number;
  text: string;
  line: number;
}

/** Lines of a paragraph that open `N.M` clauses, each with the lines that follow it. */
function clauses(text: string, starts: number[], paragraph: Block): Clause[] {
  const out: Clause[] = [];
  let offset = paragraph.start;
  for (const raw of source(text, paragraph).split('\n')) {
    const line = raw.replace(/\r$/, '');
    const body = line.replace(/^[ \t>]*/, '');
    const match = CLAUSE.exec(body);
    if (match)
      out.push({
        group: match[1],
        number: Number(match[2]),
        text: body.slice(match[0].length),
        line: lineOf(starts, offset),
      });
    else if (out.length) out[out.length - 1].text += ' ' + body;
    offset += raw.length + 1;
  }
  for (const clause of out) clause.text = oneLine(clause.text);
  return out;
}

function featureRequirements(text: string, root: Block): Requirement[] {
  const out: Requirement[] = [];
  const starts = lineStarts(text);
  let current: Requirement | null = null;
  let depth = 0;
  for (const node of root.children) {
    if (node.type === 'heading') {
      const title = headingText(text, node);
      const match = REQUIREMENT_HEADING.exec(title);
      if (match) {
        current = { id: match[1], title: (match[2] ?? '').trim(), userStory: null, criteria: [], line: node.line };
        depth = node.depth ?? 1;
        out.push(current);
      } else if (current && (node.depth ?? 1) <= depth) current = null;
      continue;
    }
    if (!current) continue;
    if (node.type === 'paragraph') {
      const raw = source(text, node);
      if (current.userStory === null && STORY.test(raw)) current.userStory = oneLine(raw.replace(STORY, ''));
      else
        for (const clause of clauses(text, starts, node))
          if (clause.group === current.id)
            current.criteria.push({
              id: `${clause.group}.${clause.number}`,
              text: clause.text,
              ears: classifyEars(clause.text),
              line: clause.line,
            });
    } else if (node.type === 'list' && node.ordered) criteria(text, node, current);
  }
  return out;
}

function criteria(text: string, list: Block, requirement: Requirement): void {
  list.children.forEach((item, index) => {
    const raw = source(text, item);
    const number = /^(\d+)[.)]\s*/.exec(raw);
    const body = oneLine(number ? raw.slice(number[0].length) : raw);
    const id = `${requirement.id}.${number ? Number(number[1]) : index + 1}`;
    requirement.criteria.push({ id, text: body, ears: classifyEars(body), line: item.line });
  });
}

function bugfixClauses(text: string, root: Block): Requirement[] {
  const groups = new Map<string, Requirement>();
  const starts = lineStarts(text);
  let heading = '';
  const visit = (node: Block): void => {
    if (node.type === 'heading') heading = headingText(text, node);
    else if (node.type === 'paragraph') {
      for (const clause of clauses(text, starts, node)) {
        let group = groups.get(clause.group);
        if (!group) {
          group = { id: clause.group, title: heading, userStory: null, criteria: [], line: clause.line };
          groups.set(clause.group, group);
        }
        group.criteria.push({
          id: `${clause.group}.${clause.number}`,
          text: clause.text,
          ears: classifyEars(clause.text),
          line: clause.line,
        });
      }
    } else if (node.type === 'list') for (const item of node.children) for (const child of item.children) visit(child);
  };
  for (const node of root.children) visit(node);
  return [...groups.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

/** Never throws: an unreadable document yields a diagnostic and no requirements. */
export function parseRequirements(text: string, file: string, bugfix: boolean): ParsedRequirements {
  try {
    const root = parseBlocks(text);
    return { requirements: bugfix ? bugfixClauses(text, root) : featureRequirements(text, root), diagnostics: [] };
  } catch (err) {
    const message = `${bugfix ? 'bugfix.md' : 'requirements.md'} could not be read: ${err instanceof Error ? err.message : String(err)}`;
    return {
      requirements: [],
      diagnostics: [{ file, line: 1, column: 1, severity: 'error', code: 'requirements-unreadable', message }],
    };
  }
}
