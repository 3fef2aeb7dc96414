// The decision procedure of SEMANTICS.md §1: deny wins, then anything uncertain asks, and only a
// line whose every simple command certainly matches an allow pattern runs without a person.
import { type Analysis, type SimpleCommand, analyze } from './analyze';
import { type Pattern, certainMatch, compilePattern, possibleMatch } from './patterns';
import { MatchWords } from './words';

export type Verdict = 'allow' | 'ask' | 'deny';

export interface PolicyRules {
  allow: readonly string[];
  deny: readonly string[];
}

export interface CommandVerdict {
  /** Match words: prefix assignments first, then argv; run-time-only words shown as written. */
  argv: string[];
  verdict: Verdict;
  /**
   * The pattern that decided it: the deny pattern for deny or a possible deny, the allow pattern
   * for allow. Null for wrappers and commands inside sudo/doas, which are checked against deny only.
   */
  pattern: string | null;
}

export interface CheckResult {
  verdict: Verdict;
  commands: CommandVerdict[];
  reasons: string[];
}

const MAX_BYTES = 65536;

interface Compiled {
  allow: Pattern[];
  deny: Pattern[];
}

/** Compiled lists by identity, re-validated by content so that a list edited in place is recompiled. */
const compiledCache = new WeakMap<readonly string[], { sources: string[]; patterns: Pattern[] }>();
/**
 * Compiled lists by content, for callers that build a fresh array per check (`--batch` parses
 * each line's lists anew). Bounded: the oldest entry goes first.
 */
const byContent = new Map<string, Pattern[]>();
const BY_CONTENT_MAX = 64;

function compileList(list: readonly string[], deny: boolean): Pattern[] {
  const hit = compiledCache.get(list);
  if (hit && hit.sources.length === list.length && hit.sources.every((s, i) => s === list[i])) return hit.patterns;
  const key = `${deny ? 'd' : 'a'}${JSON.stringify(list)}`;
  let patterns = byContent.get(key);
  if (patterns) {
    byContent.delete(key);
  } else {
    patterns = list.map((p) => compilePattern(p, deny));
    if (byContent.size >= BY_CONTENT_MAX) byContent.delete(byContent.keys().next().value as string);
  }
  byContent.set(key, patterns);
  compiledCache.set(list, { sources: [...list], patterns });
  return patterns;
}

/** Classifies the exact string that would be passed to `bash -c`. Synchronous and pure. */
export function checkCommand(command: string, rules: PolicyRules): CheckResult {
  if (command.includes('\0'))
    return { verdict: 'ask', commands: [], reasons: ['the command contains a NUL character'] };
  if (Buffer.byteLength(command, 'utf8') > MAX_BYTES) {
    return { verdict: 'ask', commands: [], reasons: [`the command is longer than ${MAX_BYTES} bytes`] };
  }
  // Allow and deny lists are compiled separately: the deny command word also matches basenames.
  const compiled: Compiled = { allow: compileList(rules.allow, false), deny: compileList(rules.deny, true) };
  // The work budget is counted, not timed (parse characters and recorded steps, analyze.ts), so
  // a verdict never depends on how busy the machine is.
  try {
    return decide(analyze(command), compiled);
  } catch (err) {
    // The checker must answer every input (§13.14); an internal failure is never an allow.
    return { verdict: 'ask', commands: [], reasons: [`the checker failed on this command (${String(err)})`] };
  }
}

function decide(analysis: Analysis, rules: Compiled): CheckResult {
  const denied: string[] = [];
  const asked: string[] = [];
  const commands = analysis.commands.map((sc) => judge(sc, rules, denied, asked));
  const reasons = analysis.parseError
    ? [`does not parse (${analysis.parseError}): only the complete lines before the error were checked`]
    : [];
  if (denied.length) return { verdict: 'deny', commands, reasons: [...reasons, ...denied] };
  if (!analysis.commands.length) reasons.push('there is no command to run');
  reasons.push(...analysis.opaque, ...analysis.redirections, ...asked);
  if (reasons.length) return { verdict: 'ask', commands, reasons };
  return { verdict: 'allow', commands, reasons: ['every command matches an allow pattern'] };
}

/** Words of a command kept for showing; a wrapper chain can be 10,000 words long. */
const SHOWN_WORDS = 64;

function judge(sc: SimpleCommand, rules: Compiled, denied: string[], asked: string[]): CommandVerdict {
  const words = new MatchWords(sc.assigns, sc.argv);
  const shown = [...sc.assigns, ...sc.argv.head(SHOWN_WORDS)].map((w) => w.text);
  if (sc.argv.length > SHOWN_WORDS) shown.push(`…(${sc.argv.length - SHOWN_WORDS} more words)`);
  const label = sc.unknown && !shown.length ? 'a command that cannot be determined' : `'${shown.join(' ')}'`;
  const certainDeny = rules.deny.find((p) => certainMatch(p, sc.argv));
  if (certainDeny) {
    denied.push(`${label} matches deny pattern '${certainDeny.source}'`);
    return { argv: shown, verdict: 'deny', pattern: certainDeny.source };
  }
  const possibleDeny = rules.deny.find((p) => !p.empty && (sc.unknown || possibleMatch(p, sc.argv)));
  if (possibleDeny) {
    asked.push(`${label} may match deny pattern '${possibleDeny.source}' once expanded`);
    return { argv: shown, verdict: 'ask', pattern: possibleDeny.source };
  }
  if (sc.exempt || sc.denyOnly) return { argv: shown, verdict: 'allow', pattern: null };
  const allowed = rules.allow.find((p) => certainMatch(p, words));
  if (allowed) return { argv: shown, verdict: 'allow', pattern: allowed.source };
  asked.push(`${label} matches no allow pattern`);
  return { argv: shown, verdict: 'ask', pattern: null };
}
