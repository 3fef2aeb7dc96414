// A spec's workflow as Kiro writes it in `.config.kiro`: `specType` (feature | bugfix) and
// `workflowType` (requirements-first | design-first). The workflow fixes the order of the phases;
// each phase is one document of the spec folder.
import type { SpecConfig, SpecType } from '../model';

export type WorkflowType = 'requirements-first' | 'design-first';
export type PhaseName = 'requirements' | 'bugfix' | 'design' | 'tasks';

export const WORKFLOW_TYPES: readonly WorkflowType[] = ['requirements-first', 'design-first'];
export const SPEC_TYPES: readonly SpecType[] = ['feature', 'bugfix'];

export const PHASE_FILE: Readonly<Record<PhaseName, string>> = {
  requirements: 'requirements.md',
  bugfix: 'bugfix.md',
  design: 'design.md',
  tasks: 'tasks.md',
};

export interface Workflow {
  type: SpecType;
  workflow: WorkflowType;
  /** In the order they are drafted and approved. */
  phases: PhaseName[];
}

export function phasesOf(type: SpecType, workflow: WorkflowType): PhaseName[] {
  if (type === 'bugfix') return ['bugfix', 'design', 'tasks'];
  return workflow === 'design-first' ? ['design', 'requirements', 'tasks'] : ['requirements', 'design', 'tasks'];
}

/**
 * The workflow a spec follows. Missing or unknown values fall back to what Kiro assumes: a feature
 * spec, requirements first; a folder holding bugfix.md is a bugfix spec.
 */
export function workflowOf(config: SpecConfig | null, hasBugfixDoc = false): Workflow {
  const type: SpecType =
    config?.specType === 'bugfix' || (config?.specType === undefined && hasBugfixDoc) ? 'bugfix' : 'feature';
  const workflow: WorkflowType = config?.workflowType === 'design-first' ? 'design-first' : 'requirements-first';
  return { type, workflow, phases: phasesOf(type, workflow) };
}

export function isPhaseName(value: string): value is PhaseName {
  return Object.hasOwn(PHASE_FILE, value);
}
