// Where `.kiro/specs` lives. Usually at the workspace root; some repositories keep `.kiro` in a
// sub-project (`ERP3/.kiro`), so when the root has none a shallow search looks a few levels down.
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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
  return findNested(workspace, join('.kiro', 'specs'), maxDepth);
}

/**
 * Sub-project folders holding a `.kiro` folder (`ERP3` for `ERP3/.kiro`), searched as for specs,
 * when the workspace has no `.kiro` of its own; [] when it has.
 */
export async function findKiroRoots(workspace: string, maxDepth = 3): Promise<string[]> {
  if (await isDir(join(workspace, '.kiro'))) return [];
  return (await findNested(workspace, '.kiro', maxDepth)).map((kiro) => dirname(kiro));
}

/** `<folder>/<relative>` folders below workspace (not in it), the shallowest on each path. */
async function findNested(workspace: string, relative: string, maxDepth: number): Promise<string[]> {
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
        const target = join(child, relative);
        if (await isDir(target)) found.push(target);
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
