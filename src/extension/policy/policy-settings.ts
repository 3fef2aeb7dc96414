// Where command rules come from inside VS Code. Allow rules come only from the person: their user
// settings (declared with application scope, which a workspace's .vscode/settings.json cannot set)
// and the per-workspace trust they granted through an approval, kept in VS Code's workspace
// storage rather than in the repository. A workspace may add deny rules and nothing else, so a
// cloned repository, or an agent editing files in it, can tighten the policy but never widen it.
// The rules are read afresh at every check, so trust granted or removed applies to the next
// command, including the next command of a run already going.
import * as vscode from 'vscode';
import { parse as parseJsonc } from 'jsonc-parser';
import type { TrustScope } from '../../protocol';
import {
  DEFAULT_ALLOW,
  DEFAULT_DENY,
  originLabel,
  rulesFrom,
  sourcedList,
  type PolicyRules,
  type SourcedPattern,
} from '../../core/policy';

const WORKSPACE_TRUST_KEY = 'tiller.commands.trusted';
const WARNED_KEY = 'tiller.commands.warnedIgnoredWorkspaceSettings';
/** Settings a workspace is not allowed to set; present in workspace settings, they are ignored. */
const USER_ONLY = ['commands.allow', 'commands.deny', 'commands.passEnv'] as const;

export class PolicySettings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The patterns in force changed: trust granted or removed, or a command setting edited. */
  readonly onDidChange = this.changed.event;
  private readonly configListener: vscode.Disposable;

  constructor(private readonly workspaceState: vscode.Memento) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tiller.commands')) this.changed.fire();
    });
  }

  dispose(): void {
    this.configListener.dispose();
    this.changed.dispose();
  }

  private config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('tiller');
  }

  private userList(key: string): string[] {
    const value = this.config().inspect<string[]>(key)?.globalValue;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  /** The patterns this person trusted for this workspace only. */
  workspaceTrust(): string[] {
    return this.workspaceState.get<string[]>(WORKSPACE_TRUST_KEY, []);
  }

  private workspaceDeny(): string[] {
    const value = this.config().get<unknown>('commands.workspaceDeny');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  /** Every pattern in force with where it comes from; allow entries only ever come from the person. */
  sourcedPatterns(): SourcedPattern[] {
    return [
      ...sourcedList('allow', DEFAULT_ALLOW, 'default'),
      ...sourcedList('allow', this.userList('commands.allow'), 'user'),
      ...sourcedList('allow', this.workspaceTrust(), 'workspace-trust'),
      ...sourcedList('deny', DEFAULT_DENY, 'default'),
      ...sourcedList('deny', this.userList('commands.deny'), 'user'),
      ...sourcedList('deny', this.workspaceDeny(), 'workspace-deny'),
    ];
  }

  rules(): PolicyRules {
    return rulesFrom(this.sourcedPatterns());
  }

  passEnv(): string[] {
    return this.userList('commands.passEnv');
  }

  timeoutMs(): number {
    return Math.max(1, this.config().get<number>('commands.timeoutSeconds', 120)) * 1000;
  }

  maxOutputBytes(): number {
    return Math.max(1, this.config().get<number>('commands.maxOutputKB', 1024)) * 1024;
  }

  approvalTimeoutMs(): number {
    return Math.max(1, this.config().get<number>('approvals.timeoutSeconds', 300)) * 1000;
  }

  async trust(patterns: string[], scope: TrustScope): Promise<void> {
    if (scope === 'workspace') {
      const current = this.workspaceTrust();
      await this.workspaceState.update(WORKSPACE_TRUST_KEY, [
        ...current,
        ...patterns.filter((p) => !current.includes(p)),
      ]);
      this.changed.fire();
      return;
    }
    const current = this.userList('commands.allow');
    await this.config().update(
      'commands.allow',
      [...current, ...patterns.filter((p) => !current.includes(p))],
      vscode.ConfigurationTarget.Global,
    );
  }

  /**
   * Removes a pattern where it came from: the user settings, this workspace's stored trust, or the
   * workspace settings that set tiller.commands.workspaceDeny. Built-in defaults cannot be removed.
   */
  async remove(entry: SourcedPattern): Promise<void> {
    const without = (list: string[]) => list.filter((p) => p !== entry.pattern);
    switch (entry.origin) {
      case 'workspace-trust':
        await this.workspaceState.update(WORKSPACE_TRUST_KEY, without(this.workspaceTrust()));
        this.changed.fire();
        return;
      case 'user': {
        const key = entry.list === 'allow' ? 'commands.allow' : 'commands.deny';
        await this.config().update(key, without(this.userList(key)), vscode.ConfigurationTarget.Global);
        return;
      }
      case 'workspace-deny': {
        // The value in force is the most specific one set; that is the one to edit.
        const inspected = this.config().inspect<string[]>('commands.workspaceDeny');
        const target = Array.isArray(inspected?.workspaceValue)
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
        await this.config().update('commands.workspaceDeny', without(this.workspaceDeny()), target);
        return;
      }
      default:
        throw new Error(`'${entry.pattern}' is a ${originLabel(entry)} and cannot be removed`);
    }
  }

  /**
   * User-only settings that the workspace's settings files try to set. VS Code already leaves
   * application-scoped values out of the workspace configuration (inspect() does not even report
   * them), so the files themselves are read to tell the person what was ignored.
   */
  async ignoredWorkspaceSettings(): Promise<string[]> {
    const files = (vscode.workspace.workspaceFolders ?? []).map((f) =>
      vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'),
    );
    const workspaceFile = vscode.workspace.workspaceFile;
    if (workspaceFile?.scheme === 'file') files.push(workspaceFile);
    const found = new Set<string>();
    for (const file of files) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch {
        continue;
      }
      const parsed: unknown = parseJsonc(text, [], { allowTrailingComma: true });
      const settings = file === workspaceFile ? (parsed as { settings?: unknown } | undefined)?.settings : parsed;
      if (!settings || typeof settings !== 'object') continue;
      for (const key of USER_ONLY) if (`tiller.${key}` in settings) found.add(`tiller.${key}`);
    }
    return [...found];
  }

  /** Tells the person once per workspace that its settings tried to set user-only rules. */
  async warnAboutIgnoredSettings(): Promise<void> {
    const ignored = await this.ignoredWorkspaceSettings();
    if (!ignored.length || this.workspaceState.get<boolean>(WARNED_KEY)) return;
    await this.workspaceState.update(WARNED_KEY, true);
    void vscode.window.showWarningMessage(
      `Tiller ignores ${ignored.join(', ')} in this workspace's settings: only your user settings can allow commands. A workspace may add deny rules with tiller.commands.workspaceDeny.`,
    );
  }
}
