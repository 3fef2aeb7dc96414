// First contact with a real VS Code: Tiller is installed from source, activates on its own in a
// workspace that has .kiro (activationEvents: workspaceContains:.kiro) and registers its commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './util';

const extensionId = 'tiller.tiller';

describe('Tiller in VS Code', () => {
  it('is loaded as extension tiller.tiller', () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not among the loaded extensions`);
  });

  it('opens the fixture workspace, which has .kiro', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, '.kiro'));
    assert.equal(stat.type, vscode.FileType.Directory);
  });

  it('activates by itself because the workspace contains .kiro', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    // Activation is triggered by the workspace, not by this test: wait for it rather than call activate().
    await waitFor('Tiller to activate by itself', () => extension.isActive);
  });

  it('registers the tiller.refresh command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('tiller.refresh'), 'tiller.refresh is not registered');
  });

  it('contributes tiller.refresh in package.json', function () {
    const contributed: { command: string }[] =
      vscode.extensions.getExtension(extensionId)!.packageJSON.contributes?.commands ?? [];
    assert.ok(
      contributed.some((c) => c.command === 'tiller.refresh'),
      'package.json contributes.commands lacks tiller.refresh',
    );
  });
});
