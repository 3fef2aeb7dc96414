// Where `.kiro/specs` lives. Usually at the workspace root; some repositories keep `.kiro` in a
// sub-project (`ERP3/.kiro`), so when the root has none a shallow search looks a few levels down.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', '.git', 'out', 'dist', 'build', 'target', 'vendor']);

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `.kiro/specs` folders: the root's alone when it has one, else every one within maxDepth. */
export async function findSpecRoots(workspace: string, maxDepth = 3): Promise<string[]> {
  const atRoot = join(workspace, '.kiro', 'specs');
  if (await isDir(atRoot)) return [atRoot];
  const found: string[] = [];
  let level = [workspace];
  for (let depth = 1; depth <= maxDepth && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (!entry.isDirectory() || SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
        const child = join(dir, entry.name);
        const specs = join(child, '.kiro', 'specs');
        if (await isDir(specs)) found.push(specs);
        else next.push(child);
      }
    }
    level = next;
  }
  return found.sort();
}

/** Spec folders of one specs root, by name. Loose files (`.kiro/specs/overview.md`) are not specs. */
export async function listSpecDirs(specsRoot: string): Promise<string[]> {
  try {
    const entries = await readdir(specsRoot, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => join(specsRoot, entry.name))
      .sort();
  } catch {
    return [];
  }
}
