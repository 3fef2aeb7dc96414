// Parallel task runs: a wave of 4 independent (P) tasks against the fake model server answering
// every request after a fixed delay (1 s, a quick real model turn), with --parallel 4 (worktrees) vs --parallel 1 (in place), and
// what a worktree costs a task of such a wave: create, commit, merge (replayed onto the moved HEAD, then
// fast-forward), remove, with the real git.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProvider } from '../src/core/agent/providers';
import { DEFAULT_RULES } from '../src/core/policy';
import { runWaves } from '../src/core/waves';
import {
  commitWorktree,
  createWorktree,
  mergeWorktree,
  openRepository,
  removeWorktree,
} from '../src/core/waves/worktree';
import { startFakeModelServer, type ScriptEntry } from '../test/support/fake-model-server';
import { median, type BenchRow } from './harness';

const DELAY_MS = 1000;
const TASKS = 4;
const GIT = ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false'];

function repo(files: Record<string, string>): { dir: string; root: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tiller-bench-waves-'));
  const root = join(dir, 'ws');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const git = (...args: string[]) => execFileSync('git', [...GIT, ...args], { cwd: root });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  return { dir, root };
}

const SPEC = Array.from({ length: TASKS }, (_, i) => `- [ ] ${i + 1}. (P) Part ${i + 1}\n`).join('');

/** Each request: the task's file on its first turn, complete_task on the next, after DELAY_MS. */
const turn: ScriptEntry = (request) => {
  const messages = request.body.messages as { role: string }[];
  const task = /Carry out task (\S+) of spec/.exec(JSON.stringify(messages))?.[1] ?? '0';
  const done = messages.some((m) => m.role === 'assistant');
  return {
    delayMs: DELAY_MS,
    toolCalls: [
      done
        ? { name: 'complete_task', arguments: '{"summary":"done"}' }
        : {
            name: 'write_file',
            arguments: JSON.stringify({ path: `part-${task}.txt`, content: `${task}\n`, rationale: 'bench' }),
          },
    ],
  };
};

async function waveTime(parallelism: number): Promise<number> {
  const server = await startFakeModelServer();
  const ws = repo({ '.kiro/specs/demo/tasks.md': SPEC });
  try {
    server.script(Array.from({ length: TASKS * 2 }, () => turn));
    const provider = createProvider({ provider: 'openai', baseUrl: server.openaiBaseUrl, model: 'fake' });
    const start = performance.now();
    const result = await runWaves({
      workspaceRoot: ws.root,
      spec: 'demo',
      parallelism,
      provider,
      rules: DEFAULT_RULES,
      homeDir: null,
      storageDir: null,
    });
    const ms = performance.now() - start;
    if (result.status !== 'completed') throw new Error(`bench wave ${parallelism}: ${result.reason}`);
    return ms;
  } finally {
    await server.close();
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

/** Per task of a wave of TASKS: all created from one HEAD, so every merge after the first replays its commit. */
async function worktreeOverhead(): Promise<number> {
  const ws = repo({ 'a.txt': 'a\n', '.kiro/specs/demo/tasks.md': SPEC });
  try {
    const r = await openRepository(ws.root);
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      const trees = [];
      for (let i = 0; i < TASKS; i++) trees.push(await createWorktree(r, 'demo', `r${round}-${i}`));
      for (const [i, wt] of trees.entries()) {
        writeFileSync(join(wt.path, `file-${round}-${i}.txt`), `${i}\n`);
        await commitWorktree(wt, `task ${i}`);
      }
      for (const wt of trees) {
        const merge = await mergeWorktree(r, wt);
        if (!merge.merged) throw new Error(`bench worktree: ${merge.reason}`);
        await removeWorktree(r, wt);
      }
      times.push((performance.now() - start) / TASKS);
    }
    return median(times);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

export default async function waves(): Promise<BenchRow[]> {
  const sequential: number[] = [];
  const parallel: number[] = [];
  for (let i = 0; i < 3; i++) {
    sequential.push(await waveTime(1));
    parallel.push(await waveTime(TASKS));
  }
  const ratio = median(parallel) / median(sequential);
  return [
    {
      group: 'waves',
      name: `${TASKS} (P) tasks, model ${DELAY_MS} ms/turn: --parallel 1`,
      value: median(sequential),
      unit: 'ms',
    },
    { group: 'waves', name: `${TASKS} (P) tasks: --parallel ${TASKS}`, value: median(parallel), unit: 'ms' },
    { group: 'waves', name: `--parallel ${TASKS} / --parallel 1 wall time`, value: ratio, unit: 'ratio', target: 0.35 },
    {
      group: 'waves',
      name: `worktree per task of a wave of ${TASKS}: create + commit + replay/ff merge + remove`,
      value: await worktreeOverhead(),
      unit: 'ms',
      target: 300,
    },
  ];
}
