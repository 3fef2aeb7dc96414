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

// v1.1 cases the checker does not meet yet: issue #10's work removes each id as it is fixed, and
// this list must be empty before #10 is resolved. Pending, not hidden: mocha reports them.
const notYetV11 = new Set([
  'eval-comment-only-script',
  'empty-heredoc-script-keeps-assignment',
  'shell-unlisted-o-name',
  'sh-c-herestring-opaque',
  'time-dashdash-then-wrappers-deny',
  'array-literal-subscripts-in-rest',
  'integer-variable-value-opaque',
  'unset-subscripted-name-opaque',
  'readarray-callback-opaque',
  'typeset-array-elements-scanned-deny',
  'heredoc-in-subst-ends-at-delim-paren',
  'dq-default-with-single-quotes',
  'heredoc-body-default-single-quotes',
  'digit-before-procsub-is-a-word',
  'shell-O-option-still-denied',
]);

describe('command policy: examples.json', () => {
  it('has examples', () => assert.ok(examples.length > 0));
  for (const e of examples) {
    (notYetV11.has(e.id) ? it.skip : it)(`${e.id}: ${e.why}`, () => {
      const result = checkCommand(e.command, e);
      assert.equal(result.verdict, e.expect, JSON.stringify(result));
    });
  }
});
