// The Steering view: every steering document with its inclusion mode and pattern; documents from
// ~/.kiro/steering are marked as global, AGENTS.md files by their folder.
import * as vscode from 'vscode';
import type { SteeringDoc } from '../core/steering/model';
import type { WorkspaceModel } from './workspace-model';
import { RefreshingTree } from './refreshing-tree';

const INCLUSION_ICONS = {
  always: 'pinned',
  fileMatch: 'file-symlink-file',
  manual: 'mention',
  auto: 'sparkle',
} as const;

export class SteeringTreeProvider extends RefreshingTree<SteeringDoc> {
  constructor(private readonly model: WorkspaceModel) {
    super(model.onDidChange);
  }

  getChildren(doc?: SteeringDoc): SteeringDoc[] {
    return doc ? [] : this.model.steering();
  }

  getTreeItem(doc: SteeringDoc): vscode.TreeItem {
    const uri = vscode.Uri.file(doc.file);
    const label =
      doc.scope === 'agents' ? `AGENTS.md${doc.folder ? ` (${doc.folder})` : ''}` : uri.path.split('/').pop()!;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `steering:${doc.file}`;
    item.resourceUri = uri;
    item.iconPath = new vscode.ThemeIcon(doc.scope === 'global' ? 'globe' : INCLUSION_ICONS[doc.inclusion]);
    const mode = doc.inclusion === 'fileMatch' ? `fileMatch: ${doc.patterns.join(', ')}` : doc.inclusion;
    item.description = doc.scope === 'global' ? `${mode} · global` : mode;
    const problems = doc.diagnostics.length
      ? `\n\n${doc.diagnostics.map((d) => `- line ${d.line}: ${d.message}`).join('\n')}`
      : '';
    item.tooltip = new vscode.MarkdownString(
      `**${label}**\n\nInclusion: ${mode}${doc.scope === 'global' ? ' (from ~/.kiro/steering)' : ''}` +
        (doc.description ? `\n\n${doc.description}` : '') +
        problems,
    );
    item.contextValue = `steering-${doc.scope}`;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }
}
