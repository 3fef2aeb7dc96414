// Requests of the spec view's phase bar: the workflow state with its health figures, and the
// buttons, which run the authoring commands (src/extension/authoring) so every gate is theirs.
import * as vscode from 'vscode';
import { draftBlocker, specHealth, workflowState } from '../../core/specs/workflow';
import type { PhaseAction, WorkflowView } from '../../protocol';
import { editorText } from '../authoring/authoring-commands';
import type { Handlers } from './handler-types';

type AuthoringHandlers = Pick<Handlers, 'spec.workflow' | 'spec.phase'>;

const COMMAND: Record<PhaseAction, string> = {
  draft: 'tiller.draftPhase',
  approve: 'tiller.approvePhase',
  refine: 'tiller.refinePhase',
  updateTasks: 'tiller.updateTasks',
};

export const authoringHandlers: AuthoringHandlers = {
  'spec.workflow': async ({ specDir }, { model }): Promise<WorkflowView> => {
    const state = await workflowState(specDir, editorText);
    const spec = model.specByDir(specDir);
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
      health: spec ? specHealth(spec) : null,
    };
  },
  'spec.phase': async ({ specDir, phase, action }) => {
    const run = vscode.commands.executeCommand(COMMAND[action], { specDir, phase });
    // Approving is quick and the bar shows its result; a draft runs on and streams in the follow log.
    if (action === 'approve') await run;
    else void Promise.resolve(run).catch(() => undefined);
    return null;
  },
};
