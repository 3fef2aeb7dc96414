// The text of a new hook file in either format, from the few answers the New Hook wizard asks for.
// The output is what Kiro itself writes (two-space JSON, `enabled` first in legacy files), so a
// hook made here reads the same in Kiro and passes the schemas.
import { LEGACY_TRIGGERS, PATH_TRIGGERS, V1_TRIGGERS, type HookFormat, type Trigger } from '../../core/hooks';

export interface NewHook {
  format: HookFormat;
  name: string;
  /** The format's own trigger name: `fileEdited` (legacy), `PostFileSave` (v1), … */
  trigger: string;
  /** Legacy: globs, comma-separated (`!` excludes). v1: a regular expression. Empty: everything. */
  pattern?: string;
  action: { type: 'agent'; prompt: string } | { type: 'command'; command: string };
}

export function triggerNames(format: HookFormat): Array<{ name: string; trigger: Trigger }> {
  return Object.entries(format === 'v1' ? V1_TRIGGERS : LEGACY_TRIGGERS).map(([name, trigger]) => ({ name, trigger }));
}

/** Whether a pattern (legacy) or matcher (v1) means anything for this trigger. */
export function takesPattern(format: HookFormat, trigger: string): boolean {
  const normalized = (format === 'v1' ? V1_TRIGGERS : LEGACY_TRIGGERS)[trigger];
  if (!normalized) return false;
  return (
    PATH_TRIGGERS.has(normalized) || (format === 'v1' && (normalized === 'preToolUse' || normalized === 'postToolUse'))
  );
}

/** `review-ts-on-save.kiro.hook`, `pre-task-check.json`; `suffix` tells apart names already taken. */
export function hookFileName(hook: Pick<NewHook, 'format' | 'name'>, suffix = 1): string {
  const slug =
    hook.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'hook';
  return `${slug}${suffix > 1 ? `-${suffix}` : ''}${hook.format === 'v1' ? '.json' : '.kiro.hook'}`;
}

export function hookFileText(hook: NewHook): string {
  const pattern = hook.pattern?.trim() ? hook.pattern.trim() : undefined;
  const usesPattern = pattern !== undefined && takesPattern(hook.format, hook.trigger);
  if (hook.format === 'legacy') {
    const patterns = usesPattern
      ? pattern
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : undefined;
    const file = {
      enabled: true,
      name: hook.name,
      version: '1',
      when: { type: hook.trigger, ...(patterns ? { patterns } : {}) },
      then:
        hook.action.type === 'agent'
          ? { type: 'askAgent', prompt: hook.action.prompt }
          : { type: 'runCommand', command: hook.action.command },
    };
    return `${JSON.stringify(file, null, 2)}\n`;
  }
  const entry = {
    name: hook.name,
    trigger: hook.trigger,
    ...(usesPattern ? { matcher: pattern } : {}),
    action:
      hook.action.type === 'agent'
        ? { type: 'agent', prompt: hook.action.prompt }
        : { type: 'command', command: hook.action.command },
    enabled: true,
  };
  return `${JSON.stringify({ version: 'v1', hooks: [entry] }, null, 2)}\n`;
}
