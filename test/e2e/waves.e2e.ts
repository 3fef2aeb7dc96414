// Run All Tasks side by side, as a person runs it: tiller.agent.parallelism 2 in the workspace's
// settings, the palette's Run All Tasks on a git workspace, the fake model server holding both
// first answers until the two (P) tasks ask at once (so they ran in parallel, in their worktrees).
// Their changes land in the workspace, one commit each, no worktree is left, and tasks.md ends
// with the right markers and nothing else changed.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../support/wait-until';
import { useWorkbench } from './workbench';
import { call, scriptModel, workspace } from './e2e-env';
import { git, useGitSpec, worktrees } from './git-spec';

const SPEC = 'aa-waves-demo';
const TASKS = '# Tasks\n\n- [ ] 1. (P) Write alpha\n- [ ] 2. (P) Write beta\n';

describe('Run All Tasks side by side in the workbench', function () {
  this.timeout(180_000);
  const tasksOnDisk = useGitSpec(SPEC, TASKS, { parallelism: 2, leftovers: ['alpha.txt', 'beta.txt'] });
  const workbench = useWorkbench();

  it('runs the two (P) tasks at once in worktrees; both land, one commit each, tasks.md only gets its markers', async () => {
    const head = git('rev-list', '--count', 'HEAD');
    const hold = { holdUntilInFlight: 2 };
    await scriptModel([
      { ...call('write_file', { path: 'alpha.txt', content: 'alpha\n', rationale: 'first (P) task' }), ...hold },
      { ...call('write_file', { path: 'beta.txt', content: 'beta\n', rationale: 'second (P) task' }), ...hold },
      call('complete_task', { summary: 'Wrote one file' }),
      call('complete_task', { summary: 'Wrote one file' }),
    ]);
    // The follow log is open (and Tiller loaded) before the run starts.
    const frame = await workbench().followFrame();
    await workbench().runCommand('Tiller: Run All Tasks');
    await workbench().pickQuickItem(SPEC);

    await waitUntil(
      () => tasksOnDisk() === TASKS.replace(/\[ \]/g, '[x]'),
      () => `both tasks ticked in tasks.md, which reads:\n${tasksOnDisk()}`,
      { timeoutMs: 120_000 },
    );
    assert.equal(readFileSync(join(workspace(), 'alpha.txt'), 'utf8'), 'alpha\n');
    assert.equal(readFileSync(join(workspace(), 'beta.txt'), 'utf8'), 'beta\n');
    await waitUntil(
      () => worktrees() === 1,
      () => `the worktrees removed: ${git('worktree', 'list')}`,
    );
    assert.equal(Number(git('rev-list', '--count', 'HEAD')), Number(head) + 2, 'one commit per task');
    assert.equal(git('branch', '--list', 'tiller/*'), '');
    assert.deepEqual(
      git('diff', '--name-only', `HEAD~2`, 'HEAD').split('\n').sort(),
      ['alpha.txt', 'beta.txt'],
      'the commits hold the tasks’ files only',
    );
    // One lane per task of the wave in the follow log, each with its state.
    const lanes = frame.locator('.wave-lanes .wave-lane');
    await lanes.filter({ hasText: 'Write beta' }).waitFor({ timeout: 30_000 });
    assert.equal(await lanes.count(), 2);
    // tasks.md differs from the commit in its markers alone.
    assert.equal(git('show', `HEAD:.kiro/specs/${SPEC}/tasks.md`), TASKS.trimEnd());
  });
});
