// The slice of a bash syntax tree that the command policy needs. Lists, pipelines, `!`, `&` and
// `time` do not change which simple commands run, so the parser flattens them away; compound
// commands keep only what can hide code: their bodies, scanned words and redirections.

/** A nested script that runs when its word is expanded: `$(…)`, `` `…` ``, `<(…)`, `>(…)`. */
export type Script = Command[];

export type Part =
  /** Text after quote removal; `quoted` when it came from quotes or a backslash (no globbing). */
  | { kind: 'lit'; text: string; quoted: boolean }
  /** Anything whose value is only known at run time. */
  | { kind: 'exp'; what: string; scripts: Script[]; opaque?: string };

export interface Word {
  parts: Part[];
  /** Source text, for messages and for spotting assignments. */
  raw: string;
}

export interface Redir {
  op: string;
  /** Descriptor written before the operator: digits, or `{name}`; null when absent. */
  fd: string | null;
  target: Word;
  /** Here-document body; `parts` is the expanded form, present only when the delimiter is unquoted. */
  heredoc?: { body: string; parts?: Part[] };
}

export type Command =
  | { type: 'simple'; assigns: Word[]; words: Word[]; redirs: Redir[] }
  /** `words` are scanned for substitutions only (for-lists, case words, `[[ ]]` operands). */
  | { type: 'compound'; body: Command[]; words: Word[]; redirs: Redir[]; opaque?: string }
  | { type: 'function'; name: string; body: Command[]; redirs: Redir[] };

export class ParseError extends Error {}
