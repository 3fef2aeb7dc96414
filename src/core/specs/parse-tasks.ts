// tasks.md → the task tree, from the structural parser (blocks.ts): lists, nesting, fences,
// HTML blocks and headings as CommonMark/GFM sees them; the checkbox itself is read from the
// source text of an item's first line, because `[-]`, `[~]` and `[ ]*` are not GFM task markers.
//
// Shapes real files use, and how they map:
// - Nested items (`  - [ ] 1.1` under `- [ ] 1.`) are children of the item they sit in.
// - Flat cc-sdd numbering (`- [ ] 1.1` at column 0 right under `- [ ] 1.`): an item whose number
//   extends the number of an EARLIER sibling (`1.1` after `1`) becomes that sibling's child.
// - Headings (`## Task 1: …`, `## 1. Title`, `### Phase 2`) group tasks but are NOT tasks: the
//   items under them stay top-level with their written ids and carry the heading as `section`.
//   Requirement lines written beside the list under such a heading (`**Requirements:** 1.1`)
//   are credited to that heading's top-level tasks which cite nothing themselves.
// - Lists inside block quotes are quotations, not the plan, and are skipped.
// - Checkboxes in code (fenced, indented or unclosed) and HTML blocks (`<!-- -->`, `<details>`)
//   are not tasks; a doubled marker (`- - [ ] 3.2`) is the inner item's task, as it renders.
// - Optional: `[ ]*`, and Prettier's escaped `[ ]\*`, which renders the same.
// - Requirement citations may wrap onto the next lines (see refs.ts).
import type { Diagnostic } from '../diagnostics';
import type { Task, TaskStatus } from './model';
import { parseBlocks, headingText, type Block } from './blocks';
import { assignDerivedIds, NUMBER, parentNumber } from './ids';
import { citationLines, parseRequirementRefs } from './refs';
import { lineContentEnd, lineOf, lineStarts, quote } from './text';

export interface ParsedTasks {
  tasks: Task[];
  diagnostics: Diagnostic[];
}

const STATUS: Record<string, TaskStatus> = { ' ': 'todo', x: 'done', X: 'done', '-': 'in-progress', '~': 'queued' };
const CHECKBOX = /^[-*+][ \t]+\[([^\]\n]{0,3})\](\\?\*)?(?=[ \t]|$)/;
const DETAIL_LABEL = /^[_*]{0,2}[\p{L}][\p{L}\p{N} ]{0,30}[_*]{0,2}\s*[:：]/u;
const MALFORMED = /^(?:|[^ xX\-~]|[ \txX\-~]{2,3})$/;

interface Section {
  title: string;
  tasks: Task[];
  refs: string[];
}

/**
 * How a parse depends on the text around its tasks; reparse-tasks.ts splices a re-parsed stretch
 * into an earlier parse only when nothing crosses top-level tasks.
 */
export interface TaskLayout {
  /** No top-level task (before flat numbering nests them) has a dotted or derived id. */
  flat: boolean;
  /** Some heading's own requirement lines were credited to its tasks. */
  sectionRefs: boolean;
  /** The root holds headings or paragraphs (which start or feed a section). */
  sectionBlocks: boolean;
}

export class TaskParser {
  private readonly starts: number[];
  private readonly diagnostics: Diagnostic[] = [];
  private section: Section | null = null;
  readonly layout: TaskLayout = { flat: true, sectionRefs: false, sectionBlocks: false };

  /** `section`: the heading the text sits under, when it is a stretch of a larger tasks.md. */
  constructor(
    private readonly text: string,
    private readonly file: string,
    section?: string,
  ) {
    this.starts = lineStarts(text);
    if (section !== undefined) this.section = { title: section, tasks: [], refs: [] };
  }

