// `tiller run` as a process against the fake model server, on a temp copy of the fixture
// workspace. Uses dist/cli.js, which the tests build (`node esbuild.config.mjs --tests`) writes.
import assert from 'node:assert/strict';
import { readTrace } from '../../../src/core/trace';
import { startFakeModelServer, type FakeModelServer } from '../../support/fake-model-server';
import { assertCliBuilt, FAKE_KEY, fakeModelFlags, lastLine, runTiller as tiller } from '../../support/tiller-cli';
import { marker, ofType, TempWorkspace } from './helpers';
import { FULL_SCRIPT } from './full-script';

describe('tiller run (process)', function () {
  this.timeout(30_000);
  let server: FakeModelServer;
  let ws: TempWorkspace;
  before(assertCliBuilt);
  beforeEach(async () => {
    server = await startFakeModelServer({ apiKey: FAKE_KEY });
    ws = new TempWorkspace();
  });
  afterEach(async () => {
    await server.close();
    ws.dispose();
  });

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`${kind}: runs the next task to completion; the last stdout line is the outcome`, async () => {
      server.script(FULL_SCRIPT);
      const r = await tiller(ws, [
        'run',
        '--spec',
        'user-auth',
        '--next',
        ...fakeModelFlags(server, kind),
        '--context-tokens',
        '64000',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const outcome = lastLine(r.stdout);
      assert.deepEqual(Object.keys(outcome), ['runId', 'status', 'spec', 'specDir', 'task', 'trace', 'usage']);
      assert.equal(outcome.status, 'completed');
      assert.equal(outcome.spec, 'user-auth');
      assert.equal(outcome.task, '2.1');
      assert.equal(marker(ws.read('.kiro/specs/user-auth/tasks.md'), '2.1'), 'x');
      const { events } = await readTrace(outcome.trace);
      assert.equal(ofType(events, 'decision')[0].title, 'One error for both failures');
      assert.equal(
        ofType(events, 'run-start')[0].settings.contextTokens,
        64_000 - 8_192,
        'the window less the reply room',
      );
      assert.match(ofType(events, 'edit')[0].diff, /\+\+\+ b\/src\/auth\/sign-in\.ts/);
      assert.match(r.stderr, /refused: npm test: .*there is no one to approve it/);

      const exported = await tiller(ws, ['export', '--run', outcome.runId]);
      assert.equal(exported.code, 0);
      assert.match(exported.stdout, /^# Run /);
      assert.match(exported.stdout, /### Decision: One error for both failures/);
    });
  }

  it('Ctrl-C cancels cleanly: status back to [ ], exit 1, outcome cancelled', async () => {
    server.script([{ hang: true }]);
    let sent = false;
    const r = await tiller(
      ws,
      ['run', '--spec', 'user-auth', '--task', '2.1', ...fakeModelFlags(server)],
      (stderr, kill) => {
        if (!sent && /context:/.test(stderr)) {
          sent = true;
          void server.waitForRequests(1).then(kill);
        }
      },
    );
    assert.equal(r.code, 1, r.stderr);
    const outcome = lastLine(r.stdout);
    assert.equal(outcome.status, 'cancelled');
    assert.equal(marker(ws.read('.kiro/specs/user-auth/tasks.md'), '2.1'), ' ');
  });

  it('exits 2 on usage errors and 1 when a run fails', async () => {
    assert.equal((await tiller(ws, ['run', '--spec', 'user-auth'])).code, 2);
    const zero = await tiller(ws, [
      'run',
      '--spec',
      'user-auth',
      '--next',
      '--provider',
      'openai',
      '--base-url',
      server.openaiBaseUrl,
      '--model',
      'fake',
      '--context-tokens',
      '0',
    ]);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /--context-tokens must be a positive whole number/);
    server.script([{ status: 401 }]);
    const r = await tiller(ws, ['run', '--spec', 'user-auth', '--task', '2.1', ...fakeModelFlags(server)]);
    assert.equal(r.code, 1);
    assert.equal(lastLine(r.stdout).status, 'failed');
    assert.equal(marker(ws.read('.kiro/specs/user-auth/tasks.md'), '2.1'), ' ');
  });
});
