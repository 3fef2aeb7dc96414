// Which workspace paths the file watcher skips: `.git/`, `node_modules/` and build output always,
// plus every `.gitignore` on the way down (nested files refine their parents', `!` re-includes, as
// in git) and `.git/info/exclude`. Rules are read lazily per folder and cached; a changed
// `.gitignore` is dropped from the cache so the next look-up reads it again.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export const DEFAULT_IGNORED_DIRS: readonly string[] = [
  '.git',
  'node_modules',
  'dist',
  'out',
  'build',
  'coverage',
  '.next',
  '.turbo',
  '.cache',
];

export class GitignoreFilter {
  private readonly rules = new Map<string, Ignore | null>();
  private readonly alwaysIgnored: Set<string>;

  constructor(
    private readonly root: string,
    ignoredDirs: readonly string[] = DEFAULT_IGNORED_DIRS,
  ) {
    this.alwaysIgnored = new Set(ignoredDirs);
  }

  /** True when the watcher should skip this absolute path. `isDir` undefined: not known yet. */
  ignores(path: string, isDir?: boolean): boolean {
    const rel = relative(this.root, path);
    if (rel === '' || rel.startsWith('..')) return false;
    const parts = rel.split(sep);
    if (parts.some((p) => this.alwaysIgnored.has(p))) return true;
    let ignored = false;
    for (let depth = 0; depth < parts.length; depth++) {
      const rules = this.rulesFor(parts.slice(0, depth).join('/'));
      if (!rules) continue;
      const sub = parts.slice(depth).join('/');
      const result = rules.test(isDir ? `${sub}/` : sub);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  /** Forgets the cached rules of the folder holding this `.gitignore`. */
  invalidate(gitignorePath: string): void {
    const dir = relative(this.root, dirname(gitignorePath)).split(sep).join('/');
    this.rules.delete(dir);
  }

  private rulesFor(dir: string): Ignore | null {
    let rules = this.rules.get(dir);
    if (rules !== undefined) return rules;
    const texts = [read(join(this.root, dir, '.gitignore'))];
    if (dir === '') texts.push(read(join(this.root, '.git', 'info', 'exclude')));
    const content = texts.filter((t): t is string => t !== undefined);
    rules = content.length ? ignore().add(content.join('\n')) : null;
    this.rules.set(dir, rules);
    return rules;
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