  parse(root: Block): ParsedTasks {
    const tasks: Task[] = [];
    for (const node of root.children) this.topLevel(node, tasks);
    this.closeSection();
    this.layout.flat = tasks.every((task) => !task.derivedId && !task.id.includes('.'));
    const nested = nestByNumber(tasks);
    assignDerivedIds(nested, null);
    return { tasks: nested, diagnostics: this.diagnostics };
  }

  private topLevel(node: Block, tasks: Task[]): void {
    if (node.type === 'heading' || node.type === 'paragraph') this.layout.sectionBlocks = true;
    if (node.type === 'heading') {
      this.closeSection();
      this.section = { title: headingText(this.text, node), tasks: [], refs: [] };
    } else if (node.type === 'list') {
      const before = tasks.length;
      this.list(node, null, tasks);
      this.section?.tasks.push(...tasks.slice(before));
    } else if (this.section && node.type === 'paragraph') {
      const lines = this.text.slice(node.start, node.end).split(/\r?\n/);
      for (const line of citationLines(lines)) this.section.refs.push(...parseRequirementRefs(line));
    }
  }

  private closeSection(): void {
    const section = this.section;
    if (!section || section.refs.length === 0) return;
    this.layout.sectionRefs = true;
    for (const task of section.tasks)
      if (task.requirements.length === 0) task.requirements = [...new Set(section.refs)];
  }

  private list(list: Block, parent: Task | null, siblings: Task[]): void {
    for (const item of list.children) this.item(item, parent, siblings);
  }

  private item(item: Block, parent: Task | null, siblings: Task[]): void {
    const task = this.task(item, parent);
    if (task) siblings.push(task);
    for (const child of item.children) {
      if (child.type === 'list') this.list(child, task ?? parent, task ? task.children : siblings);
    }
    if (task) this.finishDetails(task);
  }

  private task(item: Block, parent: Task | null): Task | null {
    const { start, end } = item;
    if (item.ordered) return null;
    const lineEnd = lineContentEnd(this.text, start);
    const first = this.text.slice(start, lineEnd);
    const box = CHECKBOX.exec(first);
    if (!box) return null;
    const line = lineOf(this.starts, start);
    const status = box[1].length === 1 ? STATUS[box[1]] : undefined;
    if (!status) {
      if (MALFORMED.test(box[1])) this.malformed(box[1], start, line);
      return null;
    }
    const markerStart = start + first.indexOf('[') + 1;
    let restStart = start + box[0].length;
    while (restStart < lineEnd && (this.text[restStart] === ' ' || this.text[restStart] === '\t')) restStart++;
    const rest = this.text.slice(restStart, lineEnd);
    const number = NUMBER.exec(rest);
    let titleStart = restStart;
    if (number) {
      titleStart += number[0].length;
      while (titleStart < lineEnd && /[ \t]/.test(this.text[titleStart])) titleStart++;
    }
    let titleEnd = this.titleEnd(item, lineEnd);
    while (titleEnd > titleStart && /[ \t]/.test(this.text[titleEnd - 1])) titleEnd--;
    const written = this.text.slice(titleStart, titleEnd);
    const title = written.includes('\n') ? written.replace(/[ \t]*\r?\n[ \t]*/g, ' ') : written;
    const task: Task = {
      id: number ? number[1] : '',
      derivedId: !number,
      title,
      status,
      optional: box[2] !== undefined,
      requirements: [],
      details: [],
      parent: parent?.id ?? null,
      children: [],
      span: { start, end, line },
      marker: { start: markerStart, end: markerStart + 1, line },
      titleSpan: { start: titleStart, end: titleEnd, line },
    };
    if (this.section) task.section = this.section.title;
    return task;
  }

