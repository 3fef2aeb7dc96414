// Kiro's legacy format: one hook per `.kiro/hooks/*.kiro.hook` file,
// `{enabled, name, description, version, when: {type, patterns}, then: {type, prompt | command, timeout}}`.
import type { Diagnostic } from '../diagnostics';
import { enabledFlag, isObject, optionalString, requiredString, stringList, timeoutMs } from './fields';
import { valueAt, type JsonDocument } from './json';
import type { Hook, HookAction } from './model';
import { Problems } from './problems';
import { LEGACY_TRIGGERS, PATH_TRIGGERS } from './triggers';
import type { HookSource } from './source';

export function parseLegacy(doc: JsonDocument, source: HookSource, diagnostics: Diagnostic[]): Hook {
  const problems = new Problems(doc, source.file, diagnostics);
  const root = valueAt(doc, []);
  const hook: Hook = {
    id: source.id,
    file: source.file,
    line: 1,
    name: source.defaultName,
    format: 'legacy',
    enabled: false,
    scope: source.scope,
    errors: problems.errors,
  };
  if (!isObject(root)) {
    problems.error([], 'hook-not-a-hook', 'a .kiro.hook file holds one JSON object with "when" and "then"');
    return hook;
  }
  hook.name = optionalString(doc, problems, ['name']) ?? source.defaultName;
  const description = optionalString(doc, problems, ['description']);
  if (description !== undefined) hook.description = description;
  hook.enabled = enabledFlag(doc, problems, ['enabled']);

  if (!isObject(root.when)) {
    const hint =
      'trigger' in root || 'event' in root
        ? ` (this file has "${'trigger' in root ? 'trigger' : 'event'}", which Kiro does not read)`
        : '';
    problems.error(
      ['when'],
      'hook-missing-field',
      `"when" is missing; it says what fires the hook, e.g. {"type": "fileEdited", "patterns": ["src/**/*.ts"]}${hint}`,
    );
  } else {
    const type = valueAt(doc, ['when', 'type']);
    hook.trigger = typeof type === 'string' ? LEGACY_TRIGGERS[type] : undefined;
    if (!hook.trigger) {
      problems.error(
        ['when', 'type'],
        'hook-unknown-trigger',
        `unknown trigger ${JSON.stringify(type)}; expected one of ${Object.keys(LEGACY_TRIGGERS).join(', ')}`,
      );
    }
    const patterns = stringList(doc, problems, ['when', 'patterns']);
    if (patterns) hook.patterns = patterns;
    if (hook.trigger && PATH_TRIGGERS.has(hook.trigger) && hook.trigger !== 'commit' && !patterns?.length) {
      problems.error(
        ['when'],
        'hook-missing-field',
        `"when.patterns" is missing; a ${type} hook needs the globs of the files it watches`,
      );
    }
  }
  hook.action = legacyAction(doc, problems, root.then);
  return hook;
}

function legacyAction(doc: JsonDocument, problems: Problems, then: unknown): HookAction | undefined {
  if (!isObject(then)) {
    problems.error(
      ['then'],
      'hook-missing-field',
      '"then" is missing; it says what the hook does: {"type": "askAgent", "prompt": ...} or {"type": "runCommand", "command": ...}',
    );
    return undefined;
  }
  switch (then.type) {
    case 'askAgent': {
      const prompt = requiredString(doc, problems, ['then', 'prompt'], 'what to ask the agent');
      return prompt === undefined ? undefined : { type: 'agent', prompt };
    }
    case 'runCommand': {
      const command = requiredString(doc, problems, ['then', 'command'], 'the shell command to run');
      const timeout = timeoutMs(doc, problems, ['then', 'timeout']);
      if (command === undefined) return undefined;
      return timeout === undefined ? { type: 'command', command } : { type: 'command', command, timeoutMs: timeout };
    }
    default:
      problems.error(
        ['then', 'type'],
        'hook-unknown-action',
        `unknown action ${JSON.stringify(then.type)}; expected askAgent or runCommand`,
      );
      return undefined;
  }
}
