// The `spec:<dir>` stream: a snapshot of the spec, then a delta each time the workspace model
// changes it (an edit in the editor, a save, a change on disk, an edit from the webview itself).
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import type { SpecSnapshot } from '../../protocol';
import type { WorkspaceModel } from '../workspace-model';
import type { StreamSource } from './streams';
import { buildSpecSnapshot } from './spec-snapshot';
import { diffSpec } from './spec-delta';

export function specSource(model: WorkspaceModel): StreamSource<'spec'> {
  return {
    open(dir, push) {
      let last = currentSnapshot(model, dir);
      const listener = model.onDidChange(() => {
        const next = currentSnapshot(model, dir);
        const delta = diffSpec(last, next);
        last = next;
        if (delta) push(delta);
      });
      return { snapshot: last, dispose: () => listener.dispose() };
    },
  };
}

function currentSnapshot(model: WorkspaceModel, dir: string): SpecSnapshot | null {
  const spec = model.specByDir(dir);
  if (!spec) return null;
  const snapshot = buildSpecSnapshot(spec, model.counts(spec), readCurrentText);
  const project = model.projectOf(spec);
  return project ? { ...snapshot, project } : snapshot;
}

/** The editor's text when the file is open (what the model parsed too), else the disk's. */
function readCurrentText(path: string): string | null {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  if (open) return open.getText();
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
