// Round-trip-safe edits of tasks.md as pure functions: each takes the CURRENT text (callers must
// never apply edits computed on a stale copy) and returns minimal edits plus the new text.
// Everything outside the edited span stays byte-identical: line endings, indentation, unknown
// markup, a missing final newline. Requests that cannot be met (unknown id, moving a task into
// itself, a stale expectedHash) throw TaskEditError with a message a person understands.
//
// Numbering: ids are what traces, CodeLens and the runner refer to, so edits keep written
// numbers as they are, except that (a) an added task takes the next number after its anchor and
// shifts the numbered siblings after it when that number is already taken, and (b) a task moved
// under a different parent is renumbered to the end of its new parent's numbering (in flat
// cc-sdd files the number IS the nesting, so it has to follow).
import type { Task, TaskStatus } from './model';
import { cached } from './parse-cache';
import { parseTasks } from './parse-tasks';
import { contentHash, detectEol, lineContentEnd, lineEndWithEol, lineStartAt, type Eol } from './text';
import { findTask, flattenTasks, NUMBER } from './ids';

export interface TextEdit {
  /** UTF-16 offset into the text the edit was computed on. */
  offset: number;
  length: number;
  newText: string;
}

export interface EditResult {
  /** Non-overlapping, sorted by offset. Empty when nothing changes. */
  edits: TextEdit[];
  text: string;
  /** The id of the added or moved task, as it reads in the new text. */
  taskId?: string;
}

export interface EditOptions {
  /** contentHash() of the text the caller believes it is editing; a mismatch throws. */
  expectedHash?: string;
}

export class TaskEditError extends Error {}

const MARK: Record<TaskStatus, string> = { todo: ' ', 'in-progress': '-', queued: '~', done: 'x' };

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    out += text.slice(cursor, edit.offset) + edit.newText;
    cursor = edit.offset + edit.length;
  }
  return out + text.slice(cursor);
}

function result(text: string, edits: TextEdit[], taskId?: string): EditResult {
  const sorted = edits.sort((a, b) => a.offset - b.offset || a.length - b.length);
  return { edits: sorted, text: applyEdits(text, sorted), ...(taskId === undefined ? {} : { taskId }) };
}

class Doc {
  readonly tasks: Task[];
  readonly eol: Eol;
  private readonly parents = new Map<Task, Task | null>();

  constructor(
    readonly text: string,
    options: EditOptions,
  ) {
    const hash = contentHash(text);
    if (options.expectedHash !== undefined && options.expectedHash !== hash)
      throw new TaskEditError('tasks.md changed since it was read; reload it and try again.');
    this.tasks = cached('tasks', text, '', (t) => parseTasks(t, ''), hash).tasks;
    this.eol = detectEol(text);
    const walk = (list: Task[], parent: Task | null) =>
      list.forEach((t) => (this.parents.set(t, parent), walk(t.children, t)));
    walk(this.tasks, null);
  }

  task(id: string): Task {
    const task = findTask(this.tasks, id);
    if (!task) throw new TaskEditError(`There is no task ${id} in tasks.md.`);
    return task;
  }

  parent(task: Task): Task | null {
    return this.parents.get(task) ?? null;
  }

  siblings(task: Task): Task[] {
    return this.parent(task)?.children ?? this.tasks;
  }

  indent(task: Task): string {
    return this.text.slice(lineStartAt(this.text, task.span.start), task.span.start);
  }

  /** Indentation for a first child of parent: the file's own nesting unit, or none in flat files. */
  childIndent(parent: Task): string {
    const all = flattenTasks(this.tasks);
    const flat = all.some((t) => t.parent !== null && this.indent(t) === this.indent(this.parent(t) as Task));
    const nested = all.find(
      (t) => this.parent(t) && this.indent(t).length > this.indent(this.parent(t) as Task).length,
    );
    if (nested) return this.indent(parent) + this.indent(nested).slice(this.indent(this.parent(nested) as Task).length);
    if (flat) return this.indent(parent);
    return this.indent(parent) + (this.indent(parent).includes('\t') ? '\t' : '  ');
  }

  /** End of the task's last line, sub-tasks included (flat sub-tasks sit outside its item). */
  blockEnd(task: Task): number {
    return Math.max(task.span.end, ...task.children.map((c) => this.blockEnd(c)));
  }

