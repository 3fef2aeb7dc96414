// "Tiller: Test Model Connection" in VS Code against the fake model server: one tiny request with
// the key from secret storage, true on an answer; a refused key or a server that is gone says so
// and returns false.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-model-server';
import { setAgent, tiller } from './util';

const KEY = 'sk-tiller-connection-test';

const testConnection = () => vscode.commands.executeCommand<boolean>('tiller.testModelConnection');

describe('Model connection test', function () {
  this.timeout(60_000);
  let server: FakeModelServer;

  before(async () => {
    await tiller();
    server = await startFakeModelServer({ apiKey: KEY, models: ['fake-model'] });
    await setAgent({ provider: 'openai', baseUrl: server.openaiBaseUrl, model: 'fake-model' });
  });

  after(async () => {
    await setAgent({ provider: undefined, baseUrl: undefined, model: undefined });
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', '');
    await server.close();
  });

  it('sends one tiny request with the stored key and reports success', async () => {
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY);
    server.script([{ text: 'ready' }]);
    assert.equal(await testConnection(), true);
    assert.equal(server.requests.length, 1);
    const request = server.requests[0];
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(request.body.model, 'fake-model');
    assert.deepEqual(request.body.tools ?? [], []);
  });

  it('fails on a refused key, on an unknown model and on a server that does not answer', async () => {
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', 'sk-wrong');
    assert.equal(await testConnection(), false);
    await vscode.commands.executeCommand('tiller.setApiKey', 'openai', KEY);
    await setAgent({ model: 'no-such-model' });
    assert.equal(await testConnection(), false);
    await setAgent({ model: 'fake-model', baseUrl: 'http://127.0.0.1:9/v1' });
    assert.equal(await testConnection(), false);
  });
});
