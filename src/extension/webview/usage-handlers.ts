// What a spec's runs cost: the workspace folders' traces added up for the spec (by folder, since
// names repeat), in total and per task, for the spec view's header and task rows.
import * as vscode from 'vscode';
import { isAbsolute, relative, sep } from 'node:path';
import { addUsage, NO_USAGE, workspaceUsage } from '../../core/trace';
import type { SpecUsage } from '../../protocol';
import type { Handlers } from './handler-types';

export const usageHandlers: Pick<Handlers, 'spec.usage'> = {
  'spec.usage': async ({ specDir }) => {
    const usage: SpecUsage = { total: NO_USAGE, tasks: {} };
    for (const root of (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)) {
      const dir = relative(root, specDir);
      if (dir.startsWith('..') || isAbsolute(dir)) continue;
      const key = dir.split(sep).join('/');
      for (const run of await workspaceUsage(root)) {
        if (run.specDir !== key) continue;
        usage.total = addUsage(usage.total, run.usage);
        usage.tasks[run.taskId] = addUsage(usage.tasks[run.taskId] ?? NO_USAGE, run.usage);
      }
    }
    return usage;
  },
};
