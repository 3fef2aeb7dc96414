// The part every Tiller tree shares: it redraws whole whenever its source says something changed
// (its items are cheap; the sources already coalesce bursts), and lets go of that listener.
import * as vscode from 'vscode';

export abstract class RefreshingTree<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(sourceChanged: vscode.Event<unknown>) {
    this.subscription = sourceChanged(() => this.changed.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  abstract getChildren(element?: T): T[];
  abstract getTreeItem(element: T): vscode.TreeItem;
}
