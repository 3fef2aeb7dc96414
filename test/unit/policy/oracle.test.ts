// The bash oracle (issue 10): generated and hand-written commands run in real bash 5.2 in a
// sandbox of logging stubs, and the checker's verdict is compared with what bash really ran.
// Whenever the checker says allow, every program bash ran must certainly match an allow
// pattern (argv and the marker variables in its environment); whenever bash ran a program that
// certainly matches a deny pattern, the checker must not have said allow, and must have said
// deny when the command named it literally where §6 says the checker must look. Then the
// parser's "parses / does not parse" is compared with `bash -n` on the same inputs.
import assert from 'node:assert/strict';
import { checkCommand } from '../../../src/core/policy';
import { parseUnits } from '../../../src/core/policy/parser';
import { Grammar } from './oracle/grammar';
import { type Invocation, type Ran, Sandbox, findBash, missingTools } from './oracle/sandbox';

const RULES = {
  allow: [
    'git status',
    'git status *',
    'git log *',
    'ls',
    'ls *',
    'cat *',
    'grep *',
    'make test',
    'A=1 git status',
    'A=1 B=2 git status',
    'FOO=bar make test',
  ],
  deny: ['rm *', 'curl *'],
};
const SEED = 20261201;
const GENERATED = 2000;

/**
 * What the oracle found, kept as fixed cases: inputs the parser rejected although bash parses and
 * runs them (`eval` takes compound assignments), and `!` after a pipe, which bash rejects.
 */
const REGRESSIONS: string[] = [
  "C=3 eval declare -a a=( $(w''get u) ) | \\make install",
  'PAGER=id eval declare -a a=( $(git push <<<"grep -n x f") )',
  'eval a=(1) b=( $(rm -rf x) )',
  'git status | ! git status',
  'g\'\'it $"status" "$(( ! cat f #c ) || git status --short)"; git status',
  'command -- stdbuf -o0 ls -la',
];

/** A pattern word against one argv word: a lone final `*` is the rest, any other `*` globs in one word (§2). */
function wordMatches(pattern: string, value: string, commandWord: boolean): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  if (!commandWord) return re.test(value);
  const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const ci = new RegExp(re.source, 's');
  return ci.test(lower(value)) || ci.test(lower(value.slice(value.lastIndexOf('/') + 1)));
}

/** What bash ran against a pattern, independently of the checker's code. */
function ranMatches(pattern: string, inv: Invocation, deny: boolean): boolean {
  const words = pattern.split(/[ \t]+/).filter(Boolean);
  const assigns: string[] = [];
  while (words.length && /^[A-Za-z_]\w*=/.test(words[0])) assigns.push(words.shift()!);
  if (!deny) {
    // The environment a stub saw must be exactly the assignments the pattern names.
    const want = [...assigns].sort();
    const seen = [...inv.env].sort();
    if (want.length !== seen.length || want.some((a, i) => a !== seen[i])) return false;
  }
  const rest = words[words.length - 1] === '*';
  const fixed = rest ? words.slice(0, -1) : words;
  if (inv.argv.length < fixed.length || (!rest && inv.argv.length !== fixed.length)) return false;
  return fixed.every((w, i) =>
    deny && i === 0 ? wordMatches(w.toLowerCase(), inv.argv[0], true) : wordMatches(w, inv.argv[i], false),
  );
}

interface Case {
  command: string;
  /** Denied programs written literally where the checker must find them (see Generated). */
  literalDeny: string[];
}

/**
 * stdbuf works by preloading its own library: that part of LD_PRELOAD is stdbuf itself, not
 * something the command set.
 */
function withoutStdbuf(inv: Invocation): Invocation {
  const env = inv.env.flatMap((e) => {
    if (!e.startsWith('LD_PRELOAD=')) return [e];
    const kept = e
      .slice('LD_PRELOAD='.length)
      .split(/[: ]/)
      .filter((p) => p && !p.endsWith('/libstdbuf.so'));
    return kept.length ? [`LD_PRELOAD=${kept.join(':')}`] : [];
  });
  return { argv: inv.argv, env };
}

