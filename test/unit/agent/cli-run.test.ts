// `tiller run` as a process against the fake model server, on a temp copy of the fixture
// workspace. Uses dist/cli.js, which the tests build (`node esbuild.config.mjs --tests`) writes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace } from '../../../src/core/trace';
import { startFakeModelServer, type FakeModelServer } from '../../support/fake-model-server';
import { marker, ofType, repoRoot, TempWorkspace } from './helpers';
import { FULL_SCRIPT } from './full-script';

const cli = join(repoRoot, 'dist/cli.js');

function tiller(
  ws: TempWorkspace,
  args: string[],
  onStderr?: (text: string, kill: () => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: ws.root,
      env: { ...process.env, HOME: ws.home, FAKE_KEY: 'sk-test' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, () => child.kill('SIGINT'));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tiller run (process)', function () {
  this.timeout(30_000);
  let server: FakeModelServer;
  let ws: TempWorkspace;
  before(() => assert.ok(existsSync(cli), `${cli} is missing: build first`));
  beforeEach(async () => {
    server = await startFakeModelServer({ apiKey: 'sk-test' });
    ws = new TempWorkspace();
  });
  afterEach(async () => {
    await server.close();
    ws.dispose();
  });

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`${kind}: runs the next task to completion; the last stdout line is the outcome`, async () => {
      server.script(FULL_SCRIPT);
      const baseUrl = kind === 'openai' ? server.openaiBaseUrl : server.anthropicBaseUrl;
      const r = await tiller(ws, [
        'run',
        '--spec',
        'user-auth',
        '--next',
        '--provider',
        kind,
        '--base-url',
        baseUrl,
        '--model',
        'fake',
        '--api-key-env',
        'FAKE_KEY',
        '--context-tokens',
        '64000',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const outcome = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
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
      [
        'run',
        '--spec',
        'user-auth',
        '--task',
        '2.1',
        '--provider',
        'openai',
        '--base-url',
        server.openaiBaseUrl,
        '--model',
        'fake',
        '--api-key-env',
        'FAKE_KEY',
      ],
      (stderr, kill) => {
        if (!sent && /context:/.test(stderr)) {
          sent = true;
          void server.waitForRequests(1).then(kill);
        }
      },
    );
    assert.equal(r.code, 1, r.stderr);
    const outcome = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
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
    const r = await tiller(ws, [
      'run',
      '--spec',
      'user-auth',
      '--task',
      '2.1',
      '--provider',
      'openai',
      '--base-url',
      server.openaiBaseUrl,
      '--model',
      'fake',
      '--api-key-env',
      'FAKE_KEY',
    ]);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!).status, 'failed');
    assert.equal(marker(ws.read('.kiro/specs/user-auth/tasks.md'), '2.1'), ' ');
  });
});
