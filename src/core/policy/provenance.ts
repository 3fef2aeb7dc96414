// Where each pattern in force comes from, and which of them decided a command. The extension's
// "Trusted Commands" view and `tiller check-command --explain` both read this, so a person sees the
// same answer in either place. The checker itself stays unaware of sources: it reports the
// pattern text that decided, and that text is looked up here among the sourced entries.
import { checkCommand, type CheckResult, type CommandVerdict, type PolicyRules } from './checker';
import { DEFAULT_ALLOW, DEFAULT_DENY } from './defaults';

export type RuleList = 'allow' | 'deny';

/**
 * `default`: built into Tiller, cannot be removed. `user`: tiller.commands.allow / deny in the
 * user settings. `workspace-trust`: trust granted for this workspace, kept in VS Code's storage.
 * `workspace-deny`: tiller.commands.workspaceDeny. `command-line` and `policy-file`: the CLI's
 * --allow/--deny and --policy FILE.
 */
export type RuleOrigin = 'default' | 'user' | 'workspace-trust' | 'workspace-deny' | 'command-line' | 'policy-file';

export interface SourcedPattern {
  list: RuleList;
  pattern: string;
  origin: RuleOrigin;
  /** The policy file, for `policy-file`. */
  file?: string;
}

const ORIGIN_LABELS: Record<RuleOrigin, string> = {
  default: 'built-in default',
  user: 'user settings',
  'workspace-trust': "this workspace's stored trust",
  'workspace-deny': 'workspace deny setting',
  'command-line': 'command line',
  'policy-file': 'policy file',
};

export function originLabel(entry: Pick<SourcedPattern, 'origin' | 'file'>): string {
  return entry.file ? `${ORIGIN_LABELS[entry.origin]} ${entry.file}` : ORIGIN_LABELS[entry.origin];
}

export function sourcedList(
  list: RuleList,
  patterns: readonly string[],
  origin: RuleOrigin,
  file?: string,
): SourcedPattern[] {
  return patterns.map((pattern) => (file ? { list, pattern, origin, file } : { list, pattern, origin }));
}

export function defaultPatterns(): SourcedPattern[] {
  return [...sourcedList('allow', DEFAULT_ALLOW, 'default'), ...sourcedList('deny', DEFAULT_DENY, 'default')];
}

/** The rules the checker sees: each list in the order given, a pattern held by several sources once. */
export function rulesFrom(entries: readonly SourcedPattern[]): PolicyRules {
  const pick = (list: RuleList) => [...new Set(entries.filter((e) => e.list === list).map((e) => e.pattern))];
  return { allow: pick('allow'), deny: pick('deny') };
}

/** Every source holding this pattern in this list; removing it from one leaves the others in force. */
export function sourcesOf(entries: readonly SourcedPattern[], list: RuleList, pattern: string): SourcedPattern[] {
  return entries.filter((e) => e.list === list && e.pattern === pattern);
}

export interface ExplainedCommand extends CommandVerdict {
  /** The sources of the deciding pattern (empty when no pattern decided). */
  sources: SourcedPattern[];
  /** One line for people: what decided, and from where. */
  why: string;
}

export interface Explanation extends CheckResult {
  commands: ExplainedCommand[];
}

export function explainCommand(command: string, entries: readonly SourcedPattern[]): Explanation {
  const result = checkCommand(command, rulesFrom(entries));
  return { ...result, commands: result.commands.map((c) => explainOne(c, entries)) };
}

function explainOne(c: CommandVerdict, entries: readonly SourcedPattern[]): ExplainedCommand {
  if (c.pattern === null) {
    // A wrapper's own line is not what decides: what it runs is its own line, or a reason when unreadable.
    const why =
      c.verdict === 'allow'
        ? 'a wrapper (or run under sudo/doas): needs no allow pattern itself; what it runs is checked on its own line or named in the reasons'
        : 'matches no allow pattern';
    return { ...c, sources: [], why };
  }
  // An allowed command was decided by an allow pattern; deny and ask-with-a-pattern by a deny pattern.
  const list: RuleList = c.verdict === 'allow' ? 'allow' : 'deny';
  const sources = sourcesOf(entries, list, c.pattern);
  const from = sources.length ? sources.map(originLabel).join(', ') : 'unknown source';
  const why =
    c.verdict === 'allow'
      ? `allowed by '${c.pattern}' (${from})`
      : c.verdict === 'deny'
        ? `denied by '${c.pattern}' (${from})`
        : `may match deny pattern '${c.pattern}' (${from}) once expanded`;
  return { ...c, sources, why };
}

/** The explanation as people read it in a terminal or an output channel. */
export function formatExplanation(e: Explanation): string {
  const lines = [`${e.verdict}`];
  const shown = e.commands.map((c) => c.argv.join(' ') || '(a command that cannot be determined)');
  const width = Math.min(40, Math.max(0, ...shown.map((s) => s.length)));
  e.commands.forEach((c, i) => lines.push(`  ${c.verdict.padEnd(5)}  ${shown[i].padEnd(width)}  ${c.why}`));
  if (e.reasons.length) lines.push('reasons:', ...e.reasons.map((r) => `  ${r}`));
  return `${lines.join('\n')}\n`;
}
