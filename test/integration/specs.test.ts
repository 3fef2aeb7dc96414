// The spec features in a real VS Code: the Specs and Steering trees, CodeLens on tasks.md, task
// commands (through an open editor with undo, and on disk), New Spec, and lint in the Problems panel.
import * as assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { SpecsNode } from '../../src/extension/specs-tree';
import { tiller, waitFor, workspaceRoot } from './util';

const specDir = () => vscode.Uri.joinPath(workspaceRoot(), '.kiro', 'specs', 'user-auth');
const tasksUri = () => vscode.Uri.joinPath(specDir(), 'tasks.md');

async function specsTree() {
  const api = await tiller();
  return api.specsTree;
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function findTaskNode(id: string): Promise<{ node: SpecsNode; item: vscode.TreeItem } | undefined> {
  const tree = await specsTree();
  const spec = tree.getChildren().find((n) => n.kind === 'spec' && n.spec.name === 'user-auth');
  if (!spec) return undefined;
  const tasksDoc = tree.getChildren(spec).find((n) => n.kind === 'document' && n.role === 'tasks');
  const stack = tasksDoc ? tree.getChildren(tasksDoc) : [];
  while (stack.length) {
    const node = stack.shift()!;
    if (node.kind === 'task' && node.task.id === id) return { node, item: tree.getTreeItem(node) };
    stack.push(...tree.getChildren(node));
  }
  return undefined;
}

describe('Specs tree', () => {
  it('lists every fixture spec with its progress', async () => {
    const tree = await specsTree();
    const specs = tree.getChildren();
    const names = specs.map((n) => (n.kind === 'spec' ? n.spec.name : ''));
    assert.ok(names.includes('user-auth'), `user-auth missing from ${names.join(', ')}`);
    const userAuth = specs.find((n) => n.kind === 'spec' && n.spec.name === 'user-auth')!;
    const item = tree.getTreeItem(userAuth);
    assert.match(String(item.description), /^\d+\/\d+$/);
    const api = await tiller();
    const counts = api.model.counts((userAuth as Extract<SpecsNode, { kind: 'spec' }>).spec);
    assert.equal(item.description, `${counts.done}/${counts.total}`);
  });

  it('shows the documents of a spec and its tasks under tasks.md', async () => {
    const tree = await specsTree();
    const spec = tree.getChildren().find((n) => n.kind === 'spec' && n.spec.name === 'user-auth')!;
    const docs = tree.getChildren(spec).map((n) => label(tree.getTreeItem(n)));
    assert.deepEqual(docs, ['requirements.md', 'design.md', 'tasks.md']);
    const found = await findTaskNode('2.1');
    assert.ok(found, 'task 2.1 is not in the tree');
    assert.equal(found.item.contextValue, 'task-leaf-todo');
    assert.equal((found.item.iconPath as vscode.ThemeIcon).id, 'circle-large-outline');
  });

  it('opens tasks.md at the task line when a task is clicked', async () => {
    const found = await findTaskNode('2.1');
    assert.ok(found?.item.command);
    await vscode.commands.executeCommand(found.item.command.command, ...(found.item.command.arguments ?? []));
    const editor = await waitFor('tasks.md in the active editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === tasksUri().fsPath
        ? vscode.window.activeTextEditor
        : undefined,
    );
    const line = editor.document.lineAt(editor.selection.active.line).text;
    assert.match(line, /\[ \]\s*2\.1\b/);
    assert.equal(editor.selection.active.line + 1, (found.node as Extract<SpecsNode, { kind: 'task' }>).task.span.line);
  });

  it('lists steering documents with their inclusion mode', async () => {
    const api = await tiller();
    const tree = api.steeringTree;
    const items = tree.getChildren().map((doc) => tree.getTreeItem(doc));
    assert.ok(items.length > 0, 'no steering documents');
    const descriptions = items.map((i) => String(i.description));
    assert.ok(
      descriptions.some((d) => d.startsWith('always')),
      descriptions.join(' | '),
    );
    assert.ok(
      descriptions.some((d) => d.startsWith('fileMatch: ')),
      descriptions.join(' | '),
    );
  });
});

describe('Task CodeLens and commands', () => {
  it('offers Run task and Mark done on a todo leaf task line', async () => {
    const lenses = await waitFor('CodeLens on tasks.md', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        tasksUri(),
      );
      return found?.length ? found : undefined;
    });
    const document = await vscode.workspace.openTextDocument(tasksUri());
    const onTask = lenses.filter((l) => /\[ \]\s*2\.1\b/.test(document.lineAt(l.range.start.line).text));
    const titles = onTask.map((l) => l.command?.title);
    assert.ok(
      titles.some((t) => t?.includes('Run task')),
      titles.join(', '),
    );
    assert.ok(titles.includes('Mark done'), titles.join(', '));
  });

  it('marks a task done through the open editor, and undo restores it', async () => {
    const document = await vscode.workspace.openTextDocument(tasksUri());
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const api = await tiller();
    const specPath = specDir().fsPath;
    await vscode.commands.executeCommand('tiller.markTaskDone', { specDir: specPath, taskId: '2.1' });
    assert.match(document.getText(), /\[x\]\s*2\.1\b/);
    // Only the marker changed.
    assert.equal(document.getText().length, before.length);
    await waitFor('the model to see 2.1 done', () => api.model.task(specPath, '2.1')?.task.status === 'done');
    // A clean document is saved so disk agrees with the editor.
    assert.match(await readFile(tasksUri().fsPath, 'utf8'), /\[x\]\s*2\.1\b/);
    // Undo acts on the focused editor: make sure it is this one.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the marker', () => document.getText() === before);
    await document.save();
  });

  it('edits tasks.md on disk when it is not open, byte-exact outside the marker', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const before = await readFile(tasksUri().fsPath, 'utf8');
    await vscode.commands.executeCommand('tiller.markTaskDone', { specDir: specDir().fsPath, taskId: '2.1' });
    const after = await readFile(tasksUri().fsPath, 'utf8');
    const at = before.search(/\[ \]\s*2\.1\b/);
    assert.equal(after, `${before.slice(0, at + 1)}x${before.slice(at + 2)}`);
    await vscode.commands.executeCommand('tiller.resetTask', { specDir: specDir().fsPath, taskId: '2.1' });
    assert.equal(await readFile(tasksUri().fsPath, 'utf8'), before);
  });

  it('updates the tree when tasks.md changes on disk', async () => {
    const api = await tiller();
    const before = await readFile(tasksUri().fsPath, 'utf8');
    await writeFile(tasksUri().fsPath, before.replace(/\[ \](\s*2\.1\b)/, '[-]$1'));
    await waitFor(
      'the tree to show 2.1 in progress',
      async () => (await findTaskNode('2.1'))?.item.contextValue === 'task-leaf-in-progress',
    );
    await writeFile(tasksUri().fsPath, before);
    await waitFor(
      'the model to see 2.1 todo again',
      () => api.model.task(specDir().fsPath, '2.1')?.task.status === 'todo',
    );
  });

  it('says plainly that no agent is configured when asked to run a task', async () => {
    // No agent runner exists yet: the command must not pretend; it leaves the task untouched.
    const before = await readFile(tasksUri().fsPath, 'utf8');
    await vscode.commands.executeCommand('tiller.runTask', { specDir: specDir().fsPath, taskId: '2.1' });
    assert.equal(await readFile(tasksUri().fsPath, 'utf8'), before);
  });
});

