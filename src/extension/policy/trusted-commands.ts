// Seeing and revoking trust. The Trusted Commands view lists every allow and deny pattern in force,
// grouped by list, each with its source (built-in default, user settings, this workspace's stored
// trust, workspace deny setting); a removable one has an inline Remove (also Delete on the focused
// row, and the context menu), which writes the change where the pattern came from. "Tiller: Show
// Trusted Commands" offers the same from the Command Palette as a quick pick. Built-in defaults
// cannot be removed, and saying so is the answer when someone tries.
import * as vscode from 'vscode';
import { originLabel, sourcesOf, type RuleList, type SourcedPattern } from '../../core/policy';
import { RefreshingTree } from '../refreshing-tree';
import type { PolicySettings } from './policy-settings';

export type TrustedNode = { kind: 'list'; list: RuleList } | { kind: 'pattern'; entry: SourcedPattern };

const LIST_LABELS: Record<RuleList, string> = { allow: 'Run without asking', deny: 'Never run' };

export class TrustedCommandsTree extends RefreshingTree<TrustedNode> {
  constructor(private readonly policy: PolicySettings) {
    super(policy.onDidChange);
  }

  getChildren(node?: TrustedNode): TrustedNode[] {
    if (!node)
      return [
        { kind: 'list', list: 'allow' },
        { kind: 'list', list: 'deny' },
      ];
    if (node.kind === 'pattern') return [];
    return ordered(this.policy.sourcedPatterns(), node.list).map((entry) => ({ kind: 'pattern', entry }));
  }

  getTreeItem(node: TrustedNode): vscode.TreeItem {
    if (node.kind === 'list') {
      const count = this.policy.sourcedPatterns().filter((e) => e.list === node.list).length;
      const item = new vscode.TreeItem(LIST_LABELS[node.list], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `list:${node.list}`;
      item.description = `${count}`;
      item.contextValue = `rule-list-${node.list}`;
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.pattern, vscode.TreeItemCollapsibleState.None);
    item.id = `${entry.list}:${entry.origin}:${entry.pattern}`;
    const others = sourcesOf(this.policy.sourcedPatterns(), entry.list, entry.pattern).filter(
      (e) => e.origin !== entry.origin,
    );
    item.description = others.length
      ? `${originLabel(entry)} · also ${others.map(originLabel).join(', ')}`
      : originLabel(entry);
    item.iconPath =
      entry.list === 'allow'
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('errorForeground'));
    const removable = entry.origin !== 'default';
    item.contextValue = removable ? 'rule-removable' : 'rule-default';
    item.tooltip = tooltip(entry, others);
    item.accessibilityInformation = {
      label: `${entry.pattern}, ${entry.list === 'allow' ? 'runs without asking' : 'never runs'}, from ${originLabel(entry)}${removable ? '' : ', cannot be removed'}`,
    };
    return item;
  }
}

/** The person's own entries first, in source order; the long built-in lists after them. */
function ordered(entries: SourcedPattern[], list: RuleList): SourcedPattern[] {
  const mine = entries.filter((e) => e.list === list);
  return [...mine.filter((e) => e.origin !== 'default'), ...mine.filter((e) => e.origin === 'default')];
}

function tooltip(entry: SourcedPattern, others: SourcedPattern[]): string {
  const what =
    entry.list === 'allow'
      ? 'Commands matching this pattern run without asking.'
      : 'Commands matching this pattern never run (deny wins over allow).';
  const where: Record<SourcedPattern['origin'], string> = {
    default: 'Built into Tiller; cannot be removed.',
    user: `From tiller.commands.${entry.list} in your user settings. Remove deletes it there.`,
    'workspace-trust': 'Trusted for this workspace only, kept in VS Code’s storage. Remove forgets it.',
    'workspace-deny': 'From tiller.commands.workspaceDeny in the workspace settings. Remove deletes it there.',
    'command-line': '',
    'policy-file': '',
  };
  const also = others.length
    ? ` Also held by ${others.map(originLabel).join(', ')}, so it stays in force until removed there too.`
    : '';
  return `${what} ${where[entry.origin]}${also}`;
}

