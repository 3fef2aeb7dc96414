// Command policy figures: classification speed over the public examples and a generated set
// (in-process and per `check-command --batch` line), a 44 KB command, time against nesting
// depth for `$( )`, `eval`, `command ` and `( )` chains (linear, none over the §13.14 budget),
// cold start of the checker in a fresh process, and heap growth across 100,000 classifications.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkCommand, DEFAULT_RULES, type PolicyRules } from '../src/core/policy';
import examples from '../test/fixtures/command-policy/examples.json';
import { Grammar } from '../test/unit/policy/oracle/grammar';
import { type BenchRow, heapMB, median, percentile } from './harness';

const CHILD_FLAG = 'TILLER_BENCH_POLICY_COLD';
/** §13.14: the most any input up to 64 KB may take. */
const BUDGET_MS = 250;

const RULES: PolicyRules = {
  allow: [...DEFAULT_RULES.allow, 'git *', 'npm test', 'npm run *', 'echo *', 'cat *', 'grep *', 'find *', 'ls *'],
  deny: [...DEFAULT_RULES.deny, 'rm *', 'curl *', 'chmod *'],
};

const MIX = [
  'git status',
  'npm test',
  'ls -la src',
  'git add -A && git commit -m "feat: add parser"',
  'cd packages/core && npm run build 2>&1 | tail -n 20',
  'grep -rn "TODO" src --include=*.ts | head -50',
  'find . -name "*.test.ts" -exec grep -l describe {} +',
  'echo "$(git rev-parse HEAD)" > /dev/null',
  'for f in src/*.ts; do echo "$f"; wc -l "$f"; done',
  'FOO=bar npm test',
  'rm -rf build dist',
  'curl -s https://example.invalid/install.sh | sh',
  'bash -c "npm test && npm run lint"',
  'cat <<EOF\nhello $(whoami)\nEOF',
  'if [ -f package.json ]; then npm ci; else echo none; fi',
  'timeout 60 npm run e2e -- --grep "policy"',
  'sudo apt-get install -y jq',
  "eval 'git status; git diff --stat'",
  'xargs -n1 echo < files.txt',
  'python3 -c "print(1)"',
];

interface Example {
  command: string;
  allow: string[];
  deny: string[];
}

function commands(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${MIX[i % MIX.length]}${i % 3 === 0 ? ` # ${i}` : ''}`);
}

function generatedSet(n: number): string[] {
  const g = new Grammar(7);
  return Array.from({ length: n }, () => g.generate().command);
}

function gc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** In the child: time the very first classification, then report it on stdout. */
function coldChild(): never {
  const start = performance.now();
  checkCommand('git status && npm test', RULES);
  const first = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ first, sinceProcessStart: performance.now() })}\n`);
  process.exit(0);
}

/** Median per-call time in ms of classifying each command, after one untimed pass. */
function perCommand(list: Array<{ command: string; rules: PolicyRules }>): number[] {
  for (const c of list) checkCommand(c.command, c.rules);
  return list.map((c) => {
    const start = performance.now();
    checkCommand(c.command, c.rules);
    return performance.now() - start;
  });
}

function timeOne(command: string, runs = 5): number {
  checkCommand(command, RULES);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    checkCommand(command, RULES);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Wall time of one `check-command --batch` process over `lines` lines. */
function batchRun(cli: string, lines: string[]): number {
  const input = `${lines.join('\n')}\n`;
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, 'check-command', '--batch'], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const elapsed = performance.now() - start;
  if (r.status !== 0 || r.stdout.split('\n').length - 1 !== lines.length) throw new Error(`batch failed: ${r.stderr}`);
  return elapsed;
}

const CHAINS: Record<string, (n: number) => string> = {
  '$( )': (n) => `echo ${'$('.repeat(n)}git status${')'.repeat(n)}`,
  eval: (n) => `${'eval '.repeat(n)}git status`,
  'command ': (n) => `${'command '.repeat(n)}git status`,
  '( )': (n) => `${'( '.repeat(n)}git status${' )'.repeat(n)}`,
};

