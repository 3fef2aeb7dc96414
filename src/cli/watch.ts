// `tiller watch`: a headless hook runner for a terminal or CI. The same engine as the extension:
// files on disk (a change counts as a save, since there is no editor; watched only while a file
// hook is enabled), every new git commit (also in a repository created after the start), and
// the command policy, where `ask` is refused because nobody is there to approve. Agent actions
// need a model run that is not tied to a spec task, which the runner does not offer yet: they are
// skipped, and said so. One line per run goes to stderr (or stdout as JSON with --json).
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  FolderWatcher,
  HOOKS_DIR,
  HookDispatcher,
  RepositoryWatcher,
  WorkspaceWatcher,
  isLive,
  loadHooks,
  needsDiskEvents,
  policyCommandRunner,
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
  const home = values.home ?? homedir();
  let stopping = false;
  // The workspace is watched on disk only while a live hook needs it (creations, deletions, saves).
  let files: WorkspaceWatcher | undefined;
  let filesChange: Promise<void> = Promise.resolve();
  const syncFileWatcher = (): Promise<void> =>
    (filesChange = filesChange.then(async () => {
      const wanted = !stopping && needsDiskEvents(dispatcher.getHooks(), true);
      if (wanted && !files) {
        files = await WorkspaceWatcher.start({
          root,
          onEvent: (event) => dispatcher.fire(event),
          onError: (err) => log(`file watcher: ${err.message}`),
        });
        log('watching files on disk: a file hook is enabled');
      } else if (!wanted && files) {
        await files.close();
        files = undefined;
        log('no longer watching files on disk: no file hook is enabled');
      }
    }));
  const reload = async () => {
    const set = await loadHooks({ workspaceRoot: root, home });
    dispatcher.setHooks(set.hooks);
    for (const d of set.diagnostics)
      log(`${workspacePath(root, d.file)}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
    const live = set.hooks.filter(isLive);
    const agents = live.filter((h) => h.action?.type === 'agent');
    if (agents.length)
      log(
        `${agents.length} agent hook(s) will be skipped: agent actions need a configured model (${agents.map((h) => h.name).join(', ')})`,
      );
    await syncFileWatcher();
    return live.length;
  };
  const live = await reload();

  // Hook files are reloaded when they change; changes during a reload collapse into one more.
  let reloading: Promise<void> = Promise.resolve();
  let reloadPending = false;
  const reloadLater = () => {
    if (reloadPending || stopping) return;
    reloadPending = true;
    reloading = reloading.then(async () => {
      reloadPending = false;
      log(`hooks reloaded: ${await reload()} active`);
    });
  };
  const hookFolders = [
    new FolderWatcher({ folder: join(root, HOOKS_DIR), within: root, onChange: reloadLater }),
    ...(home ? [new FolderWatcher({ folder: join(home, HOOKS_DIR), within: home, onChange: reloadLater })] : []),
  ];
  const commits = await RepositoryWatcher.start({
    workspaceRoot: root,
    onCommit: (e) => dispatcher.fire(e),
    onError: (err) => log(`commit watcher: ${err.message}`),
    onRepositoryChange: (watching) =>
      log(watching ? 'commits: watching the new repository' : 'commits: the repository is gone'),
  });
  log(
    `watching ${root}: ${live} active hook(s)${commits.watching() ? ', commits included' : ' (not a git repository yet: commit hooks start when one is created)'}`,
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('stopping');
  stopping = true;
  for (const w of hookFolders) w.close();
  await reloading;
  await syncFileWatcher();
  await commits.close();
  // Drops what is still collecting and ends the commands still running, so this cannot hang.
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
