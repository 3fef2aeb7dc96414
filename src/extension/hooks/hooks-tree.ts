// The Hooks view: every hook with its trigger and what it matches, its state (enabled, disabled,
// broken: the error is the description), inline toggle and Run, and a click that opens the file
// at the hook's line. Context values drive which inline actions show (package.json menus).
import * as vscode from 'vscode';
import { isLive, type Hook, type Trigger } from '../../core/hooks';
import type { HooksService } from './hooks-service';
import { RefreshingTree } from '../refreshing-tree';

const TRIGGER_ICONS: Record<Trigger, string> = {
  fileSaved: 'save',
  fileCreated: 'new-file',
  fileDeleted: 'trash',
  commit: 'git-commit',
  preTask: 'debug-start',
  postTask: 'pass',
  agentStop: 'debug-stop',
  promptSubmit: 'comment',
  sessionStart: 'rocket',
  preToolUse: 'tools',
  postToolUse: 'tools',
  manual: 'play-circle',
};

export class HooksTreeProvider extends RefreshingTree<Hook> {
  constructor(private readonly service: HooksService) {
    super(service.onDidChange);
  }

  getChildren(hook?: Hook): Hook[] {
    return hook ? [] : this.service.hooks();
  }

  getTreeItem(hook: Hook): vscode.TreeItem {
    const item = new vscode.TreeItem(hook.name, vscode.TreeItemCollapsibleState.None);
    item.id = `hook:${hook.file}:${hook.id}`;
    const what = describeHook(hook);
    const state = hook.errors.length ? 'error' : hook.enabled ? 'enabled' : 'disabled';
    item.description = hook.errors.length ? hook.errors[0] : hook.enabled ? what : `${what} · disabled`;
    item.iconPath = hook.errors.length
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
      : hook.enabled
        ? new vscode.ThemeIcon(TRIGGER_ICONS[hook.trigger!])
        : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    item.tooltip = tooltip(hook, what);
    // `hook-enabled-live`: Run shows only for a hook that can fire.
    item.contextValue = `hook-${state}${isLive(hook) ? '-live' : ''}`;
    item.command = { command: 'tiller.openHook', title: 'Open Hook File', arguments: [hook] };
    item.accessibilityInformation = {
      label: `${hook.name}, ${state}, ${hook.errors.length ? hook.errors.join('; ') : what}`,
    };
    return item;
  }
}

/** `fileSaved · src/**\/*.ts, !src/**\/*.test.ts`, `commit`, `preTask · ^src/`. */
export function describeHook(hook: Hook): string {
  const trigger = hook.trigger ?? 'unknown trigger';
  const match = hook.patterns?.length ? hook.patterns.join(', ') : hook.matcher;
  return match ? `${trigger} · ${match}` : trigger;
}

function tooltip(hook: Hook, what: string): vscode.MarkdownString {
  const text = new vscode.MarkdownString();
  text.appendMarkdown(
    `**${escape(hook.name)}** (${hook.format === 'v1' ? 'v1' : 'legacy'}${hook.scope === 'user' ? ', from ~/.kiro/hooks' : ''})\n\n`,
  );
  if (hook.description) text.appendMarkdown(`${escape(hook.description)}\n\n`);
  text.appendMarkdown(`When: ${escape(what)}\n\n`);
  if (hook.action)
    text.appendMarkdown(
      hook.action.type === 'agent'
        ? `Asks the agent: ${escape(hook.action.prompt)}`
        : `Runs: \`${hook.action.command.replace(/`/g, "'")}\``,
    );
  if (!hook.enabled) text.appendMarkdown('\n\nDisabled.');
  for (const error of hook.errors) text.appendMarkdown(`\n\n$(error) ${escape(error)}`);
  text.supportThemeIcons = true;
  return text;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
