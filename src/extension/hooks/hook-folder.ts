// One workspace folder's hooks: its hook files as loaded, the dispatcher that runs them, and the
// watchers that feed it from disk (files created, changed or deleted by anything) and from git
// (every new commit). Watchers run only while the workspace is trusted.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../core/diagnostics';
import {
  GitCommitWatcher,
  HookDispatcher,
  WorkspaceWatcher,
  isLive,
  loadHooks,
  type AgentLauncher,
  type CommandRunner,
  type Hook,
  type HookRun,
} from '../../core/hooks';
import { runDirectly } from './by-hand';
import type { HookTarget } from './run-bridge';

export interface HookFolderOptions {
  root: string;
  /** Home folder for ~/.kiro/hooks; null reads none. */
  home: string | null;
  commands: CommandRunner;
  /** Built once the folder's dispatcher exists: the agent needs to report writes back to it. */
  agent?: (target: HookTarget) => AgentLauncher;
  isTrusted: () => boolean;
  onRun: (run: HookRun) => void;
  onError: (message: string) => void;
}

export class HookFolder implements HookTarget {
  readonly root: string;
  readonly dispatcher: HookDispatcher;
  private loaded: { hooks: Hook[]; diagnostics: Diagnostic[] } = { hooks: [], diagnostics: [] };
  private files: WorkspaceWatcher | undefined;
  private git: GitCommitWatcher | undefined;
  /** Watches the folder itself for `.git` appearing or going (git init, a clone, rm -rf .git). */
  private rootWatcher: FSWatcher | undefined;
  /** Watches a new `.git` until git can read it: `git init` writes it over several steps. */
  private newRepoWatcher: FSWatcher | undefined;
  private gitChange: Promise<void> = Promise.resolve();
  private gitPending = false;
  private watching = false;
  private disposed = false;
  private readonly agent: AgentLauncher | undefined;

  constructor(private readonly options: HookFolderOptions) {
    this.root = options.root;
    this.agent = options.agent?.(this);
    this.dispatcher = new HookDispatcher({
      workspaceRoot: options.root,
      commands: options.commands,
      agent: this.agent,
      isTrusted: options.isTrusted,
      onRun: options.onRun,
    });
  }

  hooks(): readonly Hook[] {
    return this.loaded.hooks;
  }

  diagnostics(): readonly Diagnostic[] {
    return this.loaded.diagnostics;
  }

  /** True once commits in this folder's repository are being watched. */
  watchingGit(): boolean {
    return this.git !== undefined;
  }

  async load(): Promise<void> {
    const set = await loadHooks({ workspaceRoot: this.root, home: this.options.home });
    if (this.disposed) return;
    this.loaded = set;
    this.dispatcher.setHooks(set.hooks);
  }

  /**
   * Runs a hook by hand; undefined when it cannot fire (disabled, broken, or Restricted Mode).
   * `activeFile`: workspace-relative path of the file in the active editor.
   */
  async runByHand(hook: Hook, activeFile: string | undefined): Promise<HookRun | undefined> {
    if (!isLive(hook) || !this.options.isTrusted()) return undefined;
    if (hook.trigger === 'manual') return (await this.dispatcher.fireAndWait({ type: 'manual', hookId: hook.id }))[0];
    const run = await runDirectly(hook, { root: this.root, commands: this.options.commands, agent: this.agent, activeFile });
    this.options.onRun(run);
    return run;
  }

  /** Starts the disk and git watchers (once; call when the workspace is trusted). */
  async startWatching(): Promise<void> {
    if (this.watching || this.disposed) return;
    this.watching = true;
    const files = await WorkspaceWatcher.start({
      root: this.root,
      onEvent: (event) => this.dispatcher.fire(event),
      onError: (err) => this.options.onError(`watching ${this.root}: ${err.message}`),
    });
    if (this.disposed) return void files.close();
    this.files = files;
    try {
      this.rootWatcher = watch(this.root, (_type, name) => {
        if (name?.toString() === '.git') this.restartGit();
      });
      this.rootWatcher.on('error', (err) => this.options.onError(`watching ${this.root}: ${err.message}`));
    } catch (err) {
      this.options.onError(`watching ${this.root}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.restartGit();
    await this.gitChange;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.dispatcher.dispose();
    this.rootWatcher?.close();
    this.newRepoWatcher?.close();
    await this.gitChange;
    await Promise.all([this.files?.close(), this.git?.close()]);
  }

  /** (Re)starts the commit watcher; events during a restart collapse into one more restart. */
  private restartGit(): void {
    if (this.gitPending) return;
    this.gitPending = true;
    this.gitChange = this.gitChange.then(async () => {
      this.gitPending = false;
      if (this.disposed) return;
      await this.git?.close();
      this.git = await GitCommitWatcher.start({
        workspaceRoot: this.root,
        onCommit: (commit) => this.dispatcher.fire(commit),
        onError: (err) => this.options.onError(`watching commits in ${this.root}: ${err.message}`),
      }).catch((err: unknown) => {
        this.options.onError(`watching commits in ${this.root}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      });
      if (this.disposed) return void (await this.git?.close());
      this.watchNewRepo();
    });
  }

  /** While a `.git` exists that git cannot read yet, every change inside it is another try. */
  private watchNewRepo(): void {
    this.newRepoWatcher?.close();
    this.newRepoWatcher = undefined;
    if (this.git) return;
    try {
      this.newRepoWatcher = watch(join(this.root, '.git'), { recursive: false }, () => this.restartGit());
      // A `.git` removed again ends this watcher; the root watcher reports the removal.
      this.newRepoWatcher.on('error', () => this.newRepoWatcher?.close());
    } catch {
      // No `.git` here: the folder is not (yet) a repository, and the root watcher will say when it is.
    }
  }
}
