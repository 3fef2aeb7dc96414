// The workspace's files on disk as hook events, through VS Code's own file watcher (which already
// watches the workspace; no second recursive watcher beside it): creations, changes and deletions,
// without what git ignores, `.git/`, `node_modules/` and build output (core's GitignoreFilter,
// the rules `tiller watch` uses). A folder that appears reports the files in it; a folder that goes
// away is reported as one deleted path, since what was in it is no longer known.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { GitignoreFilter } from '../../core/hooks';

export type DiskEvent = { type: 'created' | 'changed' | 'deleted'; paths: string[] };

export function watchDisk(root: string, onEvent: (event: DiskEvent) => void): vscode.Disposable {
  const filter = new GitignoreFilter(root);
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '**/*'));
  const report = (type: DiskEvent['type']) => (uri: vscode.Uri) => {
    if (uri.scheme !== 'file') return;
    const path = uri.fsPath;
    if (basename(path) === '.gitignore') filter.invalidate(path);
    if (type === 'deleted') {
      if (!filter.ignores(path)) onEvent({ type, paths: [path] });
      return;
    }
    // Gone again already (a temp file renamed away): its deletion is reported on its own.
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats || filter.ignores(path, stats.isDirectory())) return;
    if (!stats.isDirectory()) return onEvent({ type, paths: [path] });
    if (type === 'created') {
      const paths = filesBelow(path, filter);
      if (paths.length) onEvent({ type, paths });
    }
  };
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(report('created')),
    watcher.onDidChange(report('changed')),
    watcher.onDidDelete(report('deleted')),
  );
}

function filesBelow(dir: string, filter: GitignoreFilter): string[] {
  const found: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (filter.ignores(path, entry.isDirectory())) continue;
    if (entry.isDirectory()) found.push(...filesBelow(path, filter));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}
