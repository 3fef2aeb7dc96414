// The patterns a person may choose when trusting a command that asked: for each simple command
// that no allow pattern covered, the exact command, the program and sub-command with a rest
// wildcard (`git checkout *`), and the program with a rest wildcard (`git *`). Every candidate is
// checked against the real checker, so only patterns that would in fact allow that command are
// offered (a word that is only known at run time, or a wrapper, yields fewer levels or none).
// What still asks once every offered pattern is trusted (a shell reading its script from a pipe,
// a redirection, a word known only at run time) can never be trusted, and the person is told so.
import { checkCommand, type PolicyRules } from './checker';
import type { TrustChoice, TrustOption } from './trust-types';

export type { TrustChoice, TrustLevel, TrustOption } from './trust-types';

/** Patterns have no quoting, so a word's inner spaces become an in-word glob. */
function patternWord(word: string): string {
  return word.replace(/[ \t\n]+/g, '*');
}

function candidates(argv: string[]): TrustChoice[] {
  const words = argv.map(patternWord);
  // Leading assignments (`CI=1 npm test`) stay part of every level: they change what runs.
  let program = 0;
  while (program < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[program])) program++;
  const head = words.slice(0, program + 1);
  const out: TrustChoice[] = [{ level: 'exact', pattern: words.join(' ') }];
  const sub = words[program + 1];
  if (sub !== undefined && !sub.startsWith('-'))
    out.push({ level: 'subcommand', pattern: [...head, sub, '*'].join(' ') });
  if (words.length > program) out.push({ level: 'program', pattern: [...head, '*'].join(' ') });
  return out;
}

export function trustOptions(command: string, rules: PolicyRules): TrustOption[] {
  const result = checkCommand(command, rules);
  if (result.verdict === 'deny') return [];
  const options: TrustOption[] = [];
  result.commands.forEach((sc, index) => {
    if (sc.verdict !== 'ask' || sc.pattern !== null) return;
    const seen = new Set<string>();
    const choices = candidates(sc.argv).filter((choice) => {
      if (seen.has(choice.pattern)) return false;
      seen.add(choice.pattern);
      const trial = checkCommand(command, { allow: [...rules.allow, choice.pattern], deny: rules.deny });
      return trial.commands[index]?.verdict === 'allow';
    });
    options.push({ command: sc.argv.join(' '), choices });
  });
  return options;
}

export interface TrustPlan {
  options: TrustOption[];
  /**
   * Why the line would still ask with the broadest offered pattern of every command trusted:
   * parts no pattern can ever trust (`curl … | sh`: the shell reading a pipe). Empty when trusting
   * can make the line run without asking.
   */
  untrustable: string[];
}

export function trustPlan(command: string, rules: PolicyRules): TrustPlan {
  const options = trustOptions(command, rules);
  const broadest = options.flatMap((o) => o.choices.slice(-1).map((c) => c.pattern));
  const trial = checkCommand(command, { allow: [...rules.allow, ...broadest], deny: rules.deny });
  return { options, untrustable: trial.verdict === 'allow' ? [] : trial.reasons };
}
