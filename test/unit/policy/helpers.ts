// Shared by the policy tests: the repository root (tests run from out/, bundled) and a compact way
// to state many command cases.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { checkCommand, type Verdict } from '../../../src/core/policy';

export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'src'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return resolve(dir);
}

export type Case = [command: string, expect: Verdict];

/** One `it` per command, all under the same allow/deny lists. */
export function cases(title: string, allow: string[], deny: string[], list: Case[]): void {
  describe(title, () => {
    for (const [command, expect] of list) {
      it(`${JSON.stringify(command)} → ${expect}`, () => {
        const result = checkCommand(command, { allow, deny });
        assert.equal(result.verdict, expect, JSON.stringify(result));
      });
    }
  });
}
