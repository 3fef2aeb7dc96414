// The fake model server as its own process, for end-to-end tests whose model client runs in
// another process (VS Code's extension host, `tiller run`).
//
//   node out/test/support/fake-model-server-cli.js [--script turns.json] [--models a,b]
//        [--api-key KEY] [--lifetime-ms N] [--port N]
//
// Prints the base URL (`http://127.0.0.1:<port>`) as its first stdout line once listening.
// `turns.json` holds a JSON array of turns (see FakeTurn in fake-model-server.ts); more can be
// appended with POST <url>/_fake/script, and GET <url>/_fake/requests returns what was received.
// Exits on SIGTERM/SIGINT, or by itself when its lifetime (default 10 minutes) ends.

import { readFileSync } from 'node:fs';
import { startFakeModelServer, type FakeModelServerOptions, type FakeTurn } from './fake-model-server';

function parseArgs(argv: string[]): { script: FakeTurn[]; options: FakeModelServerOptions } {
  const options: FakeModelServerOptions = {};
  let script: FakeTurn[] = [];
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--script') script = JSON.parse(readFileSync(value, 'utf8')) as FakeTurn[];
    else if (flag === '--models') options.models = value.split(',');
    else if (flag === '--api-key') options.apiKey = value;
    else if (flag === '--lifetime-ms') options.lifetimeMs = Number(value);
    else if (flag === '--port') options.port = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  if (!Array.isArray(script)) throw new Error('the script file must hold a JSON array of turns');
  return { script, options };
}

async function main(): Promise<void> {
  const { script, options } = parseArgs(process.argv.slice(2));
  const server = await startFakeModelServer(options);
  server.script(script);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`${server.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-model-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
