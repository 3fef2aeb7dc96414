// What a side-by-side Run All leaves for a person to decide, in the real workbench: a task whose
// changes conflict with work merged before it keeps its worktree and branch, says which files
// conflict, and Discard removes both (its task back to [ ]); a spec with changes that are not
// committed cannot run in worktrees, and "Run One at a Time" runs its tasks in place instead.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '../support/wait-until';
import { useWorkbench, type Workbench } from './workbench';
import { call, scriptModel, workspace } from './e2e-env';
import { git, useGitSpec, worktrees } from './git-spec';

/** Waits for `done`; the fixture's PostCommit hook asks before it runs `cat` (on each merge), and those asks get Run once. */
async function answeringHooks(wb: Workbench, done: () => boolean | Promise<boolean>, what: () => string) {
  const asks = wb.page
    .locator('.notifications-center .notification-list-item')
    .filter({ hasText: /hook: Log commits wants to run/ });
  await waitUntil(
    async () => {
      if (await done()) return true;
      await wb.notifications();
      if (await asks.count())
        await asks
          .first()
          .locator('.monaco-button', { hasText: /^Run once$/ })
          .click();
      return false;
    },
    what,
    { timeoutMs: 120_000 },
  );
}

/** The notification matching `pattern`, from the notification centre (toasts are hidden here). */
async function notification(wb: Workbench, pattern: RegExp) {
  let texts: string[] = [];
  await answeringHooks(
    wb,
    async () => (texts = await wb.notifications()).some((t) => pattern.test(t)),
    () => `a notification matching ${pattern}; the centre shows ${JSON.stringify(texts)}`,
  );
  return wb.page.locator('.notifications-center .notification-list-item').filter({ hasText: pattern }).first();
}

/** How many requests the fake model server has answered so far. */
async function modelRequests(): Promise<number> {
  const response = await fetch(`${process.env.TILLER_E2E_MODEL_URL}/_fake/requests`);
  return ((await response.json()) as unknown[]).length;
}

async function runAll(wb: Workbench, spec: string): Promise<void> {
  await wb.openContainer('Tiller');
  await wb.runCommand('Tiller: Run All Tasks');
  await wb.pickQuickItem(spec);
}

describe('A side-by-side task whose changes conflict, in the workbench', function () {
  this.timeout(180_000);
  const SPEC = 'aa-kept-demo';
  const tasksOnDisk = useGitSpec(SPEC, '# Tasks\n\n- [ ] 1. (P) Write shared one\n- [ ] 2. (P) Write shared two\n', {
    parallelism: 2,
    leftovers: ['shared.txt'],
  });
  const workbench = useWorkbench();

  it('keeps its worktree and branch, names the conflicting file, and Discard removes them', async () => {
    const before = await modelRequests();
    const hold = { holdUntilInFlight: 2 };
    await scriptModel([
      { ...call('write_file', { path: 'shared.txt', content: 'one\n', rationale: 'first writer' }), ...hold },
      { ...call('write_file', { path: 'shared.txt', content: 'two\n', rationale: 'second writer' }), ...hold },
      call('complete_task', { summary: 'Wrote shared.txt' }),
      call('complete_task', { summary: 'Wrote shared.txt' }),
    ]);
    await runAll(workbench(), SPEC);

    const kept = await notification(workbench(), /task [12] did not merge: its changes conflict in shared\.txt/);
    const loser = /task ([12]) did not merge/.exec((await kept.textContent()) ?? '')?.[1];
    const winner = loser === '1' ? '2' : '1';
    assert.equal(worktrees(), 2, 'the conflicting task’s worktree is kept for inspection');
    assert.match(git('branch', '--list', 'tiller/*'), new RegExp(`tiller/${SPEC}/${loser}`));
    assert.equal(readFileSync(join(workspace(), 'shared.txt'), 'utf8'), winner === '1' ? 'one\n' : 'two\n');
    await kept.locator('.monaco-button', { hasText: /^Discard$/ }).click();
    await answeringHooks(
      workbench(),
      () => worktrees() === 1 && git('branch', '--list', 'tiller/*') === '',
      () => `the kept worktree and branch removed: ${git('worktree', 'list')} / ${git('branch', '--list', 'tiller/*')}`,
    );
    assert.match(tasksOnDisk(), new RegExp(`- \\[x\\] ${winner}\\. `));
    assert.match(tasksOnDisk(), new RegExp(`- \\[ \\] ${loser}\\. `));
    assert.equal((await modelRequests()) - before, 4, 'each task had its two turns');
  });
});

describe('Run All side by side on a spec with uncommitted changes, in the workbench', function () {
  this.timeout(180_000);
  const SPEC = 'aa-one-by-one-demo';
  const tasksOnDisk = useGitSpec(SPEC, '# Tasks\n\n- [ ] 1. (P) First\n- [ ] 2. (P) Second\n', {
    parallelism: 2,
    uncommitted: '- [ ] 3. Typed in, not committed\n',
  });
  const workbench = useWorkbench();

  it('offers Run One at a Time, which runs the tasks in place: no worktree, no commit', async () => {
    const commits = git('rev-list', '--count', 'HEAD');
    const before = await modelRequests();
    const done = call('complete_task', { summary: 'Done' });
    await scriptModel([done, done, done]);
    await runAll(workbench(), SPEC);
    const offer = await notification(workbench(), /cannot run side by side: .*not committed/);
    await offer.locator('.monaco-button', { hasText: /^Run One at a Time$/ }).click();
    await answeringHooks(
      workbench(),
      () => !/- \[ \]/.test(tasksOnDisk()),
      () => `every task ticked in tasks.md, which reads:\n${tasksOnDisk()}`,
    );
    assert.equal(worktrees(), 1, 'no worktree was made');
    assert.equal(git('rev-list', '--count', 'HEAD'), commits, 'in place, nothing is committed');
    assert.equal((await modelRequests()) - before, 3, 'one turn per task');
  });
});
