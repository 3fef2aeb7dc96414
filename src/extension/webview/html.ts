// The HTML shell of every Tiller webview: a strict Content Security Policy (nothing loads unless
// listed; scripts only with this page's nonce; no eval), the bundle from dist/webview, and
// nothing else. Everything the app shows arrives afterwards through the protocol.
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
    // vscode-elements' Lit components adopt constructed style sheets; the nonce covers any <style>
    // they fall back to.
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
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
<div id="root" data-view="${view}"></div>
<script nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
