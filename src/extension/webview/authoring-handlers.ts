// Requests of the spec view's authoring parts: the workflow state with its health figures, the
// phase bar's buttons and the "New spec with the agent" form. They run the authoring commands
// (src/extension/authoring), so every gate is theirs.
import * as vscode from 'vscode';
import type { PhaseAction } from '../../protocol';
import { createSpec, newSpecNameProblem } from '../authoring/authoring-commands';
import type { Handlers } from './handler-types';
import { workflowView } from './workflow-source';

type AuthoringHandlers = Pick<Handlers, 'spec.workflow' | 'spec.phase' | 'spec.nameProblem' | 'spec.create'>;

const COMMAND: Record<PhaseAction, string> = {
  draft: 'tiller.draftPhase',
  approve: 'tiller.approvePhase',
  refine: 'tiller.refinePhase',
  updateTasks: 'tiller.updateTasks',
};

export const authoringHandlers: AuthoringHandlers = {
  'spec.workflow': async ({ specDir }, { model, authoring }) => {
    const view = await workflowView(model, authoring, specDir);
    if (!view) throw new Error('This spec no longer exists.');
    return view;
  },
  'spec.phase': async ({ specDir, phase, action, feedback }) => {
    const args = action === 'refine' ? { specDir, phase, feedback } : { specDir, phase };
    const run = vscode.commands.executeCommand(COMMAND[action], args);
    // Approving is quick and the bar shows its result; a draft runs on and streams in the view.
    if (action === 'approve') await run;
    else void Promise.resolve(run).catch(() => undefined);
    return null;
  },
  'spec.nameProblem': async ({ name }) => ({ problem: await newSpecNameProblem(name) }),
  'spec.create': async (request, { model, view }) => {
    const { dir, first } = await createSpec(model, request);
    // The sidebar's form shows the new spec in its place; a tab's opens the new spec in a tab of its own.
    await vscode.commands.executeCommand(view === 'sidebar' ? 'tiller.showSpecInSidebar' : 'tiller.openSpec', dir);
    void Promise.resolve(
      vscode.commands.executeCommand('tiller.draftPhase', { specDir: dir, phase: first, idea: request.idea }),
    ).catch(() => undefined);
    return { specDir: dir };
  },
};
