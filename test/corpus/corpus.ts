// The real-world corpus (../shared/real-specs: verbatim `.kiro` files of public repositories) is
// not part of the repository, so these tests are an optional stage: scripts/test-all.mjs runs
// them only when the folder exists. Nothing here reads it while the file loads; call
// readCorpus() in before(). TILLER_REAL_SPECS points elsewhere (a worktree has no ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Bundled tests run from out/test/corpus, three levels below the repository. */
export const repoRoot = resolve(__dirname, '../../..');
export const realSpecs = process.env.TILLER_REAL_SPECS ?? resolve(repoRoot, '../shared/real-specs');
export const fixtureWorkspace = resolve(repoRoot, 'test/fixtures/specs-workspace');
export const fixtureSpecs = resolve(fixtureWorkspace, '.kiro/specs');

export interface CorpusEntry {
  repo: string;
  path: string;
  kind: string;
  notes: string;
  counts?: { total: number; done: number; todo: number; in_progress: number; queued: number; optional: number };
}

export interface Corpus {
  entries: CorpusEntry[];
  fileOf(entry: CorpusEntry): string;
  read(entry: CorpusEntry): string;
  /** The folder of the entry's repository, laid out as a workspace. */
  workspaceOf(entry: CorpusEntry): string;
  find(fragment: string): CorpusEntry;
}

/** The corpus index, or null (the caller skips) when the corpus is not there. */
export function readCorpus(): Corpus | null {
  const indexFile = join(realSpecs, 'INDEX.json');
  if (!existsSync(indexFile)) return null;
  const entries = JSON.parse(readFileSync(indexFile, 'utf8')) as CorpusEntry[];
  const workspaceOf = (e: CorpusEntry) => join(realSpecs, e.repo.replace('/', '__'));
  const fileOf = (e: CorpusEntry) => join(workspaceOf(e), e.path);
  return {
    entries,
    fileOf,
    read: (e) => readFileSync(fileOf(e), 'utf8'),
    workspaceOf,
    find(fragment) {
      const found = entries.find((e) => `${e.repo}/${e.path}`.includes(fragment));
      if (!found) throw new Error(`no corpus file matches ${fragment}`);
      return found;
    },
  };
}
