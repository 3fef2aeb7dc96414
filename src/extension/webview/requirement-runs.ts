// Which runs touched which requirement of a spec: a run on one of the spec's tasks whose edits or
// decisions cited a requirement or one of its criteria (`2.3` counts for requirement 2).
import type { TraceEvent } from '../../core/trace';
import type { RequirementRun } from '../../protocol';

export function requirementRuns(traces: TraceEvent[][], spec: string): Record<string, RequirementRun[]> {
  const byRequirement: Record<string, RequirementRun[]> = {};
  for (const events of traces) {
    const start = events.find((e) => e.type === 'run-start');
    if (start?.type !== 'run-start' || start.task.spec !== spec) continue;
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
