// The argument every task command takes. Commands are reached from the Specs tree (which passes
// its node), from CodeLens and from other extensions or tests (which pass a TaskRef).
import type { SpecsNode } from './specs-tree';

export interface TaskRef {
  /** Absolute path of the spec folder: spec names can repeat across workspace folders. */
  specDir: string;
  taskId: string;
}

export function toTaskRef(arg: unknown): TaskRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as Partial<SpecsNode> & Partial<TaskRef>;
  if (node.kind === 'task' && node.task && node.spec) return { specDir: node.spec.dir, taskId: node.task.id };
  if (typeof node.specDir === 'string' && typeof node.taskId === 'string')
    return { specDir: node.specDir, taskId: node.taskId };
  return undefined;
}
