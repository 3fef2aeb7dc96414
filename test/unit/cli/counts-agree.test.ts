// `tiller specs` and `tiller tasks` agree on every spec of every fixture workspace: one parse
// behind both, so a spec's progress never changes between the list and its tasks.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliCounts } from '../../support/cli-counts';

const fixtures = resolve(__dirname, '../../../../test/fixtures');

describe('tiller specs and tiller tasks counts', () => {
  it('agree on every spec of every fixture workspace', async function () {
    this.timeout(60_000);
    const workspaces = readdirSync(fixtures).filter((name) => name !== 'command-policy');
    let specs = 0;
    for (const name of workspaces) {
      for (const row of await cliCounts(join(fixtures, name))) {
        assert.deepEqual(row.specs, row.tasks, `${name}: ${row.folder}`);
        specs++;
      }
    }
    assert.ok(specs >= 20, `${specs} specs compared`);
  });
});
