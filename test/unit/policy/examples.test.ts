// Every worked case of the normative examples file, which CI checks out beside the repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkCommand } from '../../../src/core/policy';
import { repoRoot } from './helpers';

interface Example {
  id: string;
  allow: string[];
  deny: string[];
  command: string;
  expect: string;
  why: string;
}

const examples: Example[] = JSON.parse(readFileSync(resolve(repoRoot(), '../shared/command-policy/examples.json'), 'utf8'));

describe('command policy: examples.json', () => {
  it('has examples', () => assert.ok(examples.length > 0));
  for (const e of examples) {
    it(`${e.id}: ${e.why}`, () => {
      const result = checkCommand(e.command, e);
      assert.equal(result.verdict, e.expect, JSON.stringify(result));
    });
  }
});
