// The `workflow:<dir>` stream: the phase bar's state (phases, approvals, staleness, health, the
// authoring run at work), computed again whenever the workspace model changes (a document typed
// or written, an approval recorded) or an authoring run of the spec moves on. A delta carries the
// top-level fields that changed; recomputations run one after another so they arrive in order.
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { draftBlocker, specHealth, workflowState } from '../../core/specs/workflow';
import type { WorkflowView } from '../../protocol';
import { editorText } from '../authoring/authoring-commands';
import type { AuthoringRuns } from '../authoring/authoring-runs';
import type { WorkspaceModel } from '../workspace-model';
import type { StreamSource } from './streams';

export function workflowSource(model: WorkspaceModel, authoring: AuthoringRuns): StreamSource<'workflow'> {
  return {
    async open(dir, push) {
      let disposed = false;
      let opened = false;
      let missed = false;
      let last: WorkflowView | null = null;
      let chain = Promise.resolve();
      const refresh = () => {
        if (!opened) return void (missed = true);
        chain = chain
          .then(async () => {
            if (disposed) return;
            const next = await workflowView(model, authoring, dir);
            if (disposed) return;
            const delta = changedFields(last, next);
            last = next;
            if (delta) push(delta);
          })
          .catch(() => undefined);
      };
      // An open document's buffer is what the phases are judged on: one reloaded from a change on
      // disk after the model already read the disk changes nothing there, but it does here.
      const inSpec = (uri: vscode.Uri) => uri.scheme === 'file' && dirname(uri.fsPath) === dir;
      const listeners = [
        model.onDidChange(refresh),
        authoring.onDidChange((d) => d === dir && refresh()),
        vscode.workspace.onDidChangeTextDocument((e) => inSpec(e.document.uri) && refresh()),
      ];
      last = await workflowView(model, authoring, dir);
      opened = true;
      // What changed while the snapshot was computed follows it as a delta.
      if (missed) queueMicrotask(refresh);
      return {
        snapshot: last,
        dispose: () => {
          disposed = true;
          listeners.forEach((l) => l.dispose());
        },
      };
    },
  };
}

/** The spec's workflow as the phase bar shows it; null when the folder is no spec (any more). */
export async function workflowView(
  model: WorkspaceModel,
  authoring: AuthoringRuns,
  specDir: string,
): Promise<WorkflowView | null> {
  const spec = model.specByDir(specDir);
  if (!spec) return null;
  const state = await workflowState(specDir, editorText);
  return {
    type: state.type,
    workflow: state.workflow,
    phases: state.phases.map((p) => ({
      phase: p.phase,
      path: p.path,
      exists: p.exists,
      approved: p.approved,
      stale: p.stale,
      approvedAt: p.approvedAt,
      approvedBy: p.approvedBy,
      blockedBy: draftBlocker(state, p.phase)?.reason ?? null,
    })),
    next: state.next,
    tracked: state.tracked,
    health: specHealth(spec),
    drafting: authoring.get(specDir),
  };
}

/** The top-level fields of `next` that differ from `last`; null when none do. */
function changedFields(
  last: WorkflowView | null,
  next: WorkflowView | null,
): (Partial<WorkflowView> & { gone?: true }) | null {
  if (!next) return last ? { gone: true } : null;
  if (!last) return next;
  const delta: Partial<WorkflowView> = {};
  for (const key of Object.keys(next) as Array<keyof WorkflowView>)
    if (JSON.stringify(last[key]) !== JSON.stringify(next[key])) Object.assign(delta, { [key]: next[key] });
  return Object.keys(delta).length ? delta : null;
}
