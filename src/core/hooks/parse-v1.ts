// The v1 container format: `.kiro/hooks/*.json` holding
// `{"version": "v1", "hooks": [{name, description, trigger, matcher, action: {type: agent | command, ...}, timeout, enabled}]}`.
// Real files put `timeout` inside a command action; a hook-level `timeout` is read too.
import type { Diagnostic } from '../diagnostics';
import { enabledFlag, isObject, optionalString, requiredString, timeoutMs } from './fields';
import { valueAt, position, nodeAt, type JsonDocument, type JsonPath } from './json';
import type { Hook, HookAction } from './model';
import { Problems } from './problems';
import type { HookSource } from './source';
import { V1_TRIGGERS } from './triggers';

export function parseV1(doc: JsonDocument, source: HookSource, diagnostics: Diagnostic[]): Hook[] {
  const root = valueAt(doc, []);
  if (!isObject(root) || root.version !== 'v1' || !Array.isArray(root.hooks)) {
    const problems = new Problems(doc, source.file, diagnostics);
    const found = isObject(root)
      ? `found keys ${Object.keys(root)
          .map((k) => JSON.stringify(k))
          .join(', ')}`
      : 'found no JSON object';
    problems.error(
      isObject(root) && 'version' in root ? ['version'] : [],
      'hook-not-a-hook',
      `not a Kiro v1 hook file: expected {"version": "v1", "hooks": [...]} (${found})`,
    );
    return [
      {
        id: source.id,
        file: source.file,
        line: 1,
        name: source.defaultName,
        format: 'v1',
        enabled: false,
        scope: source.scope,
        errors: problems.errors,
      },
    ];
  }
  return root.hooks.map((_, index) => parseEntry(doc, source, index, diagnostics));
}

function parseEntry(doc: JsonDocument, source: HookSource, index: number, diagnostics: Diagnostic[]): Hook {
  const problems = new Problems(doc, source.file, diagnostics);
  const at = (...rest: JsonPath): JsonPath => ['hooks', index, ...rest];
  const node = nodeAt(doc, at());
  const hook: Hook = {
    id: `${source.id}#${index}`,
    file: source.file,
    line: node ? position(doc.text, node.offset).line : 1,
    name: `${source.defaultName} #${index + 1}`,
    format: 'v1',
    enabled: false,
    scope: source.scope,
    errors: problems.errors,
  };
  if (!isObject(valueAt(doc, at()))) {
    problems.error(at(), 'hook-not-a-hook', `hooks[${index}] must be an object`);
    return hook;
  }
  hook.name = optionalString(doc, problems, at('name')) ?? hook.name;
  const description = optionalString(doc, problems, at('description'));
  if (description !== undefined) hook.description = description;
  hook.enabled = enabledFlag(doc, problems, at('enabled'));

  const trigger = valueAt(doc, at('trigger'));
  hook.trigger = typeof trigger === 'string' ? V1_TRIGGERS[trigger] : undefined;
  if (!hook.trigger) {
    const what = trigger === undefined ? '"trigger" is missing' : `unknown trigger ${JSON.stringify(trigger)}`;
    problems.error(
      at('trigger'),
      'hook-unknown-trigger',
      `${what}; expected one of ${Object.keys(V1_TRIGGERS).join(', ')}`,
    );
  }
  const matcher = optionalString(doc, problems, at('matcher'));
  if (matcher !== undefined) {
    hook.matcher = matcher;
    try {
      new RegExp(matcher);
    } catch (err) {
      problems.error(
        at('matcher'),
        'hook-invalid-matcher',
        `"matcher" is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  hook.action = v1Action(doc, problems, at);
  return hook;
}

function v1Action(doc: JsonDocument, problems: Problems, at: (...rest: JsonPath) => JsonPath): HookAction | undefined {
  const action = valueAt(doc, at('action'));
  if (!isObject(action)) {
    problems.error(
      at('action'),
      'hook-missing-field',
      '"action" is missing; it says what the hook does: {"type": "agent", "prompt": ...} or {"type": "command", "command": ...}',
    );
    return undefined;
  }
  switch (action.type) {
    case 'agent': {
      const prompt = requiredString(doc, problems, at('action', 'prompt'), 'what to ask the agent');
      return prompt === undefined ? undefined : { type: 'agent', prompt };
    }
    case 'command': {
      const command = requiredString(doc, problems, at('action', 'command'), 'the shell command to run');
      const timeout = timeoutMs(doc, problems, at('action', 'timeout')) ?? timeoutMs(doc, problems, at('timeout'));
      if (command === undefined) return undefined;
      return timeout === undefined ? { type: 'command', command } : { type: 'command', command, timeoutMs: timeout };
    }
    default:
      problems.error(
        at('action', 'type'),
        'hook-unknown-action',
        `unknown action type ${JSON.stringify(action.type)}; expected agent or command`,
      );
      return undefined;
  }
}
