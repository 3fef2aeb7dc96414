// Which hooks an event fires, and for which of its paths. Legacy `patterns` are picomatch globs on
// the workspace-relative path (`!` excludes, dot files included); a v1 `matcher` is a regular
// expression searched in that path (in the tool name, for tool triggers; in `<spec>/<task id>`, for
// task triggers). No patterns and no matcher means every path, tool or task.
import { isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Hook, HookEvent, HookPayload } from './model';
import { triggerFor } from './triggers';

type Test = (value: string) => boolean;
const compiled = new WeakMap<Hook, Test>();

/** A hook that can fire at all: enabled and without errors. */
export function isLive(hook: Hook): boolean {
  return hook.enabled && hook.errors.length === 0 && hook.trigger !== undefined && hook.action !== undefined;
}

/**
 * Whether a live hook needs events from disk: creations and deletions, and saves where a change on
 * disk counts as one (headless). Hosts watch the workspace only while this holds.
 */
export function needsDiskEvents(hooks: readonly Hook[], changedIsSave: boolean): boolean {
  return hooks.some(
    (h) =>
      isLive(h) &&
      (h.trigger === 'fileCreated' || h.trigger === 'fileDeleted' || (changedIsSave && h.trigger === 'fileSaved')),
  );
}

export function matcherFor(hook: Hook): Test {
  let test = compiled.get(hook);
  if (!test) {
    test = compile(hook);
    compiled.set(hook, test);
  }
  return test;
}

function compile(hook: Hook): Test {
  if (hook.matcher !== undefined) {
    const re = new RegExp(hook.matcher);
    return (value) => re.test(value);
  }
  if (!hook.patterns?.length) return () => true;
  const clean = (p: string) => p.replace(/^\.\//, '').replace(/^\//, '');
  const include = hook.patterns.filter((p) => !p.startsWith('!')).map(clean);
  const exclude = hook.patterns.filter((p) => p.startsWith('!')).map((p) => clean(p.slice(1)));
  const isIncluded = picomatch(include.length ? include : ['**'], { dot: true });
  const isExcluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  return (path) => isIncluded(path) && !isExcluded(path);
}

/** What a task hook's matcher or patterns are tested against: `<spec>/<task id>`, e.g. `user-auth/2.1`. */
export function taskKey(spec: string, task: string): string {
  return `${spec}/${task}`;
}

/** Workspace-relative with `/`; a path outside the workspace stays absolute (and matches no relative glob). */
export function relativePath(workspaceRoot: string, path: string): string {
  if (!isAbsolute(path)) return path.split(sep).join('/').replace(/^\.\//, '');
  const rel = relative(workspaceRoot, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

/**
 * What the event gives this hook, or undefined when it does not fire it. Paths must already be
 * workspace-relative. Does not look at `enabled` or trust; the dispatcher does.
 */
export function matchEvent(hook: Hook, event: HookEvent, changedIsSave: boolean): HookPayload | undefined {
  const trigger = triggerFor(event.type, changedIsSave);
  if (!trigger || trigger !== hook.trigger || hook.errors.length) return undefined;
  const test = matcherFor(hook);
  // A sub-project's hook sees the paths inside its sub-project, relative to it.
  const root = hook.root === undefined ? undefined : `${hook.root}/`;
  const testPath = root ? (path: string) => path.startsWith(root) && test(path.slice(root.length)) : test;
  switch (event.type) {
    case 'saved':
    case 'changed':
    case 'created':
    case 'deleted': {
      const paths = event.paths.filter(testPath);
      return paths.length ? { trigger, paths } : undefined;
    }
    case 'commit': {
      const { sha, message, files } = event;
      const patterned = hook.patterns?.length || hook.matcher !== undefined;
      const paths = files.filter(testPath);
      if (patterned && !paths.length) return undefined;
      return { trigger, paths, commits: [{ sha, message, files }] };
    }
    case 'task-start':
    case 'task-end': {
      const patterned = hook.patterns?.length || hook.matcher !== undefined;
      if (event.spec === undefined || event.task === undefined) return patterned ? undefined : { trigger, paths: [] };
      if (!test(taskKey(event.spec, event.task))) return undefined;
      return {
        trigger,
        paths: [],
        task: { spec: event.spec, task: event.task, ...(event.status ? { status: event.status } : {}) },
      };
    }
    case 'prompt-submit':
      return { trigger, paths: [], ...(event.prompt !== undefined ? { prompt: event.prompt } : {}) };
    case 'pre-tool-use':
    case 'post-tool-use':
      return test(event.tool) ? { trigger, paths: [], tool: event.tool } : undefined;
    case 'manual':
      return event.hookId === hook.id ? { trigger, paths: [] } : undefined;
    case 'agent-stop':
    case 'session-start':
      return { trigger, paths: [] };
  }
}

/** Every hook this event fires, with its payload: the dry run behind `tiller hooks match`. */
export function matchingHooks(
  hooks: readonly Hook[],
  event: HookEvent,
  changedIsSave: boolean,
): Array<{ hook: Hook; payload: HookPayload }> {
  const found: Array<{ hook: Hook; payload: HookPayload }> = [];
  for (const hook of hooks) {
    if (!isLive(hook)) continue;
    const payload = matchEvent(hook, event, changedIsSave);
    if (payload) found.push({ hook, payload });
  }
  return found;
}
