// Spec authoring in VS Code: new spec with the agent, draft, approve, refine, update tasks and
// generate steering. Every gate is the core's (src/core/specs/workflow); runs go through the run
// service, so drafts have the same model, policy, trace and follow log as task runs. Refinements,
// the merged task plan and generated steering are shown in the diff editor before they count.
// Each command takes an argument object so the spec view, tests and other extensions can skip
// the pickers and input boxes.
import * as vscode from 'vscode';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DraftBlockedError, draftPhase, specDir as specFolder, type DraftResult } from '../../core/agent/draft';
import { draftSteering, FOUNDATION_FILES, type SteeringDraft } from '../../core/agent/steering-draft';
import { updateTasks, type UpdateTasksResult } from '../../core/agent/update-tasks';
import { writeFileAtomically, type SpecType } from '../../core/specs';
import {
  draftBlocker,
  mergeTasks,
  newSpecConfig,
  phaseOf,
  PHASE_FILE,
  recordApproval,
  withdrawApproval,
  workflowState,
  WorkflowError,
  type PhaseName,
  type ReadText,
  type TaskMerge,
  type WorkflowState,
  type WorkflowType,
} from '../../core/specs/workflow';
import { kebabNameProblem } from '../../core/templates/spec-templates';
import { unifiedDiff } from '../../core/trace';
import { workspacePath } from '../../core/workspace';
import type { RunService } from '../agent/runs';
import { exists } from '../uri-exists';
import type { WorkspaceModel } from '../workspace-model';
import { editorFiles } from '../agent/workspace-files';
import type { AuthoringRun, AuthoringRuns } from './authoring-runs';
import { whoApproves } from './who';

export interface PhaseArgs {
  specDir?: string;
  phase?: PhaseName;
}

export function registerAuthoringCommands(
  model: WorkspaceModel,
  runs: RunService,
  tracker: AuthoringRuns,
): vscode.Disposable {
  const a = new Authoring(model, runs, tracker);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tiller.newSpecWithAgent', (arg?: NewSpecArgs) => guard(() => a.newSpec(arg))),
    vscode.commands.registerCommand('tiller.approvePhase', (arg?: PhaseArgs) => guard(() => a.approve(arg))),
    vscode.commands.registerCommand('tiller.draftPhase', (arg?: PhaseArgs & { idea?: string }) =>
      guard(() => a.draft(arg, {})),
    ),
    vscode.commands.registerCommand('tiller.refinePhase', (arg?: PhaseArgs & { feedback?: string }) =>
      guard(() => a.refine(arg)),
    ),
    vscode.commands.registerCommand('tiller.updateTasks', (arg?: { specDir?: string; remove?: string[] }) =>
      guard(() => a.updateTasks(arg)),
    ),
    vscode.commands.registerCommand('tiller.generateSteering', () => guard(() => a.generateSteering())),
    vscode.commands.registerCommand('tiller.specWorkflow', (specDir: string) => workflowState(specDir, editorText)),
  );
}

/** A refused gate or a workflow problem is a message, not an error notification from VS Code. */
async function guard<T>(body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof DraftBlockedError || err instanceof WorkflowError) {
      void vscode.window.showWarningMessage(`Tiller: ${err.message}.`);
      return undefined;
    }
    throw err;
  }
}

const openDocument = (path: string) =>
  vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);

/** The text of a spec file as the person sees it: an open editor's buffer, else the disk. */
export const editorText: ReadText = async (path) => {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
  } catch {
    return null;
  }
};

interface NewSpecArgs {
  name?: string;
  idea?: string;
  type?: SpecType;
  workflow?: WorkflowType;
}

/** Why `name` cannot be a new spec of the first workspace folder; null when it can. */
export async function newSpecNameProblem(name: string): Promise<string | null> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return 'open a folder first; specs live in its .kiro folder';
  const problem = kebabNameProblem(name);
  if (problem) return problem;
  return (await exists(vscode.Uri.file(specFolder(folder.uri.fsPath, name))))
    ? `a spec named ${name} already exists`
    : null;
}

