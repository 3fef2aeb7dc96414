// `tiller watch`: a headless hook runner for a terminal or CI. The same engine as the extension:
// files on disk (a change counts as a save, since there is no editor), every new git commit, and
// the command policy, where `ask` is refused because nobody is there to approve. Agent actions
// need a model run that is not tied to a spec task, which the runner does not offer yet: they are
// skipped, and said so. One line per run goes to stderr (or stdout as JSON with --json).
import { homedir } from 'node:os';
import {
  GitCommitWatcher,
  HOOKS_DIR,
  HookDispatcher,
  WorkspaceWatcher,
  isLive,
  loadHooks,
  policyCommandRunner,
  relativePath,
  type HookRun,
} from '../core/hooks';
import { DEFAULT_ALLOW, DEFAULT_DENY, PolicyFileError, readPolicyFile, type PolicyRules } from '../core/policy';
import { workspacePath } from '../core/workspace';
import { parse, UsageError } from './args';

const USAGE = `usage: tiller watch [--allow PATTERN]... [--deny PATTERN]... [--policy FILE] [--debounce MS] [--home DIR] [--json]

Runs the workspace's hooks until interrupted: file hooks on changes on disk, commit hooks on every new commit.
Commands pass the command policy (Tiller's defaults plus --allow/--deny/--policy); a command the policy
would ask about is refused. Agent actions are skipped: they need a configured model.
--debounce MS  quiet time before a burst of file events fires (default 300)
--json         one JSON line per hook run on stdout`;

interface Values {
  allow?: string[];
  deny?: string[];
  policy?: string;
  debounce?: string;
  home?: string;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<Values>(
    argv,
    {
      allow: { type: 'string', multiple: true },
      deny: { type: 'string', multiple: true },
      policy: { type: 'string' },
      debounce: { type: 'string' },
      home: { type: 'string' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.workspace;
  const debounceMs = values.debounce === undefined ? 300 : Number(values.debounce);
  if (!Number.isFinite(debounceMs) || debounceMs < 0)
    throw new UsageError('--debounce must be a number of milliseconds', USAGE);
  const rules = await policyRules(values);
  const log = (line: string): void => {
    process.stderr.write(`tiller watch: ${line}\n`);
  };

  const dispatcher = new HookDispatcher({
    workspaceRoot: root,
    commands: policyCommandRunner({ rules }),
    changedIsSave: true,
    debounceMs,
    onRun: (r) => (values.json ? process.stdout.write(`${JSON.stringify(runLine(r, root))}\n`) : log(describeRun(r))),
  });
  const reload = async () => {
    const set = await loadHooks({ workspaceRoot: root, home: values.home ?? homedir() });
    dispatcher.setHooks(set.hooks);
    for (const d of set.diagnostics)
      log(`${workspacePath(root, d.file)}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
    const live = set.hooks.filter(isLive);
    const agents = live.filter((h) => h.action?.type === 'agent');
    if (agents.length)
      log(
        `${agents.length} agent hook(s) will be skipped: agent actions need a configured model (${agents.map((h) => h.name).join(', ')})`,
      );
    return live.length;
  };
  const live = await reload();

  let reloading: Promise<void> = Promise.resolve();
  const files = await WorkspaceWatcher.start({
    root,
    onEvent: (event) => {
      if ('paths' in event && event.paths.some((p) => relativePath(root, p).startsWith(`${HOOKS_DIR}/`))) {
        reloading = reloading.then(async () => log(`hooks reloaded: ${await reload()} active`));
      }
      dispatcher.fire(event);
    },
    onError: (err) => log(`file watcher: ${err.message}`),
  });
  const commits = await GitCommitWatcher.start({
    workspaceRoot: root,
    onCommit: (e) => dispatcher.fire(e),
    onError: (err) => log(`commit watcher: ${err.message}`),
  });
  log(
    `watching ${root}: ${live} active hook(s)${commits ? ', commits included' : ' (not a git repository: no commit hooks)'}`,
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('stopping');
  await Promise.all([files.close(), commits?.close()]);
  dispatcher.dispose();
  await dispatcher.idle();
  return 0;
}

async function policyRules(values: Values): Promise<PolicyRules> {
  const allow = [...DEFAULT_ALLOW, ...(values.allow ?? [])];
  const deny = [...DEFAULT_DENY, ...(values.deny ?? [])];
  if (values.policy) {
    try {
      const file = await readPolicyFile(values.policy);
      allow.push(...file.allow);
      deny.push(...file.deny);
    } catch (err) {
      if (err instanceof PolicyFileError) throw new UsageError(err.message, USAGE);
      throw err;
    }
  }
  return { allow, deny };
}

function describeRun(r: HookRun): string {
  const head = `${r.hook.name} (${r.payload.trigger}${r.payload.paths.length ? `, ${r.payload.paths.length} path(s)` : ''})`;
  const o = r.outcome;
  switch (o.kind) {
    case 'command': {
      const status = o.timedOut ? 'timed out' : `exit ${o.exitCode}`;
      const output = o.output.trim() ? `\n${o.output.trimEnd().replace(/^/gm, '  | ')}` : '';
      return `${head}: ${status} in ${r.durationMs} ms${output}`;
    }
    case 'agent':
      return `${head}: agent run finished in ${r.durationMs} ms`;
    case 'refused':
      return `${head}: refused: ${o.reason}`;
    case 'skipped':
      return `${head}: skipped: ${o.reason}`;
    case 'failed':
      return `${head}: failed: ${o.error}`;
  }
}

function runLine(r: HookRun, root: string) {
  return {
    hook: r.hook.id,
    name: r.hook.name,
    file: workspacePath(root, r.hook.file),
    ...r.payload,
    durationMs: r.durationMs,
    outcome: r.outcome,
  };
}