  /**
   * A title written over several lines (its paragraph goes on below the checkbox line) ends where
   * that paragraph does, or at its first `Label:` line (`_Requirements: …_` written without a
   * bullet), which is a detail.
   */
  private titleEnd(item: Block, lineEnd: number): number {
    const paragraph = item.children[0];
    if (!paragraph || paragraph.type !== 'paragraph' || paragraph.line !== item.line || paragraph.endLine === item.line)
      return lineEnd;
    let end = lineEnd;
    while (end < paragraph.end) {
      const next = end + (this.text[end] === '\r' ? 2 : 1);
      const nextEnd = lineContentEnd(this.text, next);
      if (DETAIL_LABEL.test(this.text.slice(next, nextEnd).trim())) break;
      end = nextEnd;
    }
    return end;
  }

  /** Details are the item's lines after the title, minus the lines of its child tasks. */
  private finishDetails(task: Task): void {
    const lines: string[] = [];
    let cursor = task.titleSpan.end;
    for (const child of task.children) {
      pushLines(this.text, cursor, child.span.start, lines);
      cursor = Math.max(cursor, child.span.end);
    }
    pushLines(this.text, cursor, Math.max(cursor, task.span.end), lines);
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed) task.details.push(trimmed);
    }
    for (const citation of citationLines(lines)) task.requirements.push(...parseRequirementRefs(citation));
    task.requirements = [...new Set(task.requirements)];
  }

  private malformed(content: string, offset: number, line: number): void {
    this.diagnostics.push({
      file: this.file,
      line,
      column: offset - this.starts[line - 1] + 1,
      severity: 'error',
      code: 'task-malformed-marker',
      message: `Checkbox "[${content}]" in ${quote(this.text.slice(offset, lineContentEnd(this.text, offset)))} is not a task marker, so this line is not read as a task. Use [ ] (todo), [-] (in progress), [~] (queued) or [x] (done).`,
    });
  }
}

/** The lines of text[from, to), as `split(/\r?\n/)` of that slice would give them. */
function pushLines(text: string, from: number, to: number, out: string[]): void {
  for (let start = from; ;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1 || nl >= to) {
      out.push(text.slice(start, to));
      return;
    }
    out.push(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
    start = nl + 1;
  }
}

/**
 * Flat numbering: `1.1` written as a sibling after `1` becomes its child (recursively, so `1.1.1`
 * finds `1.1` even when `1.1` itself was moved under `1`). Only EARLIER tasks can adopt, so a
 * stray `2.1` above `2.` stays where it is.
 */
function nestByNumber(siblings: Task[]): Task[] {
  if (siblings.length === 0) return siblings;
  const kept: Task[] = [];
  const seen = new Map<string, Task>();
  for (const task of siblings) {
    let host: Task | undefined;
    for (let up = task.derivedId ? null : parentNumber(task.id); up !== null && !host; up = parentNumber(up))
      host = seen.get(up);
    (host ? host.children : kept).push(task);
    register(task, seen);
  }
  for (const task of kept) task.children = nestByNumber(task.children);
  return kept;
}

function register(task: Task, seen: Map<string, Task>): void {
  if (!task.derivedId && !seen.has(task.id)) seen.set(task.id, task);
  for (const child of task.children) register(child, seen);
}

const layouts = new WeakMap<ParsedTasks, TaskLayout>();

/** The layout of a parse made by parseTasks (or spliced by reparseTasks); undefined otherwise. */
export function layoutOf(parsed: ParsedTasks): TaskLayout | undefined {
  return layouts.get(parsed);
}

export function recordLayout(parsed: ParsedTasks, layout: TaskLayout): ParsedTasks {
  layouts.set(parsed, layout);
  return parsed;
}

/** Never throws: a document the parser cannot make sense of yields a diagnostic and no tasks. */
export function parseTasks(text: string, file: string): ParsedTasks {
  try {
    const parser = new TaskParser(text, file);
    return recordLayout(parser.parse(parseBlocks(text)), parser.layout);
  } catch (err) {
    return {
      tasks: [],
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          severity: 'error',
          code: 'tasks-unreadable',
          message: `tasks.md could not be read: ${err instanceof Error ? err.message : String(err)}`,
        },
      ],
    };
  }
}
