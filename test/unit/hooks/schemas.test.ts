// The JSON schemas editors validate hook files with must name the same triggers and actions as the
// engine reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEGACY_TRIGGERS, V1_TRIGGERS } from '../../../src/core/hooks';
import { repoRoot } from './helpers';

function schema(name: string) {
  return JSON.parse(readFileSync(join(repoRoot, 'schemas', name), 'utf8'));
}

describe('hooks: JSON schemas', () => {
  it('kiro-hook.schema.json names every legacy trigger and both actions', () => {
    const s = schema('kiro-hook.schema.json');
    assert.deepEqual(s.properties.when.properties.type.enum, Object.keys(LEGACY_TRIGGERS));
    assert.equal(
      s.properties.when.properties.type.markdownEnumDescriptions.length,
      Object.keys(LEGACY_TRIGGERS).length,
    );
    assert.deepEqual(s.properties.then.properties.type.enum, ['askAgent', 'runCommand']);
  });

  it('hooks-v1.schema.json names every v1 trigger and both actions', () => {
    const s = schema('hooks-v1.schema.json');
    const hook = s.properties.hooks.items;
    assert.deepEqual(hook.properties.trigger.enum, Object.keys(V1_TRIGGERS));
    assert.equal(hook.properties.trigger.markdownEnumDescriptions.length, Object.keys(V1_TRIGGERS).length);
    assert.deepEqual(hook.properties.action.properties.type.enum, ['agent', 'command']);
  });
});
