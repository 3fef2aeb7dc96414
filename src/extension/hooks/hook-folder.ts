// One workspace folder's hooks: its hook files as loaded, the dispatcher that runs them, and the
// watchers that feed it from disk (files created, changed or deleted by anything) and from git
// (every new commit, also in a repository created later). Watchers run only while the workspace
// is trusted, and the disk is watched only while a live hook has a creation or deletion trigger
// (a save in the editor comes from the editor, not from the disk).
import type * as vscode from 'vscode';
import type { Diagnostic } from '../../core/diagnostics';
import {
  HookDispatcher,
  RepositoryWatcher,
  isLive,
  loadHooks,
  needsDiskEvents,
  type AgentLauncher,
  type CommandRunner,
  type Hook,
  type HookRun,
} from '../../core/hooks';
import { runDirectly } from './by-hand';
import { watchDisk, type DiskEvent } from './disk-events';
import type { HookTarget } from './run-bridge';

/** The temp file core/specs/atomic-write.ts writes beside a file and renames over it: never content. */
const ATOMIC_TEMP = /(^|[\\/])\.[^\\/]+\.\d+\.[0-9a-f]{8}\.tmp$/;

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
  private files: vscode.Disposable | undefined;
  private git: RepositoryWatcher | undefined;
  private gitStart: Promise<void> = Promise.resolve();
  private watching = false;
  /** Agent runs of hooks under way; while any is, disk events wait (see hold()). */
  private holds = 0;
  private held: DiskEvent[] = [];
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
    return this.git?.watching() ?? false;
  }

  /** True while the folder's files on disk are watched. */
  watchingFiles(): boolean {
    return this.files !== undefined;
  }

  async load(): Promise<void> {
    const set = await loadHooks({ workspaceRoot: this.root, home: this.options.home });
    if (this.disposed) return;
    this.loaded = set;
    this.dispatcher.setHooks(set.hooks);
    this.syncDiskWatcher();
  }

  /**
   * Runs a hook by hand; undefined when it cannot fire (disabled, broken, or Restricted Mode).
   * `activeFile`: workspace-relative path of the file in the active editor.
   */
  async runByHand(hook: Hook, activeFile: string | undefined): Promise<HookRun | undefined> {
    if (!isLive(hook) || !this.options.isTrusted()) return undefined;
    if (hook.trigger === 'manual') return (await this.dispatcher.fireAndWait({ type: 'manual', hookId: hook.id }))[0];
    const run = await runDirectly(hook, {
      root: this.root,
      commands: this.options.commands,
      agent: this.agent,
      activeFile,
    });
    this.options.onRun(run);
    return run;
  }

  /**
   * Holds disk events back until the returned release is called: while a hook's agent run writes,
   * its writes are only known for certain when it ends (the run's result), so the events wait and
   * are then fed after the dispatcher has been told what that hook wrote. Other hooks still get
   * every event, once the run is over. A file created and deleted again meanwhile is dropped.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds > 0) return;
      for (const event of withoutTransient(this.held.splice(0))) this.dispatcher.fire(event);
    };
  }

  private onDisk(event: DiskEvent): void {
    const paths = event.paths.filter((p) => !ATOMIC_TEMP.test(p));
    if (!paths.length) return;
    if (!this.holds) return this.dispatcher.fire({ type: event.type, paths });
    const last = this.held[this.held.length - 1];
    if (last?.type === event.type) last.paths.push(...paths);
    else this.held.push({ type: event.type, paths });
  }

  /** Starts the git watcher and, while a hook needs it, the disk watcher (call when the workspace is trusted). */
  async startWatching(): Promise<void> {
    if (this.watching || this.disposed) return;
    this.watching = true;
    this.syncDiskWatcher();
    this.gitStart = RepositoryWatcher.start({
      workspaceRoot: this.root,
      onCommit: (commit) => this.dispatcher.fire(commit),
      onError: (err) => this.options.onError(`watching commits in ${this.root}: ${err.message}`),
    }).then(
      (git) => (this.disposed ? git.close() : void (this.git = git)),
      (err: unknown) =>
        this.options.onError(`watching commits in ${this.root}: ${err instanceof Error ? err.message : String(err)}`),
    );
    await this.gitStart;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.dispatcher.dispose();
    this.syncDiskWatcher();
    await this.gitStart;
    await this.git?.close();
  }

  /** Watches the disk exactly while the workspace is watched and a live hook needs disk events. */
  private syncDiskWatcher(): void {
    const wanted = this.watching && !this.disposed && needsDiskEvents(this.loaded.hooks, false);
    if (wanted && !this.files) this.files = watchDisk(this.root, (event) => this.onDisk(event));
    else if (!wanted && this.files) {
      this.files.dispose();
      this.files = undefined;
    }
  }
}

/** Drops the files that were created and then deleted within the events (a temp file, a scratch file). */
function withoutTransient(events: DiskEvent[]): DiskEvent[] {
  const created = new Set<string>();
  const transient = new Set<string>();
  for (const event of events) {
    for (const p of event.paths) {
      if (event.type === 'created') created.add(p);
      else if (event.type === 'deleted' && created.has(p)) transient.add(p);
    }
  }
  if (!transient.size) return events;
  return events
    .map((e) => ({ type: e.type, paths: e.paths.filter((p) => !transient.has(p)) }))
    .filter((e) => e.paths.length);
}