/** Removes a pattern where it came from; for a built-in default, says why it cannot be. */
async function removePattern(policy: PolicySettings, entry: SourcedPattern): Promise<boolean> {
  if (entry.origin === 'default') {
    void vscode.window.showInformationMessage(
      entry.list === 'allow'
        ? `Tiller: '${entry.pattern}' is a built-in default and cannot be removed. A pattern in tiller.commands.deny (user settings) refuses matching commands outright, since deny wins over allow.`
        : `Tiller: '${entry.pattern}' is a built-in default deny pattern and cannot be removed.`,
    );
    return false;
  }
  await policy.remove(entry);
  return true;
}

interface PatternPick extends vscode.QuickPickItem {
  entry?: SourcedPattern;
}

const REMOVE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Remove' };

function picks(policy: PolicySettings): PatternPick[] {
  const entries = policy.sourcedPatterns();
  return (['allow', 'deny'] as const).flatMap((list) => [
    { label: LIST_LABELS[list], kind: vscode.QuickPickItemKind.Separator },
    ...ordered(entries, list).map((entry) => ({
      label: entry.pattern,
      description: originLabel(entry),
      iconPath: new vscode.ThemeIcon(entry.list === 'allow' ? 'pass' : 'circle-slash'),
      buttons: entry.origin === 'default' ? [] : [REMOVE_BUTTON],
      entry,
    })),
  ]);
}

/** The Command Palette path: pick a pattern (Enter), then confirm its removal; or its trash button. */
async function showTrustedCommands(policy: PolicySettings): Promise<void> {
  const quickPick = vscode.window.createQuickPick<PatternPick>();
  quickPick.title = 'Trusted commands: every pattern in force and where it comes from';
  quickPick.placeholder = 'Pick a pattern to remove it (built-in defaults cannot be removed)';
  quickPick.matchOnDescription = true;
  quickPick.items = picks(policy);
  const refresh = policy.onDidChange(() => {
    const active = quickPick.activeItems[0]?.entry;
    quickPick.items = picks(policy);
    const again = quickPick.items.find((i) => i.entry && active && sameEntry(i.entry, active));
    if (again) quickPick.activeItems = [again];
  });
  const chosen = await new Promise<SourcedPattern | undefined>((resolve) => {
    quickPick.onDidTriggerItemButton((e) => e.item.entry && void removePattern(policy, e.item.entry));
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.entry));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  refresh.dispose();
  quickPick.dispose();
  if (!chosen) return;
  if (chosen.origin === 'default') {
    await removePattern(policy, chosen);
    return;
  }
  const confirm = await vscode.window.showQuickPick([`Remove from ${originLabel(chosen)}`, 'Keep it'], {
    title: `'${chosen.pattern}'`,
  });
  if (confirm?.startsWith('Remove')) await removePattern(policy, chosen);
}

function sameEntry(a: SourcedPattern, b: SourcedPattern): boolean {
  return a.list === b.list && a.origin === b.origin && a.pattern === b.pattern;
}

export function registerTrustedCommands(policy: PolicySettings): {
  tree: TrustedCommandsTree;
  disposable: vscode.Disposable;
} {
  const tree = new TrustedCommandsTree(policy);
  const view = vscode.window.createTreeView('tiller.trustedCommands', { treeDataProvider: tree });
  const disposable = vscode.Disposable.from(
    tree,
    view,
    // From the inline button or context menu the row is passed; from the Delete key, the selection.
    vscode.commands.registerCommand('tiller.removeTrustedPattern', async (node?: TrustedNode | SourcedPattern) => {
      const target = node ?? view.selection[0];
      const entry = target && 'kind' in target ? (target.kind === 'pattern' ? target.entry : undefined) : target;
      return entry ? removePattern(policy, entry) : false;
    }),
    vscode.commands.registerCommand('tiller.showTrustedCommands', () => showTrustedCommands(policy)),
  );
  return { tree, disposable };
}
