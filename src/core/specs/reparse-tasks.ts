// A keystroke in a large tasks.md re-parses only the stretch of top-level tasks it touched and
// reuses the rest of the previous parse (its tasks shifted by the edit's length), so that the
// CodeLens of a 5,000-task file follows typing. The result is always what parseTasks would return
// for the new text: whenever the edit could reach past its stretch, this falls back to it.
//
// A stretch runs from one top-level task to another, each written at column 0 after a blank line.
// At such a line CommonMark closes everything the earlier lines opened, except a fence or an HTML
// block left open (checked), so the lines from there on parse the same in the document and alone.
// The task tree adds three reaches across tasks, each checked: flat numbering (`1.1` written at
// the top level under `1`) and derived ids (`t3`) depend on earlier tasks, and headings (with
// their requirement lines) give the tasks below them a section.
import type { Diagnostic } from '../diagnostics';
import type { SourceSpan, Task } from './model';
import { parseBlocksOpenEnd } from './blocks';
import { layoutOf, parseTasks, recordLayout, TaskParser, type ParsedTasks } from './parse-tasks';

/** parseTasks(text), computed from the parse of previousText where the edit allows it. */
export function reparseTasks(previousText: string, previous: ParsedTasks, text: string, file: string): ParsedTasks {
  return splice(previousText, previous, text, file) ?? parseTasks(text, file);
}

function splice(before: string, previous: ParsedTasks, after: string, file: string): ParsedTasks | null {
  const layout = layoutOf(previous);
  if (!layout || !layout.flat || layout.sectionRefs) return null;
  const { prefix, suffix } = commonEnds(before, after);
  const changedEnd = before.length - suffix;
  const tops = previous.tasks;
  // The stretch: from the last boundary at or before the edit to the first whose blank line
  // before it lies wholly after the edit. Top-level tasks are in document order.
  let first = lastStartingBy(tops, prefix);
  while (first >= 0 && !isBoundary(before, tops[first].span.start)) first--;
  let last = first + 1;
  while (
    last < tops.length &&
    !(
      tops[last].span.start > prefix &&
      isBoundary(before, tops[last].span.start) &&
      previousLineStart(before, tops[last].span.start) >= changedEnd
    )
  )
    last++;
  const from = first === -1 ? 0 : tops[first].span.start;
  const to = last === tops.length ? before.length : tops[last].span.start;
  const delta = after.length - before.length;
  if (from < after.length && (after[from] === ' ' || after[from] === '\t')) return null;
  const section = first === -1 ? undefined : tops[first].section;
  if (first !== -1 && tops.slice(0, first).some((task) => task.span.end > from)) return null;

  const oldStretch = stretchOf(before.slice(from, to), section, file);
  const newStretch = stretchOf(after.slice(from, to + delta), section, file);
  if (!oldStretch || !newStretch) return null;
  const atEnd = to === before.length;
  if (!atEnd && newStretch.openAtEnd) return null;

  const fromLine = first === -1 ? 1 : tops[first].span.line;
  const lineDelta = countLines(after, prefix, after.length - suffix) - countLines(before, prefix, changedEnd);
  const kept = first === -1 ? [] : tops.slice(0, first);
  const moved = tops.slice(last).map((task) => shifted(task, delta, lineDelta));
  const toLine = last === tops.length ? Infinity : tops[last].span.line;
  const diagnostics: Diagnostic[] = [
    ...previous.diagnostics.filter((d) => d.line < fromLine),
    ...newStretch.parsed.diagnostics.map((d) => ({ ...d, line: d.line + fromLine - 1 })),
    ...previous.diagnostics.filter((d) => d.line >= toLine).map((d) => ({ ...d, line: d.line + lineDelta })),
  ];
  const tasks = [...kept, ...newStretch.parsed.tasks.map((task) => shifted(task, from, fromLine - 1)), ...moved];
  return recordLayout({ tasks, diagnostics }, layout);
}

interface Stretch {
  parsed: ParsedTasks;
  openAtEnd: boolean;
}

/** A stretch parsed alone; null when it holds what reaches past it (a heading, a section's text). */
function stretchOf(text: string, section: string | undefined, file: string): Stretch | null {
  const { root, openAtEnd } = parseBlocksOpenEnd(text);
  const parser = new TaskParser(text, file, section);
  const parsed = parser.parse(root);
  if (!parser.layout.flat || parser.layout.sectionBlocks) return null;
  return { parsed, openAtEnd };
}

/** Index of the last task starting at or before offset; -1 when none does. */
function lastStartingBy(tasks: Task[], offset: number): number {
  let lo = 0;
  let hi = tasks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tasks[mid].span.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** A top-level task at column 0 whose line follows a blank line (or starts the document). */
function isBoundary(text: string, start: number): boolean {
  if (start === 0) return true;
  if (text[start - 1] !== '\n') return false;
  const lineStart = previousLineStart(text, start);
  for (let i = lineStart; i < start - 1; i++) if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return false;
  return true;
}

/** Start of the line before the one starting at lineStart. */
function previousLineStart(text: string, lineStart: number): number {
  return lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
}

/** Chunks compared natively (startsWith/endsWith) before the last one is walked char by char. */
const CHUNK = 2048;

function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix + CHUNK <= max && a.startsWith(b.substring(prefix, prefix + CHUNK), prefix)) prefix += CHUNK;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const room = max - prefix;
  let suffix = 0;
  while (
    suffix + CHUNK <= room &&
    a.endsWith(b.substring(b.length - suffix - CHUNK, b.length - suffix), a.length - suffix)
  )
    suffix += CHUNK;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function shiftSpan(span: SourceSpan, offset: number, lines: number): SourceSpan {
  return { start: span.start + offset, end: span.end + offset, line: span.line + lines };
}

/** A copy of the task (and its subtree) moved by offset characters and lines; the rest is shared. */
function shifted(task: Task, offset: number, lines: number): Task {
  if (offset === 0 && lines === 0) return task;
  // Written out rather than spread: this runs for every task below the edit, on each keystroke.
  const copy: Task = {
    id: task.id,
    derivedId: task.derivedId,
    title: task.title,
    status: task.status,
    optional: task.optional,
    requirements: task.requirements,
    details: task.details,
    parent: task.parent,
    children: task.children.length === 0 ? [] : task.children.map((child) => shifted(child, offset, lines)),
    span: shiftSpan(task.span, offset, lines),
    marker: shiftSpan(task.marker, offset, lines),
    titleSpan: shiftSpan(task.titleSpan, offset, lines),
  };
  if (task.section !== undefined) copy.section = task.section;
  return copy;
}
