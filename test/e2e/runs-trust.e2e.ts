// Runs you can trust, as a person meets them in the real workbench: a model that never answers
// shows that it is waited for and fails with Retry after the configured timeout; a window reload
// while a command waits for approval is reported once afterwards, the task given back and the
// command shown as interrupted; a trace with malformed lines still shows the rest of its run.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { waitUntil } from '../support/wait-until';
import { useWorkbench, type Workbench } from './workbench';
import { call, scriptModel, workspace } from './e2e-env';
import { useSpec } from './spec-fixture';

const settingsFile = () => join(workspace(), '.vscode', 'settings.json');
const tasksOf = (specDir: string) => readFileSync(join(specDir, 'tasks.md'), 'utf8');

/** Waits until the file on disk matches. */
async function untilFile(path: string, pattern: RegExp, what: string): Promise<void> {
  await waitUntil(
    () => pattern.test(readFileSync(path, 'utf8')),
    () => `${what}; ${path} holds:\n${readFileSync(path, 'utf8')}`,
  );
}

/** The notification centre's entries whose message matches, once at least one does. */
async function notificationsMatching(workbench: Workbench, pattern: RegExp): Promise<Locator> {
  const center = workbench.page.locator('.notifications-center');
  const items = center.locator('.notification-list-item').filter({ hasText: pattern });
  let texts: string[] = [];
  await waitUntil(
    async () => (texts = await workbench.notifications()).some((t) => pattern.test(t)),
    () => `a notification matching ${pattern}; the centre shows ${JSON.stringify(texts)}`,
  );
  return items;
}

/** A spec with one task, sorting before the fixture's, removed again after the block. */
const useOneTaskSpec = (name: string, task: string) => useSpec(name, { 'tasks.md': `# Tasks\n\n- [ ] 1. ${task}\n` });

describe('A model that never answers, in the workbench', function () {
  this.timeout(180_000);
  const spec = useOneTaskSpec('aa-hang-demo', 'Ask the silent model');
  let original: string;
  // Set before the workbench opens, so the window reads it at start: a two-second wait for the
  // model's first byte, instead of the default three minutes.
  before(() => {
    original = readFileSync(settingsFile(), 'utf8');
    writeFileSync(settingsFile(), original.replace('{', '{\n  "tiller.agent.requestTimeoutSeconds": 2,'));
  });
  after(() => writeFileSync(settingsFile(), original));
  const workbench = useWorkbench();

  it('shows the wait, fails as timed out with Retry, and Retry runs the task again', async () => {
    await scriptModel([{ hang: true }]);
    const frame = await workbench().followFrame();
    // Watched from before the run starts: the line lasts only as long as the timeout.
    const waiting = frame.locator('.waiting-line', { hasText: 'Waiting for the model' }).waitFor({ timeout: 60_000 });
    await workbench().runCommand('View: Close All Editors');
    await workbench().runCommand('Tiller: Run Next Task');
    await workbench().pickQuickItem('aa-hang-demo');
    await waiting;
    await frame.locator('.follow-header .run-state.state-failed').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('.waiting-line').count(), 0, 'a failed run waits for nothing');
    assert.match(tasksOf(spec()), /- \[ \] 1\. Ask the silent model/);

    const failed = (await notificationsMatching(workbench(), /Ask the silent model" failed: .*timeout/)).first();
    assert.match((await failed.textContent()) ?? '', /no response within 2 s/);
    await scriptModel([call('complete_task', { summary: 'Answered this time' })]);
    await failed.locator('.monaco-button', { hasText: /^Retry$/ }).click();
    // The retried run is the newest, which the log follows.
    await frame.locator('.follow-header .run-state.state-completed').waitFor({ timeout: 60_000 });
    await untilFile(join(spec(), 'tasks.md'), /- \[x\] 1\. Ask the silent model/, 'Retry ran the task');
  });
});

describe('A window reload while a command waits for approval', function () {
  this.timeout(240_000);
  const spec = useOneTaskSpec('aa-reload-demo', 'Wait for a person');
  const marker = () => join(workspace(), 'reload-e2e.txt');
  const workbench = useWorkbench();
  after(() => rmSync(marker(), { force: true }));

  it('is reported once after the reload, gives the task back, and shows the command as interrupted', async () => {
    await scriptModel([call('run_command', { command: 'touch reload-e2e.txt', rationale: 'Leave a marker' })]);
    const page = workbench().page;
    let frame = await workbench().followFrame();
    await workbench().runCommand('View: Close All Editors');
    await workbench().runCommand('Tiller: Run Next Task');
    await workbench().pickQuickItem('aa-reload-demo');
    await frame.locator('.approval-card', { hasText: 'touch reload-e2e.txt' }).waitFor({ timeout: 60_000 });
    await untilFile(join(spec(), 'tasks.md'), /- \[-\] 1\. Wait for a person/, 'the run marked its task');

    // Developer: Reload Window, from the palette, as a person reloads; its extension host goes.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Developer: Reload Window');
    await page
      .locator('.quick-input-list .monaco-list-row')
      .first()
      .filter({ hasText: 'Developer: Reload Window' })
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await reloaded;
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });

    const reported = await notificationsMatching(workbench(), /interrupted when the window reloaded or closed/);
    assert.equal(await reported.count(), 1, 'told once');
    assert.match((await reported.first().textContent()) ?? '', /"1 Wait for a person"/);
    await untilFile(join(spec(), 'tasks.md'), /- \[ \] 1\. Wait for a person/, 'the task was given back');

    frame = await workbench().followFrame();
    await frame.locator('.follow-header .run-state.state-interrupted').waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('.approval-card').count(), 0, 'nothing waits for an answer any more');
    const facts = (await frame.locator('.run-facts').textContent()) ?? '';
    assert.match(facts, /0 commands run \(1 interrupted\)/);
    assert.doesNotMatch(facts, /refused/);
    const command = frame.locator('.card-command', { hasText: 'touch reload-e2e.txt' });
    await command.waitFor({ timeout: 30_000 });
    const text = (await command.textContent()) ?? '';
    assert.match(text, /interrupted while it waited for your answer/);
    assert.doesNotMatch(text, /by you/);
    assert.ok(!existsSync(marker()), 'the command never ran');
  });
});