  numberSpan(task: Task): { start: number; end: number; dot: boolean } | null {
    if (task.derivedId) return null;
    let pos = task.marker.end + 1;
    if (this.text[pos] === '\\' && this.text[pos + 1] === '*') pos++;
    if (this.text[pos] === '*') pos++;
    while (this.text[pos] === ' ' || this.text[pos] === '\t') pos++;
    const match = NUMBER.exec(this.text.slice(pos, lineContentEnd(this.text, pos)));
    return match ? { start: pos, end: pos + match[1].length, dot: match[2] === '.' } : null;
  }

  /** The separator siblings use: one line ending, or two where the list is spaced by blank lines. */
  separator(task: Task): string {
    const siblings = this.siblings(task);
    const i = siblings.indexOf(task);
    const pair = i + 1 < siblings.length ? [task, siblings[i + 1]] : i > 0 ? [siblings[i - 1], task] : null;
    if (!pair) return this.eol;
    const gap = this.text.slice(this.blockEnd(pair[0]), lineStartAt(this.text, pair[1].span.start));
    return /\n[ \t]*\r?\n/.test(gap) ? this.eol + this.eol : this.eol;
  }

  /**
   * The task's lines, plus the blank lines that would otherwise leave a double gap. A block at
   * the end of the file takes the line ending before it instead of its own, so a file without a
   * final newline keeps having none.
   */
  removal(task: Task): { start: number; end: number } {
    const text = this.text;
    const blank = (from: number) => from < text.length && text.slice(from, lineContentEnd(text, from)).trim() === '';
    let start = lineStartAt(text, task.span.start);
    const last = this.blockEnd(task);
    let end = lineEndWithEol(text, last);
    if (text.slice(end).trim() === '') {
      while (start > 0 && blank(lineStartAt(text, start - 1))) start = lineStartAt(text, start - 1);
      return start > 0
        ? { start: lineContentEnd(text, start - 1), end: lineContentEnd(text, last) }
        : { start: 0, end };
    }
    if (start === 0 || blank(lineStartAt(text, start - 1))) while (blank(end)) end = lineEndWithEol(text, end);
    return { start, end };
  }
}

function inSubtree(root: Task, task: Task): boolean {
  return root === task || root.children.some((c) => inSubtree(c, task));
}

/**
 * Sets a task's status. Setting a task done also marks done each ancestor whose non-optional
 * sub-tasks are now all done, in the same edit set. Optional sub-tasks never close a parent: a
 * parent whose sub-tasks are all optional is a task of its own (see next-task.ts). A task marked
 * done takes the file's own done marker: `[X]` where the file writes done tasks so.
 */
export function setTaskStatus(text: string, id: string, status: TaskStatus, options: EditOptions = {}): EditResult {
  const doc = new Doc(text, options);
  const task = doc.task(id);
  const next = new Map<Task, TaskStatus>([[task, status]]);
  const statusOf = (t: Task) => next.get(t) ?? t.status;
  if (status === 'done') {
    for (let parent = doc.parent(task); parent; parent = doc.parent(parent)) {
      const required = parent.children.filter((c) => !c.optional);
      const complete = required.length > 0 && required.every((c) => statusOf(c) === 'done');
      if (complete && parent.status !== 'done') next.set(parent, 'done');
    }
  }
  const done = doneMark(doc);
  const edits: TextEdit[] = [];
  for (const [t, s] of next)
    if (t.status !== s) edits.push({ offset: t.marker.start, length: 1, newText: s === 'done' ? done : MARK[s] });
  return result(text, edits);
}

/** `X` when most done tasks of the file are written `[X]`, else `x`. */
function doneMark(doc: Doc): string {
  let upper = 0;
  let lower = 0;
  for (const t of flattenTasks(doc.tasks)) {
    if (t.status !== 'done') continue;
    if (doc.text[t.marker.start] === 'X') upper++;
    else lower++;
  }
  return upper > lower ? 'X' : 'x';
}

export function renameTask(text: string, id: string, title: string, options: EditOptions = {}): EditResult {
  const doc = new Doc(text, options);
  const task = doc.task(id);
  const clean = title.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (!clean) throw new TaskEditError('A task needs a title.');
  const { start, end } = task.titleSpan;
  const needsSpace = start === end && !/[ \t]/.test(text[start - 1] ?? ' ');
  return result(text, [{ offset: start, length: end - start, newText: (needsSpace ? ' ' : '') + clean }]);
}