describe('New Spec and lint', () => {
  it('creates the three documents and .config.kiro for a kebab-case name', async () => {
    const api = await tiller();
    await vscode.commands.executeCommand('tiller.newSpec', 'payment-flow');
    const dir = vscode.Uri.joinPath(workspaceRoot(), '.kiro', 'specs', 'payment-flow');
    for (const file of ['requirements.md', 'design.md', 'tasks.md', '.config.kiro']) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, file));
    }
    const config = JSON.parse(await readFile(vscode.Uri.joinPath(dir, '.config.kiro').fsPath, 'utf8'));
    assert.equal(config.specType, 'feature');
    const spec = await waitFor('payment-flow in the model', () =>
      api.model.specs().find((s) => s.name === 'payment-flow'),
    );
    assert.equal(spec.tasks.length, 1);
    // The template lints clean.
    const problems = vscode.languages.getDiagnostics(vscode.Uri.joinPath(dir, 'tasks.md'));
    assert.deepEqual(
      problems.filter((p) => p.severity === vscode.DiagnosticSeverity.Error),
      [],
    );
  });

  it('creates a foundation steering file that the Steering view lists as always included', async () => {
    const api = await tiller();
    const file = vscode.Uri.joinPath(workspaceRoot(), '.kiro', 'steering', 'structure.md');
    await vscode.commands.executeCommand('tiller.newSteering', 'structure');
    assert.match(await readFile(file.fsPath, 'utf8'), /^---\ninclusion: always\n---\n/);
    const doc = await waitFor('structure.md in the model', () =>
      api.model.steering().find((d) => d.file === file.fsPath),
    );
    assert.equal(doc.inclusion, 'always');
    assert.equal(api.steeringTree.getTreeItem(doc).description, 'always');
  });

  it('reports a task citing a missing requirement as an error in the Problems panel', async () => {
    const dir = vscode.Uri.joinPath(workspaceRoot(), '.kiro', 'specs', 'lint-probe');
    await mkdir(dir.fsPath, { recursive: true });
    await writeFile(
      vscode.Uri.joinPath(dir, 'requirements.md').fsPath,
      '# Requirements\n\n### Requirement 1: Probe\n\n#### Acceptance Criteria\n\n1. WHEN probed THE SYSTEM SHALL answer\n',
    );
    await writeFile(
      vscode.Uri.joinPath(dir, 'tasks.md').fsPath,
      '# Tasks\n\n- [ ] 1. Answer probes\n  - _Requirements: 1.1, 7.3_\n',
    );
    const tasks = vscode.Uri.joinPath(dir, 'tasks.md');
    const problem = await waitFor('a diagnostic for the missing requirement 7.3', () =>
      vscode.languages.getDiagnostics(tasks).find((d) => d.message.includes('7.3')),
    );
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    // On the line of the task that cites it.
    assert.equal(problem.range.start.line, 2);
    // Fixing the file clears the problem.
    await writeFile(tasks.fsPath, '# Tasks\n\n- [ ] 1. Answer probes\n  - _Requirements: 1.1_\n');
    await waitFor(
      'the diagnostic to clear',
      () => !vscode.languages.getDiagnostics(tasks).some((d) => d.message.includes('7.3')),
    );
  });
});