describe('A trace with a malformed line, in the workbench', function () {
  this.timeout(120_000);
  // A run of a few minutes ago, so every run the other tests start is newer.
  const started = new Date(Date.now() - 5 * 60_000);
  const runId = `${started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-0bad11`;
  const trace = () => join(workspace(), '.kiro', 'tiller', 'runs', `${runId}.jsonl`);

  before(() => {
    const time = started.toISOString();
    const base = { runId, time };
    const edit = {
      type: 'edit',
      callId: 'c2',
      tool: 'write_file',
      created: true,
      rationale: 'Say hello',
      requirements: [],
      decisionSeq: 2,
      review: 'autopilot',
      applied: true,
    };
    const events = [
      {
        type: 'run-start',
        task: {
          spec: 'bad-line',
          specDir: '.kiro/specs/bad-line',
          id: '1',
          title: 'Hand-edited run',
          tasksFile: '.kiro/specs/bad-line/tasks.md',
          requirements: [],
        },
        trigger: 'you',
        provider: 'openai',
        model: 'fake-model',
        settings: { mode: 'autopilot', maxTurns: 40, maxTokens: null, headless: false, checkpoints: false },
      },
      {
        type: 'decision',
        callId: 'c1',
        title: 'Greet in two files',
        decision: 'Write both',
        rationale: 'Both readers need it',
        alternatives: [],
        requirements: [],
      },
      // The malformed line: an edit without its diff.
      { ...edit, path: 'broken.txt' },
      { ...edit, callId: 'c3', path: 'whole.txt', diff: '--- /dev/null\n+++ b/whole.txt\n@@ -0,0 +1 @@\n+hello\n' },
      // Well-formed to the reader (its fields have their types), but its card cannot render an
      // object as an alternative: one broken card.
      {
        type: 'decision',
        callId: 'c4',
        title: 'An odd decision',
        decision: 'Keep going',
        rationale: 'Hand-edited',
        alternatives: [{ option: 'A script' }],
        requirements: [],
      },
      {
        type: 'run-end',
        status: 'completed',
        reason: 'completed',
        summary: 'Greeted',
        turns: 1,
        usage: { inputTokens: 10, outputTokens: 5 },
        durationMs: 1000,
        filesChanged: ['broken.txt', 'whole.txt'],
      },
    ].map((event, i) => JSON.stringify({ ...base, seq: i + 1, ...event }));
    mkdirSync(join(trace(), '..'), { recursive: true });
    writeFileSync(trace(), `${events.join('\n')}\n`);
  });
  const workbench = useWorkbench();
  after(() => rmSync(trace(), { force: true }));

  it('shows the rest of the run, one broken card, and names the skipped line in the header', async () => {
    const frame = await workbench().followFrame();
    const picker = frame.locator('.run-picker');
    const choose = (value: string) =>
      picker.evaluate((el, v) => {
        (el as HTMLElement & { value: string }).value = v;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    await picker
      .locator('vscode-option', { hasText: 'Hand-edited run' })
      .waitFor({ state: 'attached', timeout: 30_000 });
    await choose(runId);
    try {
      await frame.locator('.card-run-end').waitFor({ timeout: 30_000 });
      assert.match(
        (await frame.locator('.skipped-lines').textContent()) ?? '',
        /One line of this run’s trace could not be read and was skipped \(line 3\)/,
      );
      await frame.locator('.card-decision', { hasText: 'Greet in two files' }).waitFor({ timeout: 10_000 });
      await frame.locator('.card-edit', { hasText: 'whole.txt' }).waitFor({ timeout: 10_000 });
      assert.equal(await frame.locator('.card-edit', { hasText: 'broken.txt' }).count(), 0);
      const broken = frame.locator('.card-broken');
      assert.equal(await broken.count(), 1);
      assert.match((await broken.textContent()) ?? '', /Event 5 \(decision\) could not be shown/);
    } finally {
      // The log remembers the chosen run; the next tests follow the newest again.
      await choose('__newest__');
    }
  });
});