function problems(c: Case, invocations: Invocation[]): string[] {
  const result = checkCommand(c.command, RULES);
  // §1/§3: a line with an unterminated here-document is a parse failure, so only the lines before
  // it count for deny, although bash runs that line (with a warning). Not an allow: reported.
  const unterminated = result.reasons.some((r) => r.includes('unterminated here-document'));
  const out: string[] = [];
  for (const inv of invocations.map(withoutStdbuf)) {
    const shown = `${[...inv.env, ...inv.argv].map((w) => JSON.stringify(w)).join(' ')}`;
    if (result.verdict === 'allow' && !RULES.allow.some((p) => ranMatches(p, inv, false)))
      out.push(`allowed, but bash ran ${shown}`);
    const denied = RULES.deny.some((p) => ranMatches(p, inv, true));
    if (denied && result.verdict === 'allow') out.push(`allowed, but bash ran the denied ${shown}`);
    else if (denied && c.literalDeny.includes(inv.argv[0]) && result.verdict !== 'deny' && !unterminated)
      out.push(`${result.verdict}, but bash ran ${shown}, which the command names literally`);
  }
  return out;
}

function generated(): Case[] {
  const g = new Grammar(SEED);
  const seen = new Set<string>();
  const out: Case[] = [];
  while (out.length < GENERATED) {
    const c = g.generate();
    if (seen.has(c.command) || c.command.includes('\0')) continue;
    seen.add(c.command);
    out.push(c);
  }
  return out;
}

const HAND_WRITTEN: Case[] = [
  { command: "bash 3<f <<<'git status' 0>&3", literalDeny: [] },
  { command: "BASH_ENV=./x bash -c ''", literalDeny: [] },
  { command: 'set -k; git status A=1', literalDeny: [] },
  { command: "bash -o keyword -c 'git status A=1'", literalDeny: [] },
  { command: 'echo 2>(rm -rf x)', literalDeny: ['rm'] },
  { command: 'echo "$(cat <<EOF\nhi\nEOF)"; rm -rf x', literalDeny: ['rm'] },
  { command: "cat <<$'EOF'\nhi\nEOF\nrm -rf x", literalDeny: ['rm'] },
  { command: 'cat <<E\\\nOF\n$(rm -rf x)\nEOF', literalDeny: ['rm'] },
  { command: 'echo "${x:-\'}\'}"; rm -rf x', literalDeny: ['rm'] },
  { command: "X='a[$(rm -rf x)]'; echo $((X))", literalDeny: [] },
  { command: "[[ -v 'a[$(rm -rf x)]' ]]", literalDeny: [] },
  { command: 'time -p -- rm -rf x', literalDeny: ['rm'] },
  { command: "bash -i -c 'rm -rf x'", literalDeny: ['rm'] },
  { command: "bash -O extglob -c 'rm -rf x'", literalDeny: ['rm'] },
  { command: 'declare -a a=( $(rm -rf x) )', literalDeny: ['rm'] },
  { command: `${'nice '.repeat(500)}rm -rf x`, literalDeny: ['rm'] },
  { command: `${'command '.repeat(500)}git status`, literalDeny: [] },
  { command: "A=1 nice env B=2 bash -c 'git status'", literalDeny: [] },
  { command: 'env =x git status', literalDeny: [] },
  { command: "sh -c 'git status &> /dev/null; id'", literalDeny: [] },
  ...REGRESSIONS.map((command) => ({ command, literalDeny: [] })),
];

