// Webview figures, measured in Chromium by scripts/run-webview-tests.mjs --bench (kept out of this
// bundle: it drives a browser through playwright-core): first render of a 2,000-task spec view;
// the follow log's first render of a 20,000-event run, frame time and heap while 1,000 events a
// second stream in for 10 s (test/webview/measure-follow.bench.ts); the gzipped size of the
// production webview bundle.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchRow } from './harness';

export default async function webviewBench(): Promise<BenchRow[]> {
  const root = resolve(__dirname, '..', '..');
  const run = spawnSync(process.execPath, ['scripts/run-webview-tests.mjs', '--bench'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('['))
    throw new Error(`webview bench failed (exit ${run.status}): ${run.stdout}`);
  return JSON.parse(last) as BenchRow[];
}
