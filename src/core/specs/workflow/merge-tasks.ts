// "Update tasks": the agent proposes a revised plan; this merges it into the current tasks.md so
// no work is lost. The proposal gives the structure, order, titles and requirement citations.
// A current task that survives (same title, else same written id) keeps:
//   - its status marker ([x], [-], [~], [ ]) exactly;
//   - every detail line of its own that the proposal does not have, byte-for-byte, after the
//     proposal's detail lines (a `_Requirements:_` line is the plan's and follows the proposal).
// A proposed task with no match is added as proposed. A current task with no match is "removed":
// it is listed, and dropped only when the caller confirms it (`drop`); every removed task not
// confirmed is kept, title and own lines as they were, under a closing "Not in the revised plan"
// heading, so a done task or a hand-written note never vanishes unseen.
import type { Task, TaskStatus } from '../model';
import { applyEdits, type TextEdit } from '../edits';
import { flattenTasks } from '../ids';
import { parseTasks } from '../parse-tasks';
import { parseRequirementRefs } from '../refs';
import { detectEol, lineContentEnd, lineEndWithEol, lineStartAt } from '../text';

export interface MergedTask {
  id: string;
  title: string;
}

export interface TaskMerge {
  text: string;
  /** Surviving tasks: `id` in the merged plan, `was` the id in the current one. */
  kept: (MergedTask & { was: string; status: TaskStatus })[];
  added: MergedTask[];
  /** Current tasks the proposal no longer has, whether dropped or kept at the end. */
  removed: (MergedTask & { status: TaskStatus; dropped: boolean })[];
}

export const KEPT_HEADING = 'Not in the revised plan';

interface OwnLine {
  /** The line's text, without its line ending. */
  raw: string;
  end: number;
}

/** The task's own lines (not its title, not its sub-tasks' lines), with their end offsets. */
function ownLines(text: string, task: Task): OwnLine[] {
  const lines: OwnLine[] = [];
  const first = lineEndWithEol(text, task.span.start);
  const kids = task.children
    .map((c) => ({ start: lineStartAt(text, c.span.start), end: c.span.end }))
    .sort((a, b) => a.start - b.start);
  let at = first;
  while (at < task.span.end) {
    const child = kids.find((k) => k.start <= at && at < k.end);
    if (child) {
      at = lineEndWithEol(text, Math.max(at, child.end - 1));
      continue;
    }
    const end = lineContentEnd(text, at);
    lines.push({ raw: text.slice(at, end), end });
    at = lineEndWithEol(text, at);
    if (at === end) break;
  }
  return lines;
}

const norm = (title: string) =>
  title
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.:;,!]+$/, '')
    .trim();

const isCitation = (line: string) => parseRequirementRefs(line.trim()).length > 0;

function match(current: Task[], proposed: Task[]): Map<Task, Task> {
  const pairs = new Map<Task, Task>();
  const taken = new Set<Task>();
  const byTitle = new Map<string, Task[]>();
  for (const c of current) byTitle.set(norm(c.title), [...(byTitle.get(norm(c.title)) ?? []), c]);
  for (const p of proposed) {
    const c = byTitle.get(norm(p.title))?.find((t) => !taken.has(t));
    if (c) {
      pairs.set(p, c);
      taken.add(c);
    }
  }
  const byId = new Map(current.filter((c) => !c.derivedId).map((c) => [c.id, c]));
  for (const p of proposed) {
    if (pairs.has(p) || p.derivedId) continue;
    const c = byId.get(p.id);
    if (c && !taken.has(c)) {
      pairs.set(p, c);
      taken.add(c);
    }
  }
  return pairs;
}

/**
 * Merges `proposed` (the agent's revised tasks.md) into `current`. `drop` holds the current ids of
 * removed tasks the person confirmed to remove; the rest are kept (see the file comment).
 */
export function mergeTasks(current: string, proposed: string, drop: ReadonlySet<string> = new Set()): TaskMerge {
  const eol = detectEol(current);
  const plan = proposed.replace(/\r\n/g, '\n').replace(/\n/g, eol);
  const currentTasks = flattenTasks(parseTasks(current, '').tasks);
  const planTasks = flattenTasks(parseTasks(plan, '').tasks);
  const pairs = match(currentTasks, planTasks);
  const edits: TextEdit[] = [];
  const kept: TaskMerge['kept'] = [];
  const added: MergedTask[] = [];
  for (const p of planTasks) {
    const c = pairs.get(p);
    if (!c) {
      added.push({ id: p.id, title: p.title });
      continue;
    }
    kept.push({ id: p.id, was: c.id, title: p.title, status: c.status });
    const marker = current.slice(c.marker.start, c.marker.end);
    if (plan.slice(p.marker.start, p.marker.end) !== marker)
      edits.push({ offset: p.marker.start, length: 1, newText: marker });
    const planOwn = ownLines(plan, p);
    const have = new Set(planOwn.map((l) => l.raw.trim()));
    const extra = ownLines(current, c).filter((l) => l.raw.trim() && !have.has(l.raw.trim()) && !isCitation(l.raw));
    if (!extra.length) continue;
    // After the proposal's last own line before its sub-tasks (its citation included), or its title.
    const firstChild = Math.min(...p.children.map((k) => lineStartAt(plan, k.span.start)), Infinity);
    const before = planOwn.filter((l) => l.raw.trim() && l.end < firstChild);
    const at = before.length ? before[before.length - 1].end : lineContentEnd(plan, p.span.start);
    edits.push({ offset: at, length: 0, newText: extra.map((l) => eol + l.raw).join('') });
  }
  const matched = new Set(pairs.values());
  const removed: TaskMerge['removed'] = [];
  const leftovers: string[] = [];
  for (const c of currentTasks) {
    if (matched.has(c)) continue;
    const dropped = drop.has(c.id);
    removed.push({ id: c.id, title: c.title, status: c.status, dropped });
    if (!dropped) leftovers.push(...keptBlock(current, c));
  }
  let text = applyEdits(plan, edits);
  if (leftovers.length) {
    const body = text.replace(/(\r?\n)*$/, '');
    text = [body, '', `## ${KEPT_HEADING}`, '', ...leftovers].join(eol) + eol;
  }
  return { text, kept, added, removed };
}

/** A removed task kept: its title line at the top level, its own lines under it, as written. */
function keptBlock(text: string, task: Task): string[] {
  const title = text.slice(task.span.start, lineContentEnd(text, task.span.start));
  const indent = (s: string) => /^[ \t]*/.exec(s)![0].length;
  const lines = ownLines(text, task).filter((l) => l.raw.trim());
  const cut = Math.min(...lines.map((l) => indent(l.raw)), Infinity);
  return [title.trimStart(), ...lines.map((l) => `  ${l.raw.slice(cut === Infinity ? 0 : cut)}`)];
}
