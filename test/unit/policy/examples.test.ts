// Every worked case of the normative examples (docs/command-policy.md §12), bundled into the test
// so that loading this file does no I/O.
import assert from 'node:assert/strict';
import { checkCommand } from '../../../src/core/policy';
import examplesJson from '../../fixtures/command-policy/examples.json';

interface Example {
  id: string;
  allow: string[];
  deny: string[];
  command: string;
  expect: string;
  why: string;
}

const examples: Example[] = examplesJson as Example[];

describe('command policy: examples.json', () => {
  it('has examples', () => assert.ok(examples.length > 0));
  for (const e of examples) {
    it(`${e.id}: ${e.why}`, () => {
      const result = checkCommand(e.command, e);
      assert.equal(result.verdict, e.expect, JSON.stringify(result));
    });
  }
});
