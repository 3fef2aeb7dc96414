// Command policy figures: classification speed over a realistic mix, cold start of the checker in
// a fresh process (the parser is plain TypeScript, so this is JIT warm-up, not WASM loading), and
// heap growth across 100,000 classifications.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkCommand, DEFAULT_RULES, type PolicyRules } from '../src/core/policy';
import { type BenchRow, heapMB, median, percentile } from './harness';

const CHILD_FLAG = 'TILLER_BENCH_POLICY_COLD';

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

function commands(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${MIX[i % MIX.length]}${i % 3 === 0 ? ` # ${i}` : ''}`);
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

  const list = commands(10_000);
  for (const c of list) checkCommand(c, RULES);
  const times: number[] = [];
  for (const c of list) {
    const start = performance.now();
    checkCommand(c, RULES);
    times.push(performance.now() - start);
  }
  rows.push({ group, name: 'classify, per command (10,000 mixed)', value: median(times), unit: 'ms', target: 0.2 });
  rows.push({ group, name: 'classify, p99 per command', value: percentile(times, 99), unit: 'ms' });

  const collect = gc();
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
