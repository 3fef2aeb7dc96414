// Everything webview: the spec panels, the sidebar spec view, the follow log (sidebar and tabs), the virtual
// documents of the diff editor, and the commands that open them. The extension calls
// registerWebviews() once and disposes what it returns.
import * as vscode from 'vscode';
import type { AuthoringRuns } from '../authoring/authoring-runs';
import type { WorkspaceModel } from '../workspace-model';
import { BEFORE_SCHEME, BeforeContent } from './before-content';
import type { WebviewShared } from './connection';
import { FOLLOW_PANEL_TYPE, FollowPanels } from './follow-panels';
import { FOLLOW_VIEW, FollowView } from './follow-view';
import { LiveText } from './live-text';
import { pendingSource } from './pending-source';
import { runSource } from './run-source';
import { runsSource } from './runs-source';
import type { FollowServices } from './services';
import { SPEC_PANEL_TYPE, SpecPanels } from './spec-panels';
import { SPEC_SIDEBAR_VIEW, SpecSidebar } from './spec-sidebar';
import { specSource } from './spec-source';
import { workflowSource } from './workflow-source';

export function registerWebviews(
  context: vscode.ExtensionContext,
  model: WorkspaceModel,
  given: FollowServices,
  authoring: AuthoringRuns,
): vscode.Disposable {
  const services = () => Promise.resolve(given);
  const liveText = new LiveText();
  liveText.attach(given.runs);
  const shared: WebviewShared = {
    model,
    services,
    before: new BeforeContent(),
    authoring,
    sources: {
      spec: specSource(model),
      run: runSource(services, liveText),
      runs: runsSource(services),
      pending: pendingSource(services),
      workflow: workflowSource(model, authoring),
    },
  };
  const sidebar = new SpecSidebar(context.extensionUri, shared, context.workspaceState);
  const panels = new SpecPanels(context.extensionUri, shared, (dir) => sidebar.show(dir));
  const follow = new FollowView(context.extensionUri, shared);
  const followPanels = new FollowPanels(context.extensionUri, shared);
  return vscode.Disposable.from(
    liveText,
    sidebar,
    panels,
    follow,
    followPanels,
    vscode.window.registerWebviewViewProvider(SPEC_SIDEBAR_VIEW, sidebar),
    vscode.window.registerWebviewViewProvider(FOLLOW_VIEW, follow),
    vscode.window.registerWebviewPanelSerializer(SPEC_PANEL_TYPE, panels),
    vscode.window.registerWebviewPanelSerializer(FOLLOW_PANEL_TYPE, followPanels),
    vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, shared.before),
    vscode.commands.registerCommand('tiller.openSpec', async (arg: unknown) => {
      const dir = specDirOf(arg) ?? (await pickSpec(model));
      if (dir) panels.open(dir);
    }),
    vscode.commands.registerCommand('tiller.openNewSpecForm', () => sidebar.openNewSpecForm()),
    vscode.commands.registerCommand('tiller.showSpecInSidebar', (dir: string) => sidebar.show(dir)),
    vscode.commands.registerCommand('tiller.showFollowLog', (arg: unknown) => follow.show(runIdOf(arg))),
    vscode.commands.registerCommand('tiller.openFollowLog', (arg: unknown) => followPanels.open(runIdOf(arg))),
  );
}

/** A run id, `{ runId }` (a RunInfo or a tree node), or nothing (follow the newest run). */
function runIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const runId = (arg as { runId?: unknown } | undefined)?.runId;
  return typeof runId === 'string' ? runId : undefined;
}

/** The command takes a spec folder, `{ specDir }`, or the Specs tree's spec node. */
function specDirOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (!arg || typeof arg !== 'object') return undefined;
  const value = arg as { specDir?: unknown; spec?: { dir?: unknown } };
  if (typeof value.specDir === 'string') return value.specDir;
  return typeof value.spec?.dir === 'string' ? value.spec.dir : undefined;
}

async function pickSpec(model: WorkspaceModel): Promise<string | undefined> {
  const items = model
    .specs()
    .map((spec) => ({ label: spec.name, description: vscode.workspace.asRelativePath(spec.dir), dir: spec.dir }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Tiller: there is no spec in this workspace yet.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Open which spec?' }))?.dir;
}