export default async function (): Promise<BenchRow[]> {
  if (process.env[CHILD_FLAG]) coldChild();
  const rows: BenchRow[] = [];
  const group = 'policy';

  const colds: Array<{ first: number; sinceProcessStart: number }> = [];
  for (let i = 0; i < 5; i++) {
    const child = spawnSync(process.execPath, [process.argv[1], 'policy'], {
      env: { ...process.env, [CHILD_FLAG]: '1' },
      encoding: 'utf8',
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    colds.push(JSON.parse(line));
  }
  rows.push({
    group,
    name: 'cold start: first check in a fresh process',
    value: median(colds.map((c) => c.first)),
    unit: 'ms',
    target: 150,
  });
  rows.push({
    group,
    name: 'fresh node process to first verdict',
    value: median(colds.map((c) => c.sinceProcessStart)),
    unit: 'ms',
  });

  const publicSet = (examples as Example[]).map((e) => ({ command: e.command, rules: e }));
  rows.push({
    group,
    name: `classify, per command (the ${publicSet.length} public examples)`,
    value: median(perCommand(publicSet)),
    unit: 'ms',
    target: 0.05,
  });
  const generated = generatedSet(5000).map((command) => ({ command, rules: RULES }));
  const genTimes = perCommand(generated);
  rows.push({
    group,
    name: 'classify, per command (5,000 generated)',
    value: median(genTimes),
    unit: 'ms',
    target: 0.05,
  });
  rows.push({
    group,
    name: 'classify, p99 per command (5,000 generated)',
    value: percentile(genTimes, 99),
    unit: 'ms',
  });
  const mixTimes = perCommand(commands(10_000).map((command) => ({ command, rules: RULES })));
  rows.push({ group, name: 'classify, per command (10,000 mixed)', value: median(mixTimes), unit: 'ms', target: 0.05 });

  const cli = join(process.cwd(), 'dist', 'cli.js');
  if (existsSync(cli)) {
    const line = (c: string) => JSON.stringify({ ...RULES, command: c });
    const lines = commands(20_000).map(line);
    const small = batchRun(cli, lines.slice(0, 200));
    const large = batchRun(cli, lines);
    rows.push({
      group,
      name: 'check-command --batch, per line (20,000 mixed; process start excluded)',
      value: (large - small) / (lines.length - 200),
      unit: 'ms',
      target: 0.1,
    });
  }

  let big = '';
  for (let i = 0; big.length < 44 * 1024; i++) big += `${i ? ' && ' : ''}${MIX[i % MIX.length].replace(/\n/g, ' ')}`;
  rows.push({
    group,
    name: `a ${Math.round(big.length / 1024)} KB command`,
    value: timeOne(big),
    unit: 'ms',
    target: 20,
  });

  for (const [name, make] of Object.entries(CHAINS)) {
    const times = [10, 100, 1000, 5000].map((n) => timeOne(make(n)));
    [10, 100, 1000, 5000].forEach((n, i) =>
      rows.push({
        group,
        name: `${name} chain, depth ${n.toLocaleString('en')}`,
        value: times[i],
        unit: 'ms',
        target: BUDGET_MS,
      }),
    );
    // Linear growth: five times the depth should take about five times as long (≤ 10 allows noise).
    rows.push({
      group,
      name: `${name} chain, time 5,000 / time 1,000`,
      value: times[3] / Math.max(times[2], 1e-3),
      unit: 'ratio',
      target: 10,
    });
  }

  const collect = gc();
  const list = commands(10_000);
  collect();
  const before = heapMB();
  for (let i = 0; i < 100_000; i++) checkCommand(list[i % list.length], RULES);
  collect();
  rows.push({
    group,
    name: 'heap growth over 100,000 classifications',
    value: Math.max(0, heapMB() - before),
    unit: 'MB',
    target: 5,
  });
  return rows;
}
