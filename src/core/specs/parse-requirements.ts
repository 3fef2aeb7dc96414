// requirements.md and bugfix.md → requirements with acceptance criteria.
//
// Feature specs: `### Requirement N` (optionally `: Title`) opens requirement N; its user story
// is the `**User Story:**` (or cc-sdd `**Objective:**`) paragraph; its numbered list items are
// criteria `N.M` (M as written). Any heading as high as the requirement heading closes it.
//
// Bugfix specs: clauses are paragraphs written `1.1 WHEN …`, `2.3 WHEN …`; group N becomes
// requirement N (1 = current behaviour, 2 = expected, 3 = unchanged in Kiro's template), titled
// by the heading above its first clause.
import type { Heading, List, Paragraph, Root, RootContent } from 'mdast';
import type { Diagnostic } from '../diagnostics';
import type { Requirement } from './model';
import { classifyEars } from './ears';
import { headingText, parseMarkdown } from './markdown';

export interface ParsedRequirements {
  requirements: Requirement[];
  diagnostics: Diagnostic[];
}

const REQUIREMENT_HEADING = /^requirement\s+(\d+(?:\.\d+)*)\s*(?:[:.\-–—]\s*(.*))?$/i;
const STORY = /^[*_]*(?:user story|objective)[*_]*\s*:\s*[*_]*\s*/i;
const CLAUSE = /^(\d+)\.(\d+)\s+/;

function source(text: string, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
  return text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

function oneLine(value: string): string {
  return value.replace(/\s*\r?\n\s*/g, ' ').trim();
}

function featureRequirements(text: string, root: Root): Requirement[] {
  const out: Requirement[] = [];
  let current: Requirement | null = null;
  let depth = 0;
  const visit = (node: RootContent): void => {
    if (node.type === 'heading') {
      const title = headingText(text, node as Heading);
      const match = REQUIREMENT_HEADING.exec(title);
      if (match) {
        current = {
          id: match[1],
          title: (match[2] ?? '').trim(),
          userStory: null,
          criteria: [],
          line: node.position?.start.line ?? 1,
        };
        depth = node.depth;
        out.push(current);
      } else if (current && node.depth <= depth) current = null;
      return;
    }
    if (!current) return;
    if (node.type === 'paragraph' && current.userStory === null) {
      const raw = source(text, node);
      if (STORY.test(raw)) current.userStory = oneLine(raw.replace(STORY, ''));
    } else if (node.type === 'list' && (node as List).ordered) {
      criteria(text, node as List, current);
    }
  };
  for (const node of root.children) visit(node);
  return out;
}

function criteria(text: string, list: List, requirement: Requirement): void {
  list.children.forEach((item, index) => {
    const raw = source(text, item);
    const number = /^(\d+)[.)]\s*/.exec(raw);
    const body = oneLine(number ? raw.slice(number[0].length) : raw);
    const id = `${requirement.id}.${number ? Number(number[1]) : index + 1}`;
    requirement.criteria.push({
      id,
      text: body,
      ears: classifyEars(body),
      line: item.position?.start.line ?? requirement.line,
    });
  });
}

function bugfixClauses(text: string, root: Root): Requirement[] {
  const groups = new Map<string, Requirement>();
  let heading = '';
  const visit = (node: RootContent): void => {
    if (node.type === 'heading') heading = headingText(text, node as Heading);
    else if (node.type === 'paragraph') clause(node as Paragraph);
    else if (node.type === 'list')
      for (const item of (node as List).children) for (const child of item.children) visit(child);
  };
  const clause = (node: Paragraph): void => {
    const raw = source(text, node);
    const match = CLAUSE.exec(raw);
    if (!match) return;
    let group = groups.get(match[1]);
    if (!group) {
      group = { id: match[1], title: heading, userStory: null, criteria: [], line: node.position?.start.line ?? 1 };
      groups.set(match[1], group);
    }
    const body = oneLine(raw.slice(match[0].length));
    group.criteria.push({
      id: `${match[1]}.${Number(match[2])}`,
      text: body,
      ears: classifyEars(body),
      line: node.position?.start.line ?? 1,
    });
  };
  for (const node of root.children) visit(node);
  return [...groups.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

/** Never throws: an unreadable document yields a diagnostic and no requirements. */
export function parseRequirements(text: string, file: string, bugfix: boolean): ParsedRequirements {
  try {
    const root = parseMarkdown(text);
    return { requirements: bugfix ? bugfixClauses(text, root) : featureRequirements(text, root), diagnostics: [] };
  } catch (err) {
    const message = `${bugfix ? 'bugfix.md' : 'requirements.md'} could not be read: ${err instanceof Error ? err.message : String(err)}`;
    return {
      requirements: [],
      diagnostics: [{ file, line: 1, column: 1, severity: 'error', code: 'requirements-unreadable', message }],
    };
  }
}
