// What a spec's runs cost: the workspace folders' traces added up for the spec (by folder, since
// names repeat), in total and per task, for the spec view's header and task rows.
import * as vscode from 'vscode';
import { isAbsolute, relative, sep } from 'node:path';
import { addUsage, costOf, NO_USAGE, workspaceUsage, type Pricing, type RunUsage } from '../../core/trace';
import type { SpecUsage, UsageTotals } from '../../protocol';
import { readPricing } from '../agent/agent-settings';
import type { Handlers } from './handler-types';

export const usageHandlers: Pick<Handlers, 'spec.usage'> = {
  'spec.usage': async ({ specDir }) => {
    const usage: SpecUsage = { total: { ...NO_USAGE, cost: 0 }, tasks: {} };
    const pricing = readPricing();
    for (const root of (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)) {
      const dir = relative(root, specDir);
      if (dir.startsWith('..') || isAbsolute(dir)) continue;
      const key = dir.split(sep).join('/');
      for (const run of await workspaceUsage(root)) {
        if (run.specDir !== key) continue;
        usage.total = priced(usage.total, run, pricing);
        usage.tasks[run.taskId] = priced(usage.tasks[run.taskId] ?? { ...NO_USAGE, cost: 0 }, run, pricing);
      }
    }
    if (!usage.total.runs) delete usage.total.cost;
    return usage;
  },
};

/** Adds a run; the money stays only while every run added so far had a price. */
function priced(total: UsageTotals, run: RunUsage, pricing: Pricing): UsageTotals {
  const cost = costOf(run.usage, run.model, pricing);
  const next: UsageTotals = addUsage(total, run.usage);
  if (total.cost !== undefined && cost !== undefined) next.cost = total.cost + cost;
  return next;
}
