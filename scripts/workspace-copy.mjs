// `node scripts/workspace-copy.mjs <target> [--fresh]`: a copy of test/fixtures/specs-workspace at
// target (made when missing; --fresh replaces it). The .vscode launch configurations open copies,
// because Tiller and its tests edit the workspace and the fixture must stay as committed.
import { resolve } from 'node:path';
import { ensureWorkspaceCopy } from './steps.mjs';

const args = process.argv.slice(2);
const target = args.find((arg) => !arg.startsWith('--'));
if (!target) {
  console.error('usage: node scripts/workspace-copy.mjs <target> [--fresh]');
  process.exit(2);
}
console.log(ensureWorkspaceCopy(resolve(target), { fresh: args.includes('--fresh') }));
