// Interrupted waves. While tasks run in worktrees the coordinator keeps a journal of the run in the
// workspace (`.kiro/tiller/waves/<id>.json`: its process, the spec, the tasks it has marked) and
// removes it when the run ends. A journal whose process is gone (a window reload, a crash, a killed
// terminal) is recovered like a single run (agent/recover.ts): each of its tasks still at the
// coordinator's `[~]` or `[-]` goes back to `[ ]` (merged work is `[x]` and stays), and the
// worktrees kept for the spec are listed for cleanup (`tiller waves --discard`, Discard in VS Code).
import { mkdir, open, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diskFiles, type WorkspaceFiles } from '../agent/files';
import { processAlive, thisProcess } from '../agent/recover';
import { flattenTasks, parseTasks, setTaskStatus } from '../specs';
import { newRunId, TILLER_DIR, type RunProcess } from '../trace';
import { branchName, keptWorktrees, openRepository } from './worktree';

interface WaveJournalRecord {
  id: string;
  process: RunProcess;
  spec: string;
  /** Absolute path of the spec's tasks.md in the workspace. */
  tasksFile: string;
  /** Every task the coordinator has marked so far. */
  tasks: string[];
}

export interface InterruptedWaves {
  id: string;
  spec: string;
  /** Tasks put back to `[ ]`. */
  restored: string[];
  /** Worktrees kept for the spec, to look at and discard. */
  kept: { branch: string; path: string }[];
}

export function wavesDir(workspaceRoot: string): string {
  return join(workspaceRoot, ...TILLER_DIR.split('/'), 'waves');
}

/** Journals this process keeps open: its own runs, which recovery leaves alone. */
const ownJournals = new Set<string>();

/** The coordinator's journal of one run in worktrees: `mark` before it marks tasks, `close` once it ends. */
export class WaveJournal {
  readonly id = newRunId();
  private readonly dir: string;
  private readonly record: WaveJournalRecord;

  constructor(workspaceRoot: string, spec: string, tasksFile: string) {
    this.dir = wavesDir(workspaceRoot);
    this.record = { id: this.id, process: thisProcess(), spec, tasksFile, tasks: [] };
    ownJournals.add(this.id);
  }

  async mark(tasks: string[]): Promise<void> {
    this.record.tasks.push(...tasks.filter((t) => !this.record.tasks.includes(t)));
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, `${this.id}.json`), `${JSON.stringify(this.record)}\n`);
  }

  async close(): Promise<void> {
    await unlink(join(this.dir, `${this.id}.json`)).catch(() => undefined);
    ownJournals.delete(this.id);
  }
}

export interface RecoverWavesOptions {
  workspaceRoot: string;
  workspaceFiles?: WorkspaceFiles;
}

export async function recoverWaves(options: RecoverWavesOptions): Promise<InterruptedWaves[]> {
  const dir = wavesDir(options.workspaceRoot);
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: InterruptedWaves[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const done = await recoverOne(options, join(dir, name)).catch(() => null);
    if (done) found.push(done);
  }
  return found;
}

async function recoverOne(options: RecoverWavesOptions, path: string): Promise<InterruptedWaves | null> {
  const record = JSON.parse(await readFile(path, 'utf8')) as WaveJournalRecord;
  if (!record.process || !Array.isArray(record.tasks) || typeof record.tasksFile !== 'string') return null;
  if ((await processAlive(record.process, record.id, ownJournals)) !== false) return null;
  // One recoverer per journal: a window and a terminal may both look at once.
  const lock = `${path}.recovering`;
  const handle = await open(lock, 'wx').catch(() => null);
  if (!handle) return null;
  try {
    await handle.close();
    const restored: string[] = [];
    const files = options.workspaceFiles ?? diskFiles;
    for (const id of record.tasks) {
      // Each edit is computed on the text as it is then: a person may be typing in the buffer.
      await files
        .edit(record.tasksFile, (text) => {
          const status = flattenTasks(parseTasks(text, '').tasks).find((t) => t.id === id)?.status;
          if (status !== 'queued' && status !== 'in-progress') return [];
          restored.push(id);
          return setTaskStatus(text, id, 'todo');
        })
        .catch(() => undefined);
    }
    const repo = await openRepository(options.workspaceRoot).catch(() => null);
    const prefix = branchName(record.spec, 'x').slice(0, -1);
    const kept = repo ? (await keptWorktrees(repo)).filter((w) => w.branch.startsWith(prefix)) : [];
    await unlink(path);
    return { id: record.id, spec: record.spec, restored, kept };
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
