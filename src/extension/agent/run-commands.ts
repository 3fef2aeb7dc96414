// Commands around runs: run all of a spec, cancel, export, revert, the API key, and the answers to
// supervised-mode reviews (from the diff editor's title, a notification or the follow log).
import * as vscode from 'vscode';
import { revertRun } from '../../core/agent';
import { exportMarkdown, listRuns, readTrace, recordRevert, traceFile } from '../../core/trace';
import type { WorkspaceModel } from '../workspace-model';
import { readAgentSettings, readPricing } from './agent-settings';
import { rejectInteractively, type EditReviews } from './edit-reviews';
import { setApiKey } from './model-setup';
import type { VsCodeRunService } from './run-service';

export function registerRunCommands(
  context: vscode.ExtensionContext,
  model: WorkspaceModel,
  runs: VsCodeRunService,
  reviews: EditReviews,
): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tiller.runAllTasks', async (arg: unknown) => {
      const dir = specDirOf(arg) ?? (await pickSpec(model));
      return dir ? runs.runAll(dir) : undefined;
    }),
    vscode.commands.registerCommand('tiller.cancelRun', async (runId?: unknown) => {
      const id = typeof runId === 'string' ? runId : await pickActiveRun(runs);
      if (id) runs.cancel(id);
    }),
    vscode.commands.registerCommand('tiller.exportRun', async (runId?: unknown) => {
      const picked = await pickRun(runs, typeof runId === 'string' ? runId : undefined);
      if (!picked) return undefined;
      const markdown = exportMarkdown(await readTrace(picked.trace), readPricing());
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
      return markdown;
    }),
    vscode.commands.registerCommand('tiller.revertRun', async (runId?: unknown) => {
      const picked = await pickRun(runs, typeof runId === 'string' ? runId : undefined);
      if (picked) return revert(runs, picked.root, picked.runId);
      return undefined;
    }),
    vscode.commands.registerCommand('tiller.setApiKey', (provider?: unknown, key?: unknown) =>
      setApiKey(context.secrets, readAgentSettings(), provider, key),
    ),
    vscode.commands.registerCommand('tiller.acceptEdit', async (arg?: unknown) => {
      const id = await reviews.resolveId(arg);
      return id ? reviews.answer(id, { accept: true }) : false;
    }),
    vscode.commands.registerCommand('tiller.rejectEdit', async (arg?: unknown, reason?: unknown) => {
      const id = await reviews.resolveId(arg);
      if (!id) return false;
      return typeof reason === 'string'
        ? reviews.answer(id, { accept: false, reason })
        : rejectInteractively(reviews, id);
    }),
  );
}

function specDirOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'spec' in arg) {
    const spec = (arg as { spec?: { dir?: unknown } }).spec;
    if (typeof spec?.dir === 'string') return spec.dir;
  }
  if (arg && typeof arg === 'object' && 'specDir' in arg && typeof (arg as { specDir: unknown }).specDir === 'string')
    return (arg as { specDir: string }).specDir;
  return undefined;
}

async function pickSpec(model: WorkspaceModel): Promise<string | undefined> {
  const specs = model.specs().filter((s) => s.documents.tasks);
  if (specs.length === 1) return specs[0].dir;
  const picked = await vscode.window.showQuickPick(
    specs.map((s) => ({ label: s.name, description: vscode.workspace.asRelativePath(s.dir), dir: s.dir })),
    { title: 'Run all tasks of which spec?' },
  );
  return picked?.dir;
}

async function pickActiveRun(runs: VsCodeRunService): Promise<string | undefined> {
  const active = runs.runs().filter((r) => !r.ended);
  if (active.length <= 1) return active[0]?.runId;
  const picked = await vscode.window.showQuickPick(
    active.map((r) => ({ label: r.title, description: r.state, runId: r.runId })),
    { title: 'Cancel which run?' },
  );
  return picked?.runId;
}

interface PickedRun {
  runId: string;
  root: string;
  trace: string;
}

/** This session's runs first, then every run with a trace in the workspace folders. */
async function pickRun(runs: VsCodeRunService, runId: string | undefined): Promise<PickedRun | undefined> {
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const known: PickedRun[] = [];
  for (const root of roots) {
    for (const id of (await listRuns(root)).reverse()) known.push({ runId: id, root, trace: traceFile(root, id) });
  }
  if (runId) {
    const match = known.find((k) => k.runId === runId);
    if (!match) void vscode.window.showErrorMessage(`Tiller: no trace of run ${runId} in this workspace.`);
    return match;
  }
  if (!known.length) {
    void vscode.window.showInformationMessage('Tiller: no run has left a trace in this workspace yet.');
    return undefined;
  }
  const titles = new Map(runs.runs().map((r) => [r.runId, `${r.title} (${r.state})`]));
  const picked = await vscode.window.showQuickPick(
    known.map((k) => ({ label: titles.get(k.runId) ?? k.runId, description: k.runId, run: k })),
    { title: 'Which run?' },
  );
  return picked?.run;
}

async function revert(runs: VsCodeRunService, root: string, runId: string): Promise<unknown> {
  const confirm = await vscode.window.showWarningMessage(
    `Revert run ${runId}? Every file it changed goes back to how it was before the run; files changed again since are left alone and listed.`,
    { modal: true },
    'Revert',
  );
  if (confirm !== 'Revert') return undefined;
  const storageDir = runs.storageDir(root);
  try {
    let report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Tiller: reverting run ${runId}…` },
      () => revertRun({ workspaceRoot: root, runId, storageDir }),
    );
    if (report.conflicts.length) {
      const force = await vscode.window.showWarningMessage(
        `Tiller: reverted ${report.reverted.length} file(s). ${report.conflicts.length} changed again after the run and were left alone: ${report.conflicts.join(', ')}.`,
        { modal: true },
        'Revert These Too',
      );
      if (force) report = await revertRun({ workspaceRoot: root, runId, storageDir, force: true });
    } else {
      void vscode.window.showInformationMessage(
        `Tiller: reverted run ${runId} (${report.reverted.length} file(s)). A backup of what it replaced is ${report.backup}.`,
      );
    }
    await recordRevert(traceFile(root, runId), runId, {
      reverted: report.reverted,
      conflicts: report.conflicts,
      by: 'you',
    });
    runs.noteReverted(runId);
    return report;
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Tiller: could not revert run ${runId}: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
}
