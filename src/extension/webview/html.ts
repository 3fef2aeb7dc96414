// The HTML shell of every Tiller webview: a strict Content Security Policy (nothing loads unless
// listed; scripts only with this page's nonce; no eval), the bundle from dist/webview, the address
// of the diagram bundle (loaded by the app, with the nonce, only when a document holds a diagram),
// and nothing else. Everything the app shows arrives afterwards through the protocol.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { ViewKind } from '../../protocol';

/** The folders a webview may load from: the bundle and the extension's media. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    // Inline styles are allowed; scripts never are. Mermaid draws diagrams with a <style> element
    // and style attributes that it creates itself while measuring and laying out (in the page, so
    // no nonce can be put on them): under the former nonce-only style-src one flowchart raised
    // about fifty violations, its styles blocked. 'unsafe-inline' replaces the nonce here (with a
    // nonce present browsers ignore it). CSS cannot run script, and what CSS attacks there are (exfiltration by
    // url() in attribute selectors, tracking, @import, remote fonts) all need a fetch, which
    // default-src 'none' and img-src / font-src / style-src limited to cspSource (our own
    // dist/webview and media, by localResourceRoots) forbid. Nothing from a document reaches the
    // page as HTML except mermaid's DOMPurify-sanitized SVG (securityLevel 'strict'), so the inline
    // styles are React's, vscode-elements' and mermaid's. VS Code's own Markdown preview allows
    // more: style-src 'unsafe-inline' https: data:.
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('main.css')}" id="vscode-codicon-stylesheet">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="root" data-view="${view}" data-diagram-script="${asset('mermaid.js')}"></div>
<script nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
