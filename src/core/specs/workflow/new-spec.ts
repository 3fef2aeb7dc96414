// The `.config.kiro` of a spec created by Tiller, in the shape Kiro writes.
import { randomUUID } from 'node:crypto';
import type { SpecType } from '../model';
import type { WorkflowType } from './phases';

export function newSpecConfig(specType: SpecType, workflowType: WorkflowType): string {
  return `${JSON.stringify({ specId: randomUUID(), workflowType, specType })}\n`;
}
