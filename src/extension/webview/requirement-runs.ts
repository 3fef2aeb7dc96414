// Which runs touched which requirement of a spec: a run on one of the spec's tasks whose edits or
// decisions cited a requirement or one of its criteria (`2.3` counts for requirement 2). The spec
// is matched by its folder; only traces older than folder identity fall back to the name.
import type { TaskRef, TraceEvent } from '../../core/trace';
import type { RequirementRun } from '../../protocol';

export interface SpecKey {
  /** Workspace-relative folder with `/`, as traces record it. */
  dir: string;
  name: string;
}

export function requirementRuns(
  traces: TraceEvent[][],
  spec: SpecKey,
  byRequirement: Record<string, RequirementRun[]> = {},
): Record<string, RequirementRun[]> {
  for (const events of traces) {
    const start = events.find((e) => e.type === 'run-start');
    if (start?.type !== 'run-start' || !isSpec(start.task, spec)) continue;
    const counts = new Map<string, { edits: number; decisions: number }>();
    for (const event of events) {
      if (event.type !== 'edit' && event.type !== 'decision') continue;
      for (const id of new Set(event.requirements.map((r) => r.split('.')[0]))) {
        const count = counts.get(id) ?? { edits: 0, decisions: 0 };
        if (event.type === 'edit') count.edits++;
        else count.decisions++;
        counts.set(id, count);
      }
    }
    for (const [id, count] of counts) {
      (byRequirement[id] ??= []).push({
        runId: start.runId,
        title: `${start.task.id} ${start.task.title}`.trim(),
        started: Date.parse(start.time),
        ...count,
      });
    }
  }
  return byRequirement;
}

function isSpec(task: TaskRef, spec: SpecKey): boolean {
  return task.specDir ? task.specDir === spec.dir : task.spec === spec.name;
}
