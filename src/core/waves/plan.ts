// The wave plan of a spec: its remaining required leaf tasks grouped so that every task of a wave
// has all its prerequisites (specs/depends.ts) done or in an earlier wave. A wave's tasks may run
// at the same time; wave k+1 starts only once wave k has finished and merged. Tasks that can never
// be scheduled (a cycle, an unknown reference, waiting on a task in progress, or on an optional
// task nobody runs) are listed as blocked with the reason, and nothing that waits on them runs.
import { dependencyCycles, taskDependencies } from '../specs/depends';
import type { Task } from '../specs';

export interface BlockedTask {
  id: string;
  /** The prerequisites that hold it back. */
  waitingOn: string[];
  reason: string;
}

export interface WavePlan {
  /** Task ids, wave by wave, each wave in document order. */
  waves: string[][];
  blocked: BlockedTask[];
}

export function planWaves(tasks: Task[]): WavePlan {
  const deps = taskDependencies(tasks);
  const byId = new Map(deps.leaves.map((t) => [t.id, t]));
  const inCycle = new Set(dependencyCycles(deps.prerequisites).flat());
  const unknownOf = new Map<string, string[]>();
  for (const { task, ref } of deps.unknown)
    for (const leaf of leavesUnder(task)) unknownOf.set(leaf.id, [...(unknownOf.get(leaf.id) ?? []), ref]);

  const wave = new Map<string, number>();
  const blocked = new Map<string, BlockedTask>();
  const pending = deps.leaves.filter((t) => t.status === 'todo' && deps.prerequisites.has(t.id));
  // Fixed point in document order: a task's wave is one past its latest pending prerequisite.
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const task of pending) {
      if (wave.has(task.id) || blocked.has(task.id)) continue;
      const verdict = place(task);
      if (verdict === null) continue;
      progressed = true;
      if (typeof verdict === 'number') wave.set(task.id, verdict);
      else blocked.set(task.id, verdict);
    }
  }
  for (const task of pending)
    if (!wave.has(task.id) && !blocked.has(task.id))
      blocked.set(task.id, { id: task.id, waitingOn: [], reason: 'waits on a blocked task' });

  const waves: string[][] = [];
  for (const task of pending) {
    const k = wave.get(task.id);
    if (k !== undefined) (waves[k] ??= []).push(task.id);
  }
  return {
    waves: waves.filter((w) => w !== undefined),
    blocked: pending.filter((t) => blocked.has(t.id)).map((t) => blocked.get(t.id) as BlockedTask),
  };

  /**
   * The prerequisites, where a done task reached by document order passes on its own document-order
   * prerequisites: a task ticked by hand out of turn must not let the task after it start beside the
   * one before it, in a spec with no markers that runs one task after the other. A `_Depends:_`
   * edge ends there: the person named exactly what it waits for.
   */
  function waitsFor(id: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const walk = (from: string): void => {
      if (deps.explicit.get(from)) {
        out.push(...(deps.prerequisites.get(from) ?? []));
        return;
      }
      for (const pre of deps.prerequisites.get(from) ?? []) {
        if (seen.has(pre)) continue;
        seen.add(pre);
        out.push(pre);
        if (byId.get(pre)?.status === 'done') walk(pre);
      }
    };
    walk(id);
    return [...new Set(out)];
  }

  /** A wave number, a reason it can never run, or null: not decidable yet. */
  function place(task: Task): number | BlockedTask | null {
    const block = (waitingOn: string[], reason: string): BlockedTask => ({ id: task.id, waitingOn, reason });
    const unknown = unknownOf.get(task.id);
    if (unknown) return block(unknown, `depends on ${unknown.join(', ')}, which tasks.md does not have`);
    if (inCycle.has(task.id)) return block([], 'is part of a dependency cycle');
    let at = 0;
    for (const id of waitsFor(task.id)) {
      const pre = byId.get(id);
      if (!pre || pre.status === 'done') continue;
      if (pre.status !== 'todo') return block([id], `waits on ${id}, which is ${pre.status}`);
      if (!deps.prerequisites.has(id)) return block([id], `waits on ${id}, an optional task that is not done`);
      if (blocked.has(id)) return block([id], `waits on ${id}, which is blocked`);
      const k = wave.get(id);
      if (k === undefined) return null;
      at = Math.max(at, k + 1);
    }
    return at;
  }
}

function leavesUnder(task: Task): Task[] {
  return task.children.length ? task.children.flatMap(leavesUnder) : [task];
}
