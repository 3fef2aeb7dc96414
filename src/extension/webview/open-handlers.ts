// Opening things from the webview. Links in rendered markdown are untrusted text: only http(s)
// goes to the browser, only files inside the workspace open in the editor, the rest is dropped.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { SpecDocRole } from '../../protocol';
import type { WorkspaceModel } from '../workspace-model';
import type { Handlers } from './handler-types';

type OpenHandlers = Pick<Handlers, 'doc.open' | 'link.open'>;

export const openHandlers: OpenHandlers = {
  'doc.open': async ({ specDir, doc, line }, { model, view }) => {
    const path = documentPath(model, specDir, doc);
    if (!path) throw new Error(`This spec has no ${doc} document.`);
    const document = await vscode.workspace.openTextDocument(path);
    const at = new vscode.Position(Math.max(0, Math.min((line ?? 1) - 1, document.lineCount - 1)), 0);
    await vscode.window.showTextDocument(document, {
      selection: new vscode.Range(at, at),
      preview: true,
      // The panel stays in sight beside the text it came from; the sidebar has the editor area to itself.
      viewColumn: view === 'panel' ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
    });
    return null;
  },
  'link.open': async ({ specDir, doc, href }, { model }) => {
    const target = linkTarget(href, documentPath(model, specDir, doc) ?? specDir);
    if (target?.scheme === 'file') await vscode.commands.executeCommand('vscode.open', target);
    else if (target) await vscode.env.openExternal(target);
    return null;
  },
};

function documentPath(model: WorkspaceModel, specDir: string, doc: SpecDocRole): string | undefined {
  return model.specByDir(specDir)?.documents[doc];
}

/** Where a link may go: an http(s) URL, or an existing file inside a workspace folder. */
function linkTarget(href: string, fromPath: string): vscode.Uri | undefined {
  const trimmed = href.trim();
  if (/^https?:\/\//i.test(trimmed)) return vscode.Uri.parse(trimmed, true);
  // Any other scheme (command:, file:, vscode:, javascript:, mailto:) is not for a spec to open.
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return undefined;
  const pathPart = decodeURIComponentSafe(trimmed.split(/[?#]/)[0]);
  if (!pathPart) return undefined;
  const base = fromPath.endsWith('.md') ? dirname(fromPath) : fromPath;
  const full = resolve(base, pathPart);
  const inside = (vscode.workspace.workspaceFolders ?? []).some((f) => {
    const rel = relative(f.uri.fsPath, full);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  return inside && existsSync(full) ? vscode.Uri.file(full) : undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
