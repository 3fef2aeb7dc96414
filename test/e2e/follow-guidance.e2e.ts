// Guidance sent mid-run in the real workbench: while the run's command waits for approval, a
// message typed into the Follow log's guidance box reaches the model in its next request (the
// fake model server records it); the log shows it with who sent it, and the run's tokens.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';
import { call, scriptModel } from './e2e-env';
import { useSpec } from './spec-fixture';

// Sorts before every fixture spec, so it holds the workspace's next task.
const SPEC = 'aa-guidance-demo';

async function modelRequests(): Promise<Array<{ body: { messages: Array<{ role: string; content: unknown }> } }>> {
  const response = await fetch(`${process.env.TILLER_E2E_MODEL_URL}/_fake/requests`);
  return (await response.json()) as Array<{ body: { messages: Array<{ role: string; content: unknown }> } }>;
}

describe('Guidance to a working run', function () {
  this.timeout(180_000);
  useSpec(SPEC, { 'tasks.md': '# Tasks\n\n- [ ] 1. Leave a marker\n' }, ['guidance-e2e.txt']);
  const workbench = useWorkbench();

  it('reaches the model at its next turn', async () => {
    const before = (await modelRequests()).length;
    await scriptModel([
      call('run_command', { command: 'touch guidance-e2e.txt', rationale: 'Leave the marker' }),
      call('complete_task', { summary: 'Marker left' }),
    ]);
    await workbench().openContainer('Tiller');
    // No spec editor is active, so Run Next Task asks which spec (it never guesses by name).
    await workbench().runCommand('View: Close All Editors');
    await workbench().runCommand('Tiller: Run Next Task');
    await workbench().pickQuickItem(SPEC);
    await workbench().runCommand('Tiller: Open Follow Log');
    const frame = await workbench().webviewFrame('.follow-app.view-follow-panel', 30_000);
    const card = frame.locator('.approval-card', { hasText: 'touch guidance-e2e.txt' });
    await card.waitFor({ timeout: 60_000 });

    await frame.locator('.guidance-input').fill('Name the marker in the summary.');
    await frame.locator('[data-control="send-guidance"]').click();
    await frame.locator('.guidance-note', { hasText: 'Sent' }).waitFor({ timeout: 10_000 });
    assert.equal((await modelRequests()).length, before + 1, 'no request went out while the command waited');
    await card.locator('[data-control="run-once"]').click();

    await frame.locator('.card-guidance', { hasText: 'Name the marker in the summary.' }).waitFor({ timeout: 60_000 });
    await frame.locator('.card-run-end', { hasText: 'completed' }).waitFor({ timeout: 60_000 });
    const requests = (await modelRequests()).slice(before);
    assert.equal(requests.length, 2);
    const last = requests[1].body.messages.at(-1);
    assert.equal(last?.role, 'user');
    assert.match(String(last?.content), /Guidance from you[\s\S]*Name the marker in the summary\./);
    assert.doesNotMatch(JSON.stringify(requests[0].body.messages), /Name the marker/);
    assert.match((await frame.locator('.run-usage').textContent()) ?? '', /\d in · \d+ out/);
    await workbench().screenshot('follow-guidance');
  });
});
