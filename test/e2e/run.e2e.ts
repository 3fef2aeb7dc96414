// "Run next task" as a person does it: the command palette in the real workbench, the agent on
// the user's own model (the fake model server, which scripts/run-e2e.mjs starts and points the
// user settings at), the task ticked in the open editor and on disk, and the run's trace in the
// workspace holding the decision beside the diff.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../support/wait-until';
import { useWorkbench } from './workbench';
import { call, scriptModel, workspace } from './e2e-env';

// Sorts before every fixture spec, so it holds the workspace's next task.
const SPEC = 'agent-demo';

const specDir = () => join(workspace(), '.kiro', 'specs', SPEC);
const tasksOnDisk = () => readFileSync(join(specDir(), 'tasks.md'), 'utf8');

describe('Run next task on the user’s model', function () {
  this.timeout(120_000);

  before(() => {
    mkdirSync(specDir(), { recursive: true });
    writeFileSync(
      join(specDir(), 'requirements.md'),
      '# Requirements\n\n### Requirement 1: Greeting\n\n1. WHEN the app starts THE SYSTEM SHALL greet the user.\n',
    );
    writeFileSync(join(specDir(), 'tasks.md'), '# Tasks\n\n- [ ] 1. Write the greeting\n  - _Requirements: 1.1_\n');
  });
  const workbench = useWorkbench();
  after(() => {
    rmSync(specDir(), { recursive: true, force: true });
    rmSync(join(workspace(), 'hello.txt'), { force: true });
  });

  it('runs from the palette: the task is [x] in the editor and on disk, and the trace holds the decision and the diff', async () => {
    const page = workbench().page;
    await scriptModel([
      call('record_decision', {
        title: 'Greeting in a text file',
        decision: 'Write hello.txt',
        rationale: 'Simplest thing that meets 1.1',
        alternatives: ['A script'],
        requirements: ['1.1'],
      }),
      call('write_file', { path: 'hello.txt', content: 'Hello, e2e\n', rationale: 'Requirement 1.1' }),
      call('complete_task', { summary: 'Greeting written' }),
    ]);

    // tasks.md open in an editor: the status edits must go through it.
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`.kiro/specs/${SPEC}/tasks.md`);
    await page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: 'tasks.md' })
      .first()
      // File search over a fresh workspace can take a while on a busy machine.
      .waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');
    await workbench().waitForEditor('tasks.md');

    await workbench().runCommand('Tiller: Run Next Task');

    const editorLines = page.locator('.part.editor .editor-group-container.active .view-lines');
    await editorLines.filter({ hasText: '- [x] 1. Write the greeting' }).waitFor({ timeout: 60_000 });
    await waitUntil(
      () => /- \[x\] 1\. Write the greeting/.test(tasksOnDisk()),
      () => `task 1 ticked in tasks.md on disk, which reads:\n${tasksOnDisk()}`,
    );
    assert.equal(readFileSync(join(workspace(), 'hello.txt'), 'utf8'), 'Hello, e2e\n');

    // The task is marked done just before the run writes its last event.
    const runs = join(workspace(), '.kiro', 'tiller', 'runs');
    const events = () =>
      (existsSync(runs) ? readdirSync(runs).filter((n) => n.endsWith('.jsonl')) : []).flatMap((n) =>
        readFileSync(join(runs, n), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      );
    const mine = await waitUntil(() => {
      const all = events();
      const start = all.find((e) => e.type === 'run-start' && (e.task as { spec: string }).spec === SPEC);
      const run = start ? all.filter((e) => e.runId === start.runId) : [];
      return run.some((e) => e.type === 'run-end') && run;
    }, `a finished trace of the run under ${runs}`);
    const decision = mine.find((e) => e.type === 'decision');
    assert.equal(decision?.title, 'Greeting in a text file');
    const edit = mine.find((e) => e.type === 'edit');
    assert.match(String(edit?.diff), /\+\+\+ b\/hello\.txt[\s\S]*\+Hello, e2e/);
    assert.equal(edit?.decisionSeq, decision?.seq);
    assert.equal(mine.find((e) => e.type === 'run-end')?.status, 'completed');

    const messages = await workbench().notifications();
    assert.ok(
      messages.some((m) => /1\. Write the greeting" completed/.test(m)),
      `notifications: ${messages.join(' | ')}`,
    );
  });
});
