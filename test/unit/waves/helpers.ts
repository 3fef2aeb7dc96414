// Shared by the wave tests: a real git repository in a temp folder holding one spec, and a model
// double that knows which task each request is for, so concurrent runs get their own answers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ModelProvider, ModelRequest, ModelResponse } from '../../../src/core/agent/model';

// Identity and signing on the command line, so the tests pass with an empty HOME.
const GIT = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

export class GitWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'tiller-waves-'));
  readonly root = join(this.dir, 'ws');
  readonly home = join(this.dir, 'home');

  constructor(files: Record<string, string>, init = true) {
    mkdirSync(this.root);
    mkdirSync(this.home);
    this.write(files);
    if (!init) return;
    this.git('init', '-q', '-b', 'main');
    this.commit('start');
  }

  write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      writeFileSync(join(this.root, path), text);
    }
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8');
  }

  git(...args: string[]): string {
    return execFileSync('git', [...GIT, ...args], { cwd: this.root, encoding: 'utf8' }).trim();
  }

  commit(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }

  /** Branches under tiller/ and the worktree folders git knows, besides the workspace. */
  leftovers(): { branches: string[]; worktrees: string[] } {
    const branches = this.git('branch', '--list', 'tiller/*', '--format=%(refname:short)').split('\n').filter(Boolean);
    const worktrees = this.git('worktree', 'list', '--porcelain')
      .split('\n')
      .filter((l) => l.startsWith('worktree '))
      .slice(1)
      .map((l) => l.slice('worktree '.length));
    return { branches, worktrees };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const TASKS_FILE = '.kiro/specs/demo/tasks.md';

/** What a task's run does: files it writes, then complete_task. */
export type TaskScript = Record<string, Record<string, string>>;

/**
 * Answers each request by the task it carries (`Carry out task <id>`): first a write_file per file
 * the task's script names, then complete_task. The first turns of the `hold` tasks wait until
 * that many requests have been in flight at once, which only concurrent runs can reach.
 */
export class TaskModel implements ModelProvider {
  readonly id = 'task-model';
  readonly model = 'fake';
  inFlight = 0;
  maxInFlight = 0;
  readonly started: string[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly script: TaskScript,
    private readonly hold: string[] = [],
    private readonly onArrive?: (model: TaskModel) => void,
  ) {}

  async chat(request: ModelRequest): Promise<ModelResponse> {
    const task = /Carry out task (\S+) of spec/.exec(String(request.messages[1]?.content))?.[1] ?? '?';
    const first = !request.messages.some((m) => m.role === 'assistant');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (first) this.started.push(task);
    for (const wake of this.waiters.splice(0)) wake();
    this.onArrive?.(this);
    try {
      if (first && this.hold.includes(task))
        await this.until(() => this.maxInFlight >= this.hold.length, request.signal);
      const files = Object.entries(this.script[task] ?? {});
      const calls = first
        ? files.map(([path, content], i) => ({
            id: `w${i}`,
            name: 'write_file',
            arguments: JSON.stringify({ path, content, rationale: `task ${task}` }),
          }))
        : [];
      const toolCalls = calls.length
        ? calls
        : [{ id: 'c', name: 'complete_task', arguments: JSON.stringify({ summary: `did ${task}` }) }];
      return { text: '', toolCalls, usage: { inputTokens: 10, outputTokens: 5 }, stopReason: 'tool-calls' };
    } finally {
      this.inFlight--;
    }
  }

  private until(ready: () => boolean, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (signal?.aborted) return reject(new Error('aborted'));
        if (ready()) return resolve();
        this.waiters.push(check);
      };
      signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      check();
    });
  }
}
