// The Specs view: each spec with its progress, its documents, and the task tree under tasks.md.
import * as vscode from 'vscode';
import type { Spec, Task } from '../core/specs/model';
import type { WorkspaceModel } from './workspace-model';
import { STATUS_WORDS, taskContextValue, taskIcon, taskLabel } from './task-presentation';
import { RefreshingTree } from './refreshing-tree';

export type SpecsNode =
  | { kind: 'spec'; spec: Spec }
  | { kind: 'document'; spec: Spec; role: 'requirements' | 'design' | 'tasks'; path: string }
  | { kind: 'task'; spec: Spec; task: Task };

const DOCUMENT_ICONS = { requirements: 'checklist', design: 'symbol-structure', tasks: 'tasklist' } as const;

export class SpecsTreeProvider extends RefreshingTree<SpecsNode> {
  constructor(private readonly model: WorkspaceModel) {
    super(model.onDidChange);
  }

  getChildren(node?: SpecsNode): SpecsNode[] {
    if (!node) return this.model.specs().map((spec) => ({ kind: 'spec', spec }));
    if (node.kind === 'spec') {
      const docs: SpecsNode[] = [];
      for (const role of ['requirements', 'design', 'tasks'] as const) {
        const path = node.spec.documents[role];
        if (path) docs.push({ kind: 'document', spec: node.spec, role, path });
      }
      return docs;
    }
    if (node.kind === 'document') {
      return node.role === 'tasks' ? node.spec.tasks.map((task) => ({ kind: 'task', spec: node.spec, task })) : [];
    }
    return node.task.children.map((task) => ({ kind: 'task', spec: node.spec, task }));
  }

  getTreeItem(node: SpecsNode): vscode.TreeItem {
    if (node.kind === 'spec') return this.specItem(node.spec);
    if (node.kind === 'document') return this.documentItem(node);
    return this.taskItem(node.spec, node.task);
  }

  private specItem(spec: Spec): vscode.TreeItem {
    const counts = this.model.counts(spec);
    const item = new vscode.TreeItem(spec.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `spec:${spec.dir}`;
    const progress = counts.total ? `${counts.done}/${counts.total}` : 'no tasks';
    const project = this.model.projectOf(spec);
    item.description = project ? `${project} · ${progress}` : progress;
    item.iconPath = new vscode.ThemeIcon(spec.type === 'bugfix' ? 'bug' : 'notebook');
    item.contextValue = 'spec';
    // Counts come from a line scan; nothing here may force a full parse of every spec.
    item.tooltip = new vscode.MarkdownString(
      `**${spec.name}** (${spec.type})${project ? ` in ${project}` : ''}\n\n${counts.done} of ${counts.total} tasks done` +
        (counts.inProgress ? `, ${counts.inProgress} in progress` : '') +
        (counts.queued ? `, ${counts.queued} queued` : '') +
        (counts.optional ? `, ${counts.optional} optional` : ''),
    );
    return item;
  }

  private documentItem(node: Extract<SpecsNode, { kind: 'document' }>): vscode.TreeItem {
    const uri = vscode.Uri.file(node.path);
    const hasTasks = node.role === 'tasks' && node.spec.tasks.length > 0;
    const item = new vscode.TreeItem(
      uri.path.split('/').pop() ?? node.role,
      hasTasks ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `doc:${node.path}`;
    item.resourceUri = uri;
    item.iconPath = new vscode.ThemeIcon(DOCUMENT_ICONS[node.role]);
    item.contextValue = `document-${node.role}`;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }

  private taskItem(spec: Spec, task: Task): vscode.TreeItem {
    const item = new vscode.TreeItem(
      taskLabel(task),
      task.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `task:${spec.dir}#${task.id}`;
    item.iconPath = taskIcon(task);
    item.description = [
      task.optional ? 'optional' : '',
      task.requirements.length ? `R ${task.requirements.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = `${taskLabel(task)}\n${STATUS_WORDS[task.status]}${task.optional ? ', optional' : ''}`;
    item.accessibilityInformation = { label: `${taskLabel(task)}, ${STATUS_WORDS[task.status]}` };
    item.contextValue = taskContextValue(task);
    item.command = {
      command: 'tiller.openTask',
      title: 'Open Task',
      arguments: [{ specDir: spec.dir, taskId: task.id }],
    };
    return item;
  }
}
