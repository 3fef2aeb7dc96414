// `tiller hooks`: the hooks engine from a terminal. `list` shows every hook file's hooks as the
// engine reads them (invalid ones with their errors); `match` is a dry run saying which hooks an
// event would fire and with which paths; `enable`/`disable` rewrite one `enabled` value in place.
import { homedir } from 'node:os';
import { loadHooks, matchingHooks, setHookEnabled, type Hook, type HookEvent, type HookEventType } from '../core/hooks';
import { workspacePath } from '../core/workspace';
import { parse, printJson, required, UsageError } from './args';

const EVENTS: readonly HookEventType[] = [
  'saved',
  'created',
  'changed',
  'deleted',
  'commit',
  'task-start',
  'task-end',
  'agent-stop',
  'prompt-submit',
  'session-start',
  'manual',
];

const USAGE = `usage: tiller hooks list [--json] [--home DIR] [--workspace DIR]
       tiller hooks match --event EVENT [--path P]... [--spec S --task T] [--hook ID|NAME] [--json]
       tiller hooks enable|disable ID|NAME

Hook files: .kiro/hooks/*.kiro.hook (Kiro legacy), .kiro/hooks/*.json (v1), and ~/.kiro/hooks (--home DIR
replaces ~). EVENT is one of ${EVENTS.join(', ')}. A change on disk (changed) counts as a save, as in
\`tiller watch\`. Paths are workspace-relative or absolute; for commit, --path names the committed files.
For task-start and task-end, --spec and --task are optional: without them, hooks with a matcher (tested
against SPEC/TASK) do not match.`;

interface Values {
  home?: string;
  event?: string;
  path?: string[];
  spec?: string;
  task?: string;
  status?: string;
  hook?: string;
  sha?: string;
  message?: string;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    (sub ? console.log : console.error)(USAGE);
    return sub ? 0 : 2;
  }
  const { values, positionals } = parse<Values>(
    rest,
    {
      home: { type: 'string' },
      event: { type: 'string' },
      path: { type: 'string', multiple: true },
      spec: { type: 'string' },
      task: { type: 'string' },
      status: { type: 'string' },
      hook: { type: 'string' },
      sha: { type: 'string' },
      message: { type: 'string' },
    },
    USAGE,
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const set = await loadHooks({ workspaceRoot: values.workspace, home: values.home ?? homedir() });
  const rel = (file: string) => workspacePath(values.workspace, file);
  switch (sub) {
    case 'list':
      if (values.json) printJson(set.hooks.map((h) => row(h, rel)));
      else {
        for (const h of set.hooks)
          console.log(
            `${h.enabled ? '●' : '○'} ${h.name}  [${h.trigger ?? 'unknown trigger'} → ${h.action?.type ?? 'no action'}]  ${h.id}`,
          );
        for (const d of set.diagnostics)
          console.error(`${rel(d.file)}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
      }
      return 0;
    case 'match': {
      const event = eventFrom(values, set.hooks);
      const found = matchingHooks(set.hooks, event, true);
      if (values.json)
        printJson(
          found.map(({ hook, payload }) => ({
            file: rel(hook.file),
            id: hook.id,
            name: hook.name,
            trigger: hook.trigger,
            action: hook.action,
            paths: payload.paths,
          })),
        );
      else
        for (const { hook, payload } of found)
          console.log(`${hook.name}  (${hook.id})${payload.paths.length ? `: ${payload.paths.join(', ')}` : ''}`);
      return 0;
    }
    case 'enable':
    case 'disable': {
      if (positionals.length !== 1) throw new UsageError(`give one hook id or name to ${sub}`, USAGE);
      const hook = findHook(set.hooks, positionals[0]);
      await setHookEnabled(hook, sub === 'enable');
      console.log(`${sub}d ${hook.name} (${hook.id})`);
      return 0;
    }
    default:
      throw new UsageError(`unknown hooks command '${sub}'`, USAGE);
  }
}

function row(h: Hook, rel: (file: string) => string) {
  return {
    file: rel(h.file),
    id: h.id,
    name: h.name,
    format: h.format,
    trigger: h.trigger ?? null,
    patterns: h.patterns ?? null,
    matcher: h.matcher ?? null,
    action: h.action ?? null,
    enabled: h.enabled,
    errors: h.errors,
  };
}

function eventFrom(values: Values, hooks: readonly Hook[]): HookEvent {
  const type = required(values.event, 'event', USAGE) as HookEventType;
  const paths = values.path ?? [];
  switch (type) {
    case 'saved':
    case 'created':
    case 'changed':
    case 'deleted':
      if (!paths.length) throw new UsageError(`--event ${type} needs at least one --path`, USAGE);
      return { type, paths };
    case 'commit':
      return { type, sha: values.sha ?? '0'.repeat(40), message: values.message ?? '', files: paths };
    case 'task-start':
    case 'task-end':
      // Without a task, the hooks that fire for every task still answer; a matcher needs one.
      if ((values.spec === undefined) !== (values.task === undefined))
        throw new UsageError(`--event ${type} takes --spec and --task together, or neither`, USAGE);
      return {
        type,
        ...(values.spec !== undefined ? { spec: values.spec, task: values.task } : {}),
        ...(values.status ? { status: values.status } : {}),
      };
    case 'manual':
      return { type, hookId: findHook(hooks, required(values.hook, 'hook', USAGE)).id };
    case 'agent-stop':
    case 'session-start':
    case 'prompt-submit':
      return { type };
    default:
      throw new UsageError(`unknown event '${type}'; expected one of ${EVENTS.join(', ')}`, USAGE);
  }
}

function findHook(hooks: readonly Hook[], key: string): Hook {
  const found = hooks.filter((h) => h.id === key || h.name === key);
  if (found.length === 1) return found[0];
  if (found.length > 1)
    throw new UsageError(
      `'${key}' names ${found.length} hooks; use an id: ${found.map((h) => h.id).join(', ')}`,
      USAGE,
    );
  throw new UsageError(`no hook '${key}'; hooks here: ${hooks.map((h) => h.id).join(', ') || 'none'}`, USAGE);
}