export type AddPlace = { after: string } | { into: string } | { atEnd: true };

export interface AddOptions extends EditOptions {
  optional?: boolean;
  /** Written as a `_Requirements: …_` detail line under the new task. */
  requirements?: string[];
}

function bumpLast(id: string, by = 1): string {
  const parts = id.split('.');
  parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + by);
  return parts.join('.');
}

/** Edits renumbering the numbered siblings from index `from` on (and their sub-tasks) by +1. */
function shiftNumbers(doc: Doc, siblings: Task[], from: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const sibling of siblings.slice(from)) {
    if (sibling.derivedId) continue;
    const shifted = bumpLast(sibling.id);
    for (const t of flattenTasks([sibling])) {
      const span = doc.numberSpan(t);
      if (span && (t.id === sibling.id || t.id.startsWith(sibling.id + '.')))
        edits.push({
          offset: span.start,
          length: span.end - span.start,
          newText: shifted + t.id.slice(sibling.id.length),
        });
    }
  }
  return edits;
}

/** Adds a task after another (as its sibling), as the last sub-task of another, or at the end. */
export function addTask(text: string, title: string, place: AddPlace, options: AddOptions = {}): EditResult {
  const doc = new Doc(text, options);
  const clean = title.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (!clean) throw new TaskEditError('A task needs a title.');
  let anchor: Task | null;
  let indent: string;
  let bullet: string;
  let number: string | null;
  let dot = false;
  let sep: string = doc.eol;
  let shifts: TextEdit[] = [];
  if ('into' in place && doc.task(place.into).children.length === 0) {
    const parent = doc.task(place.into);
    anchor = parent;
    indent = doc.childIndent(parent);
    bullet = text[parent.span.start];
    number = parent.derivedId ? null : `${parent.id}.1`;
  } else {
    const parent = 'into' in place ? doc.task(place.into) : null;
    anchor =
      'after' in place
        ? doc.task(place.after)
        : parent
          ? parent.children[parent.children.length - 1]
          : (doc.tasks[doc.tasks.length - 1] ?? null);
    if (!anchor) return appendFirst(doc, clean, options);
    indent = doc.indent(anchor);
    bullet = text[anchor.span.start];
    const span = doc.numberSpan(anchor);
    number = span ? bumpLast(anchor.id) : null;
    dot = span?.dot ?? false;
    sep = doc.separator(anchor);
    const siblings = doc.siblings(anchor);
    if (number && siblings.some((s) => s.id === number))
      shifts = shiftNumbers(doc, siblings, siblings.indexOf(anchor) + 1);
  }
  const lines = [
    `${indent}${bullet} [ ]${options.optional ? '*' : ''} ${number ? `${number}${dot ? '.' : ''} ` : ''}${clean}`,
  ];
  if (options.requirements?.length) lines.push(`${indent}  - _Requirements: ${options.requirements.join(', ')}_`);
  const insert: TextEdit = { offset: doc.blockEnd(anchor), length: 0, newText: sep + lines.join(doc.eol) };
  const added = number ?? derivedIdAfterInsert(text, [insert, ...shifts], clean);
  return result(text, [insert, ...shifts], added);
}

/** The first task of a file with none: appended after the existing text, spaced by a blank line. */
function appendFirst(doc: Doc, title: string, options: AddOptions): EditResult {
  const { text, eol } = doc;
  const lines = [`- [ ]${options.optional ? '*' : ''} 1. ${title}`];
  if (options.requirements?.length) lines.push(`  - _Requirements: ${options.requirements.join(', ')}_`);
  const endsWithEol = text.endsWith('\n');
  const prefix = text.length === 0 ? '' : endsWithEol ? (/\n[ \t]*\r?\n$/.test(text) ? '' : eol) : eol + eol;
  return result(
    text,
    [{ offset: text.length, length: 0, newText: prefix + lines.join(eol) + (endsWithEol ? eol : '') }],
    '1',
  );
}

/** For unnumbered tasks the id depends on position, so read it back from the new text. */
function derivedIdAfterInsert(text: string, edits: TextEdit[], title: string): string | undefined {
  const after = applyEdits(text, edits);
  const offset = edits[0].offset + edits[0].newText.lastIndexOf(title);
  return flattenTasks(parseTasks(after, '').tasks).find((t) => t.titleSpan.start === offset)?.id;
}

