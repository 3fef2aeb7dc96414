// A task that ran in its own worktree ends with a `merge` event: the follow log says whether its
// branch merged and, when it did not, which files conflict and where the work is kept.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TraceEvent } from '../../src/protocol';
import { openFollow } from './harness';
import { summary } from './follow-fixtures';
import { RUN_ID, runEvents } from './run-events';

function withMerge(merged: boolean): TraceEvent[] {
  const events = runEvents(3);
  const last = events.at(-1)!;
  events.push({
    seq: last.seq + 1,
    time: last.time,
    runId: RUN_ID,
    type: 'merge',
    merged,
    branch: 'tiller/demo/2',
    conflicts: merged ? [] : ['shared.txt', 'src/app.ts'],
    reason: merged ? '' : 'its changes conflict with work merged before it in shared.txt, src/app.ts',
    worktree: merged ? null : '/repo/.git/tiller-worktrees/demo-2',
  });
  return events;
}

describe('follow log: a worktree task’s merge', () => {
  let page: Page;
  afterEach(async () => page?.close());

  it('names the conflicting files and the kept worktree when the branch did not merge', async () => {
    page = await openFollow({
      runs: [{ summary: summary(RUN_ID, 'completed'), events: withMerge(false) }],
      viewport: { width: 900, height: 2600 },
    });
    const card = page.locator('.card-merge');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    assert.match(text, /Not merged: tiller\/demo\/2/);
    assert.match(text, /Conflicting files: shared\.txt, src\/app\.ts/);
    assert.match(text, /kept in \/repo\/\.git\/tiller-worktrees\/demo-2/);
  });

  it('says merged, and nothing about conflicts, when it did', async () => {
    page = await openFollow({
      runs: [{ summary: summary(RUN_ID, 'completed'), events: withMerge(true) }],
      viewport: { width: 900, height: 2600 },
    });
    const card = page.locator('.card-merge');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    assert.match(text, /Merged tiller\/demo\/2/);
    assert.doesNotMatch(text, /Conflicting|kept in/);
  });
});
