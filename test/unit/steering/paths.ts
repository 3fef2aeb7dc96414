// Where the tests find their data: the bundled test file sits in out/test/unit/steering/.
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');
export const fixtureWorkspace = resolve(repoRoot, 'test/fixtures/specs-workspace');