/** Deletes a task with its sub-tasks. */
export function deleteTask(text: string, id: string, options: EditOptions = {}): EditResult {
  const doc = new Doc(text, options);
  const { start, end } = doc.removal(doc.task(id));
  return result(text, [{ offset: start, length: end - start, newText: '' }]);
}

export type MovePlace = { before: string } | { after: string } | { into: string };

/** Moves a task (with its sub-tasks) before or after another, or to the end of another's sub-tasks. */
export function moveTask(text: string, id: string, place: MovePlace, options: EditOptions = {}): EditResult {
  const doc = new Doc(text, options);
  const task = doc.task(id);
  const target = doc.task('before' in place ? place.before : 'after' in place ? place.after : place.into);
  if (inSubtree(task, target))
    throw new TaskEditError(`Task ${id} cannot be moved relative to itself or its own sub-tasks.`);
  const newParent = 'into' in place ? target : doc.parent(target);
  const removal = doc.removal(task);
  const blockStart = lineStartAt(text, task.span.start);
  let block = text.slice(blockStart, lineEndWithEol(text, doc.blockEnd(task)));
  if (!block.endsWith('\n')) block += doc.eol;

  let movedId = task.id;
  const numberEdits: TextEdit[] = [];
  if (newParent !== doc.parent(task) && !task.derivedId && (newParent === null || !newParent.derivedId)) {
    const siblings = (newParent?.children ?? doc.tasks).filter((s) => s !== task && !s.derivedId);
    const last = Math.max(0, ...siblings.map((s) => Number(s.id.split('.').pop())));
    movedId = newParent ? `${newParent.id}.${last + 1}` : String(last + 1);
    // The moved task's own number takes its new siblings' style (`3.` at the top, `1.2` below).
    const styled = siblings.map((s) => doc.numberSpan(s)).find((span) => span);
    const dot = styled ? styled.dot : newParent === null;
    for (const t of flattenTasks([task])) {
      const span = doc.numberSpan(t);
      if (!span || !(t === task || t.id.startsWith(task.id + '.'))) continue;
      const own = t === task;
      const length = span.end - span.start + (own && span.dot ? 1 : 0);
      numberEdits.push({
        offset: span.start - blockStart,
        length,
        newText: movedId + t.id.slice(task.id.length) + (own && dot ? '.' : ''),
      });
    }
  }
  block = applyEdits(block, numberEdits);

  const fromIndent = doc.indent(task);
  const others = target.children.filter((c) => c !== task);
  const toIndent =
    'into' in place ? (others.length ? doc.indent(others[0]) : doc.childIndent(target)) : doc.indent(target);
  if (fromIndent !== toIndent)
    block = block.replace(/^.*$/gm, (line) =>
      line.startsWith(fromIndent) && line.trim() ? toIndent + line.slice(fromIndent.length) : line,
    );

  // Remove first, then insert into the text as it is without the task: the target's position and
  // spacing are then read from what the reader will actually see. The two steps collapse into
  // one minimal edit.
  const removed = text.slice(0, removal.start) + text.slice(removal.end);
  const rest = new Doc(removed, {});
  const at = rest.task(target.id);
  const body = block.slice(0, block.length - (block.endsWith('\r\n') ? 2 : 1));
  let insert: TextEdit;
  if ('before' in place) {
    const extra = rest.separator(at).length > rest.eol.length ? rest.eol : '';
    insert = { offset: lineStartAt(removed, at.span.start), length: 0, newText: block + extra };
  } else {
    const anchor = 'into' in place && at.children.length ? at.children[at.children.length - 1] : at;
    const sep = anchor === at && 'into' in place ? rest.eol : rest.separator(anchor);
    insert = { offset: rest.blockEnd(at), length: 0, newText: sep + body };
  }
  const moved = applyEdits(removed, [insert]);
  return moved === text
    ? { edits: [], text, taskId: task.id }
    : { edits: [diff(text, moved)], text: moved, taskId: movedId };
}

/** One edit turning before into after: their common prefix and suffix stay untouched. */
function diff(before: string, after: string): TextEdit {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  return {
    offset: prefix,
    length: before.length - prefix - suffix,
    newText: after.slice(prefix, after.length - suffix),
  };
}
