// Questions about the flat task rows that the list and the traceability view ask: siblings for
// moving up and down, subtrees for dropping, and which tasks cover which requirement.
import type { RequirementRow, TaskRow } from '../../../src/protocol';

export function siblingsOf(rows: TaskRow[], row: TaskRow): TaskRow[] {
  return rows.filter((r) => r.parent === row.parent);
}

/** True when `id` is `root` or one of its sub-tasks. */
export function inSubtree(rows: TaskRow[], root: string, id: string): boolean {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (let row = byId.get(id); row; row = row.parent === null ? undefined : byId.get(row.parent)) {
    if (row.id === root) return true;
  }
  return false;
}

/** Does a task citing `ref` (`2` or `2.3`) cover requirement `requirementId`? */
export function citesRequirement(ref: string, requirementId: string): boolean {
  return ref === requirementId || ref.startsWith(requirementId + '.');
}

export function requirementOf(ref: string): string {
  return ref.split('.')[0];
}

export interface Coverage {
  requirement: RequirementRow;
  tasks: TaskRow[];
}

export function coverage(
  requirements: RequirementRow[],
  rows: TaskRow[],
): { covered: Coverage[]; unknownRefs: Array<{ task: TaskRow; ref: string }> } {
  const covered = requirements.map((requirement) => ({
    requirement,
    tasks: rows.filter((row) => row.requirements.some((ref) => citesRequirement(ref, requirement.id))),
  }));
  const known = new Set(requirements.map((r) => r.id));
  const unknownRefs = rows.flatMap((task) =>
    task.requirements.filter((ref) => !known.has(requirementOf(ref))).map((ref) => ({ task, ref })),
  );
  return { covered, unknownRefs };
}
