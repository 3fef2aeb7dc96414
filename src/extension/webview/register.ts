// Everything webview: the spec panels, the sidebar spec view, and the command that opens a spec.
// The extension calls registerWebviews() once and disposes what it returns.
import * as vscode from 'vscode';
import type { WorkspaceModel } from '../workspace-model';
import { SPEC_PANEL_TYPE, SpecPanels } from './spec-panels';
import { SPEC_SIDEBAR_VIEW, SpecSidebar } from './spec-sidebar';
import { specSource } from './spec-source';
import type { StreamSources } from './streams';

export function registerWebviews(context: vscode.ExtensionContext, model: WorkspaceModel): vscode.Disposable {
  const sources: StreamSources = { spec: specSource(model) };
  const sidebar = new SpecSidebar(context.extensionUri, model, sources, context.workspaceState);
  const panels = new SpecPanels(context.extensionUri, model, sources, (dir) => sidebar.show(dir));
  return vscode.Disposable.from(
    sidebar,
    panels,
    vscode.window.registerWebviewViewProvider(SPEC_SIDEBAR_VIEW, sidebar),
    vscode.window.registerWebviewPanelSerializer(SPEC_PANEL_TYPE, panels),
    vscode.commands.registerCommand('tiller.openSpec', async (arg: unknown) => {
      const dir = specDirOf(arg) ?? (await pickSpec(model));
      if (dir) panels.open(dir);
    }),
  );
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
  const items = model.specs().map((spec) => ({ label: spec.name, description: vscode.workspace.asRelativePath(spec.dir), dir: spec.dir }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Tiller: there is no spec in this workspace yet.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Open which spec?' }))?.dir;
}
