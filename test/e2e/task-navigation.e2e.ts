// The first flow users come for, driven as a person would: open Tiller from the activity bar,
// read a spec's progress in the Specs view, click a task, land on its line in tasks.md.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './e2e-env';
import { useWorkbench } from './workbench';

function workspaceFile(...parts: string[]): string {
  return readFileSync(join(workspace(), ...parts), 'utf8');
}

describe('Specs view: from a spec to a task line', function () {
  this.timeout(90_000);
  const workbench = useWorkbench();

  it('shows user-auth with its progress, and a click on task 2.1 opens tasks.md at its line', async () => {
    const tasks = workspaceFile('.kiro', 'specs', 'user-auth', 'tasks.md');
    const lines = tasks.split('\n');
    const total = lines.filter((l) => /^\s*[-*+] \[[ xX~-]\]/.test(l)).length;
    const done = lines.filter((l) => /^\s*[-*+] \[[xX]\]/.test(l)).length;
    const taskLine = lines.findIndex((l) => /\[ \] 2\.1 /.test(l)) + 1;
    assert.ok(taskLine > 0, 'the fixture has no task 2.1');

    await workbench().openContainer('Tiller');
    // Tree rows are virtualised: give the Specs view the room to show every fixture spec.
    await workbench().collapseView('Steering');
    assert.equal(await workbench().treeItemDescription('user-auth', { view: 'Specs' }), `${done}/${total}`);

    await (await workbench().treeItem('user-auth', { view: 'Specs' })).click();
    // tasks.md opens expanded under its spec, so the task row appears without another click.
    const task = await workbench().treeItem('2.1. Verify credentials and start a session', { view: 'Specs' });
    await task.click();
    const editor = await workbench().waitForEditor('tasks.md', taskLine);
    assert.equal(editor.line, taskLine);
  });
});
