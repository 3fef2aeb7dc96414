// Walks workspace folders the way git sees them: every .gitignore from the workspace root down to
// the folder being read applies (nested ones relative to their own folder, as git reads them).
// `.git` and Tiller's own records are never listed. Symlinked folders are not followed (they can
// loop or leave the workspace).
import ignore, { type Ignore } from 'ignore';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isTillerRecord } from './paths';

export interface Entry {
  /** Workspace-relative with `/`. */
  rel: string;
  dir: boolean;
}

interface Rules {
  /** Workspace-relative folder the .gitignore sits in ('' for the root). */
  base: string;
  ig: Ignore;
}

async function rulesOf(root: string, folder: string): Promise<Rules | null> {
  const text = await readFile(join(root, folder, '.gitignore'), 'utf8').catch(() => null);
  return text === null ? null : { base: folder, ig: ignore().add(text) };
}

function ignored(rules: Rules[], rel: string, dir: boolean): boolean {
  for (const r of rules) {
    const local = r.base === '' ? rel : rel.slice(r.base.length + 1);
    if (r.ig.ignores(dir ? `${local}/` : local)) return true;
  }
  return false;
}

/** The .gitignore rules that apply inside `folder` (those of the root and every folder down to it). */
async function inheritedRules(root: string, folder: string): Promise<Rules[]> {
  const parts = folder === '' ? [] : folder.split('/');
  const folders = [''];
  for (let i = 1; i <= parts.length; i++) folders.push(parts.slice(0, i).join('/'));
  return (await Promise.all(folders.map((f) => rulesOf(root, f)))).filter((r): r is Rules => r !== null);
}

export async function isIgnored(root: string, rel: string): Promise<boolean> {
  const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
  return ignored(await inheritedRules(root, parent), rel, false);
}

/**
 * Entries under `folder` in sorted order, breadth-first when recursive. Stops after `limit`
 * entries and says so, since a model reading a 100,000-file listing helps nobody.
 */
export async function walk(
  root: string,
  folder: string,
  options: { recursive: boolean; limit: number; filesOnly?: boolean },
): Promise<{ entries: Entry[]; truncated: boolean }> {
  const entries: Entry[] = [];
  let queue: Array<{ folder: string; rules: Rules[] }> = [{ folder, rules: await inheritedRules(root, folder) }];
  while (queue.length) {
    const next: typeof queue = [];
    for (const { folder: dir, rules } of queue) {
      const listing = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
      listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const dirent of listing) {
        const rel = dir === '' ? dirent.name : `${dir}/${dirent.name}`;
        const isDir = dirent.isDirectory();
        if (dirent.name === '.git' || isTillerRecord(rel) || ignored(rules, rel, isDir)) continue;
        if (!isDir && !dirent.isFile() && !dirent.isSymbolicLink()) continue;
        if (!(isDir && options.filesOnly)) {
          if (entries.length >= options.limit) return { entries, truncated: true };
          entries.push({ rel, dir: isDir });
        }
        if (isDir && options.recursive) {
          const own = await rulesOf(root, rel);
          next.push({ folder: rel, rules: own ? [...rules, own] : rules });
        }
      }
    }
    queue = next;
  }
  return { entries, truncated: false };
}