describe('command policy: the bash oracle', function () {
  this.timeout(240_000);
  let bash: string | null = null;
  let sandboxes: Sandbox[] = [];
  let reason = '';

  before(function () {
    bash = findBash();
    const missing = missingTools();
    if (!bash) reason = 'bash 5.2 is not installed';
    else if (missing.length) reason = `missing ${missing.join(', ')}`;
    if (reason) {
      console.log(`      (oracle skipped: ${reason})`);
      this.skip();
    }
    sandboxes = [new Sandbox(bash!), new Sandbox(bash!)];
  });

  after(() => sandboxes.forEach((s) => s.dispose()));

  it('the sandbox logs what bash runs, and nothing escapes its stubs', async () => {
    const ran = await sandboxes[0].run([
      'A=1 git status; command rm -rf x; exec ls -la; id',
      'echo 2>(git log -1)',
      'if',
    ]);
    assert.deepEqual(ran[0].invocations, [
      { argv: ['git', 'status'], env: ['A=1'] },
      { argv: ['rm', '-rf', 'x'], env: [] },
      { argv: ['ls', '-la'], env: [] },
    ]);
    assert.deepEqual(ran[1].invocations, [{ argv: ['git', 'log', '-1'], env: [] }]);
    assert.deepEqual(
      ran.map((r) => r.parses),
      [true, true, false],
    );
  });

  it('hand-written cases and every family of issue 10', async () => {
    const ran = await sandboxes[0].run(HAND_WRITTEN.map((c) => c.command));
    const failures = HAND_WRITTEN.flatMap((c, i) =>
      problems(c, ran[i].invocations).map((p) => `${JSON.stringify(c.command)}: ${p}`),
    );
    assert.deepEqual(failures, []);
  });

  let cases: Case[] = [];
  let ran: Ran[] = [];

  it(`${GENERATED} generated commands (seed ${SEED}): no allow that bash contradicts`, async () => {
    cases = generated();
    const half = Math.ceil(cases.length / 2);
    const chunks = [cases.slice(0, half), cases.slice(half)];
    ran = (await Promise.all(chunks.map((chunk, k) => sandboxes[k].run(chunk.map((c) => c.command))))).flat();
    const failures = cases.flatMap((c, i) =>
      problems(c, ran[i].invocations).map((p) => `${JSON.stringify(c.command)}: ${p}`),
    );
    assert.deepEqual(failures.slice(0, 20), []);
    // The generator must exercise both sides, or the oracle proves nothing.
    const allowed = cases.filter((c) => checkCommand(c.command, RULES).verdict === 'allow').length;
    const executed = ran.filter((r) => r.invocations.length > 0).length;
    assert.ok(allowed > cases.length / 10, `only ${allowed} allowed`);
    assert.ok(executed > cases.length / 3, `only ${executed} ran anything`);
  });

  it('the parser and bash -n agree on what parses (deviations justified in parseDeviation)', function () {
    if (!ran.length) this.skip();
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      const parsed = parseUnits(c.command);
      const ours = parsed.error === undefined;
      if (ours === ran[i].parses || parseDeviation(parsed.error, ran[i].parses)) return;
      const theirs = ran[i].parses ? 'parses' : 'fails';
      disagreements.push(`${JSON.stringify(c.command)}: bash -n ${theirs}, ours ${parsed.error ?? 'parses'}`);
    });
    assert.deepEqual(disagreements.slice(0, 20), []);
  });
});

/**
 * Where the checker parses differently from `bash -n` on purpose, and why; null when the
 * difference is a bug. Each of these makes the checker stricter, never more permissive.
 */
function parseDeviation(error: string | undefined, bashParses: boolean): string | null {
  if (!bashParses || error === undefined) return null;
  // §3: bash runs an unterminated here-document with a warning; the checker must not allow it.
  if (/^(in [^:]+: )?unterminated here-document/.test(error)) return 'unterminated here-document (§3)';
  // bash parses backquoted text and here-document bodies only when it expands them, at run time
  // (an error there stops that one command); the checker parses them with the line.
  if (error.startsWith('in backquotes: ') || error.startsWith('in a here-document body: '))
    return 'parsed with the line';
  // `$((` that is neither arithmetic nor a command substitution: bash says "bad substitution"
  // when it expands it, at run time, and does not run that command.
  if (error.startsWith('in $(( that is neither')) return 'a run-time bad substitution in bash';
  // §13.13: the checker's own limits.
  if (error === 'nesting too deep to parse' || error === 'over the work budget') return 'own limits';
  // bash 5.2 ends a here-document at `EOF…)` and re-reads the rest of that line; what it then
  // does with further here-documents pending on the same line is not worth imitating.
  if (error === 'here-document ended inside a line with others pending') return 'ambiguous in bash 5.2';
  return null;
}
