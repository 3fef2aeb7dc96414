import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { recoverWaves } from '../../../src/core/waves';
import { WaveJournal, wavesDir } from '../../../src/core/waves/recover';
import { createWorktree, openRepository } from '../../../src/core/waves/worktree';
import { GitWorkspace, TASKS_FILE } from './helpers';

describe('interrupted waves', function () {
  this.timeout(30_000);
  let ws: GitWorkspace;
  afterEach(() => ws?.dispose());

  it('a journal whose process is gone: its [~]/[-] tasks back to [ ], merged [x] kept, worktrees listed', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [ ] 1. (P) One\n- [ ] 2. (P) Two\n- [ ] 3. (P) Three\n- [ ] 4. Four\n' });
    ws.write({ [TASKS_FILE]: '- [x] 1. (P) One\n- [-] 2. (P) Two\n- [~] 3. (P) Three\n- [-] 4. Four\n' });
    const kept = await createWorktree(await openRepository(ws.root), 'demo', '2');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    mkdirSync(wavesDir(ws.root), { recursive: true });
    const record = {
      id: '20260101-120000-wave00',
      process: { pid: gone, host: hostname(), startedAt: new Date(Date.now() - 60_000).toISOString() },
      spec: 'demo',
      tasksFile: join(ws.root, TASKS_FILE),
      tasks: ['1', '2', '3'],
    };
    writeFileSync(join(wavesDir(ws.root), `${record.id}.json`), JSON.stringify(record));

    const found = await recoverWaves({ workspaceRoot: ws.root });
    assert.deepEqual(found, [
      { id: record.id, spec: 'demo', restored: ['2', '3'], kept: [{ branch: kept.branch, path: kept.path }] },
    ]);
    // Task 4 was not the wave's: whoever set its marker owns it.
    assert.equal(ws.read(TASKS_FILE), '- [x] 1. (P) One\n- [ ] 2. (P) Two\n- [ ] 3. (P) Three\n- [-] 4. Four\n');
    assert.deepEqual(readdirSync(wavesDir(ws.root)), []);
    assert.deepEqual(await recoverWaves({ workspaceRoot: ws.root }), [], 'reported once');
  });

  it('leaves the journal of a run this process is running alone, and a closed one is gone', async () => {
    ws = new GitWorkspace({ [TASKS_FILE]: '- [~] 1. (P) One\n' });
    const journal = new WaveJournal(ws.root, 'demo', join(ws.root, TASKS_FILE));
    await journal.mark(['1']);
    assert.deepEqual(await recoverWaves({ workspaceRoot: ws.root }), []);
    assert.equal(ws.read(TASKS_FILE), '- [~] 1. (P) One\n');
    await journal.close();
    assert.equal(existsSync(join(wavesDir(ws.root), `${journal.id}.json`)), false);
  });
});