/** Creates `.kiro/specs/NAME/` with its `.config.kiro`; the first phase is drafted next. */
export async function createSpec(
  model: WorkspaceModel,
  request: { name: string; idea: string; type: SpecType; workflow: WorkflowType },
): Promise<{ dir: string; first: PhaseName }> {
  const problem = await newSpecNameProblem(request.name);
  if (problem) throw new WorkflowError(problem);
  if (!request.idea.trim()) throw new WorkflowError('describe the idea the spec is drafted from');
  const dir = specFolder(vscode.workspace.workspaceFolders![0].uri.fsPath, request.name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.config.kiro'), newSpecConfig(request.type, request.workflow));
  await model.reload();
  return { dir, first: (await workflowState(dir)).phases[0].phase };
}

class Authoring {
  constructor(
    private readonly model: WorkspaceModel,
    private readonly runs: RunService,
    private readonly tracker: AuthoringRuns,
  ) {}

  /**
   * With every field given (the spec view's form, tests, other extensions): creates the spec and
   * drafts its first phase. Without: opens the form in the spec view.
   */
  async newSpec(arg: NewSpecArgs = {}): Promise<DraftResult | undefined> {
    const { name, idea, type, workflow } = arg;
    if (!name || !idea?.trim() || !type) {
      await vscode.commands.executeCommand('tiller.openNewSpecForm');
      return undefined;
    }
    const created = await createSpec(this.model, { name, idea, type, workflow: workflow ?? 'requirements-first' });
    return this.draft({ specDir: created.dir, phase: created.first }, { idea });
  }

  async approve(arg: PhaseArgs = {}): Promise<WorkflowState | undefined> {
    const target = await this.pickPhase(arg, 'Approve', (s) =>
      s.phases.find((p) => p.exists && (!p.approved || p.stale)),
    );
    if (!target) return undefined;
    const { state, phase } = target;
    const p = phaseOf(state, phase);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === p.path);
    // What is approved is what is on disk, where the team sees it.
    if (open?.isDirty) await open.save();
    const text = await editorText(p.path);
    if (text === null) {
      void vscode.window.showWarningMessage(`Tiller: ${PHASE_FILE[phase]} does not exist; draft it first.`);
      return undefined;
    }
    await recordApproval(state.dir, state.spec, phase, text, whoApproves());
    await this.model.reload();
    return workflowState(state.dir, editorText);
  }

  async draft(arg: PhaseArgs & { idea?: string } = {}, input: { idea?: string }): Promise<DraftResult | undefined> {
    const target = await this.pickPhase(arg, 'Draft', (s) => s.phases.find((p) => !p.exists || !p.approved || p.stale));
    if (!target) return undefined;
    const { state, phase } = target;
    const blocker = draftBlocker(state, phase);
    if (blocker) throw new DraftBlockedError(phase, blocker);
    const root = this.rootOf(state.dir);
    let idea = input.idea ?? arg.idea;
    const first = state.phases[0].phase === phase && !phaseOf(state, phase).exists;
    if (first && !idea) {
      idea = await vscode.window.showInputBox({
        title: `Draft ${PHASE_FILE[phase]}`,
        prompt: 'What the spec is for (the idea the first document is drafted from)',
      });
      if (!idea?.trim()) return undefined;
    }
    let draft: DraftResult | undefined;
    const tracked = this.tracker.begin(state.dir, { phase, action: 'draft' });
    try {
      await this.runs.runCustom(
        { spec: state.spec, specDir: state.dir, title: `Draft ${workspacePath(root, phaseOf(state, phase).path)}` },
        async (common) => {
          tracked.started(common.runId);
          draft = await draftPhase({ ...common, workspaceRoot: root, spec: state.spec, phase, idea, read: editorText });
          return draft.run;
        },
      );
    } finally {
      tracked.end();
    }
    await this.model.reload();
    if (draft?.status === 'drafted')
      await vscode.window.showTextDocument(vscode.Uri.file(draft.file), { preview: false });
    else if (draft) void vscode.window.showWarningMessage(`Tiller: ${draft.reason}.`);
    return draft;
  }

  async refine(arg: PhaseArgs & { feedback?: string } = {}): Promise<DraftResult | undefined> {
    const target = await this.pickPhase(arg, 'Refine', (s) => s.phases.filter((p) => p.exists).at(-1));
    if (!target) return undefined;
    const p = phaseOf(target.state, target.phase);
    if (!p.exists) {
      void vscode.window.showWarningMessage(`Tiller: ${PHASE_FILE[target.phase]} does not exist yet; draft it first.`);
      return undefined;
    }
    const feedback =
      arg.feedback ??
      (await vscode.window.showInputBox({
        title: `Refine ${PHASE_FILE[target.phase]}`,
        prompt: 'What should change? The new draft is shown as a diff to accept.',
      }));
    if (!feedback?.trim()) return undefined;
    return this.propose(target.state, target.phase, feedback.trim());
  }

  /**
   * A refinement: the new draft is staged in memory, then shown whole in the diff editor; only
   * Accept writes it (through the editor, so Undo works) and withdraws the phase's approval.
   */
  private async propose(state: WorkflowState, phase: PhaseName, feedback: string): Promise<DraftResult | undefined> {
    const blocker = draftBlocker(state, phase);
    if (blocker) throw new DraftBlockedError(phase, blocker);
    const root = this.rootOf(state.dir);
    const file = phaseOf(state, phase).path;
    const rel = workspacePath(root, file);
    const tracked = this.tracker.begin(state.dir, { phase, action: 'refine' });
    try {
      let draft: DraftResult | undefined;
      const run = await this.runs.runCustom(
        { spec: state.spec, specDir: state.dir, title: `Refine ${rel}` },
        async (common) => {
          tracked.started(common.runId);
          draft = await draftPhase({
            ...common,
            workspaceRoot: root,
            spec: state.spec,
            phase,
            feedback,
            read: editorText,
            propose: true,
          });
          return draft.run;
        },
      );
      if (!run || !draft) return undefined;
      if (draft.status !== 'proposed' || !draft.proposal) {
        void vscode.window.showWarningMessage(`Tiller: ${draft.reason}.`);
        return draft;
      }
      const { before, after } = draft.proposal;
      const reviewing = this.runs.reviewEdit(
        {
          path: rel,
          before,
          after,
          diff: unifiedDiff(rel, before, after),
          rationale: `A new draft of ${rel} from your feedback ("${feedback}"). Accept writes it and withdraws its approval; Reject discards it.`,
          runId: run.runId,
        },
        new AbortController().signal,
      );
      tracked.reviewing(this.runs.editReviews().find((r) => r.runId === run.runId)?.id ?? null);
      const review = await reviewing;
      if (!review.accept) return { ...draft, status: 'failed', reason: `the new draft of ${rel} was discarded` };
      // Through the editor (Undo works); saved unless the person had unsaved typing in it.
      const typing = openDocument(file)?.isDirty ?? false;
      await editorFiles.write(file, after);
      if (!typing) await openDocument(file)?.save();
      await withdrawApproval(state.dir, state.spec, phase);
      await this.model.reload();
      return { ...draft, status: 'drafted', reason: `${rel} refined` };
    } finally {
      tracked.end();
    }
  }

  async updateTasks(arg: { specDir?: string; remove?: string[] } = {}): Promise<TaskMerge | undefined> {
    const target = await this.pickPhase({ specDir: arg.specDir, phase: 'tasks' }, 'Update tasks of', () => undefined);
    if (!target) return undefined;
    const { state } = target;
    const blocker = draftBlocker(state, 'tasks');
    if (blocker) throw new DraftBlockedError('tasks', blocker);
    const root = this.rootOf(state.dir);
    const file = join(state.dir, PHASE_FILE.tasks);
    const rel = workspacePath(root, file);
    const tracked = this.tracker.begin(state.dir, { phase: 'tasks', action: 'updateTasks' });
    try {
      return await this.reviewUpdate(state, root, file, rel, tracked, arg.remove);
    } finally {
      tracked.end();
    }
  }

  private async reviewUpdate(
    state: WorkflowState,
    root: string,
    file: string,
    rel: string,
    tracked: AuthoringRun,
    given: string[] | undefined,
  ): Promise<TaskMerge | undefined> {
    let result: UpdateTasksResult | undefined;
    const run = await this.runs.runCustom(
      { spec: state.spec, specDir: state.dir, title: `Update ${rel}` },
      async (common) => {
        tracked.started(common.runId);
        result = await updateTasks({ ...common, workspaceRoot: root, spec: state.spec, read: editorText });
        return result.run;
      },
    );
    if (!run || !result) return undefined;
    if (!result.merge || result.proposal === null) {
      void vscode.window.showWarningMessage(`Tiller: Update tasks: ${result.reason}.`);
      return undefined;
    }
    let merge = result.merge;
    if (merge.removed.length) {
      const remove =
        given ??
        (
          (await vscode.window.showQuickPick(
            merge.removed.map((r) => ({ label: `${r.id} ${r.title}`, description: r.status, picked: false, id: r.id })),
            {
              title: 'The revised plan no longer has these tasks: tick the ones to remove',
              placeHolder: 'Unticked tasks are kept under "Not in the revised plan"',
              canPickMany: true,
            },
          )) ?? []
        ).map((p) => p.id);
      merge = mergeTasks(result.before ?? '', result.proposal, new Set(remove));
    }
    const before = result.before;
    const reviewing = this.runs.reviewEdit(
      {
        path: rel,
        before,
        after: merge.text,
        diff: unifiedDiff(rel, before, merge.text),
        rationale: `Revised plan: ${merge.kept.length} kept, ${merge.added.length} added, ${merge.removed.filter((r) => r.dropped).length} removed, ${merge.removed.filter((r) => !r.dropped).length} kept though not in the plan.`,
        runId: run.runId,
      },
      new AbortController().signal,
    );
    tracked.reviewing(this.runs.editReviews().find((r) => r.runId === run.runId)?.id ?? null);
    const review = await reviewing;
    if (!review.accept) return undefined;
    await writeFileAtomically(file, merge.text);
    await withdrawApproval(state.dir, state.spec, 'tasks');
    await this.model.reload();
    return merge;
  }

  async generateSteering(): Promise<SteeringDraft[]> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!root) {
      void vscode.window.showErrorMessage('Tiller: open a folder first.');
      return [];
    }
    const out: SteeringDraft[] = [];
    for (const kind of FOUNDATION_FILES) {
      let drafts: SteeringDraft[] = [];
      const run = await this.runs.runCustom(
        { spec: null, specDir: null, title: `Generate steering ${kind}.md` },
        async (common) => {
          drafts = await draftSteering({ ...common, workspaceRoot: root, kinds: [kind] });
          return drafts[0].run;
        },
      );
      const d = drafts[0];
      if (!run || !d) break;
      out.push(d);
      if (d.text === null) continue;
      const rel = workspacePath(root, d.path);
      const review = await this.runs.reviewEdit(
        {
          path: rel,
          before: d.existing,
          after: d.text,
          diff: unifiedDiff(rel, d.existing, d.text),
          rationale:
            d.existing === null
              ? `New steering file ${rel}, drafted from the codebase.`
              : `A revision of ${rel}, drafted from the codebase.`,
          runId: run.runId,
        },
        new AbortController().signal,
      );
      if (!review.accept) continue;
      await mkdir(dirname(d.path), { recursive: true });
      await writeFileAtomically(d.path, d.text);
    }
    await this.model.reload();
    return out;
  }

  private rootOf(dir: string): string {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir))?.uri.fsPath ?? dirname(dirname(dirname(dir)));
  }

  /** The spec and phase to act on: given, or picked (the phase preselected by `suggest`). */
  private async pickPhase(
    arg: PhaseArgs,
    verb: string,
    suggest: (state: WorkflowState) => { phase: PhaseName } | undefined,
  ): Promise<{ state: WorkflowState; phase: PhaseName } | undefined> {
    let dir = arg.specDir;
    if (!dir) {
      const specs = this.model.specs();
      if (!specs.length) {
        void vscode.window.showInformationMessage('Tiller: no specs yet; create one with New Spec with the Agent.');
        return undefined;
      }
      dir = (
        await vscode.window.showQuickPick(
          specs.map((s) => ({ label: s.name, description: s.dir, dir: s.dir })),
          { title: `${verb}: which spec?` },
        )
      )?.dir;
      if (!dir) return undefined;
    }
    const state = await workflowState(dir, editorText);
    if (arg.phase) {
      phaseOf(state, arg.phase);
      return { state, phase: arg.phase };
    }
    const suggested = suggest(state)?.phase;
    const picked = await vscode.window.showQuickPick(
      state.phases.map((p) => ({
        label: p.phase,
        description: `${PHASE_FILE[p.phase]} · ${!p.exists ? 'not drafted' : p.stale ? 'stale' : p.approved ? 'approved' : 'drafted'}`,
        picked: p.phase === suggested,
        phase: p.phase,
      })),
      { title: `${verb} which phase of ${state.spec}?` },
    );
    return picked ? { state, phase: picked.phase } : undefined;
  }
}
