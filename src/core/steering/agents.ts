// AGENTS.md files: the root one and nested ones, each governing its own folder. The search is
// breadth-first and bounded so that a huge monorepo costs a known amount of I/O at activation.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SteeringDoc } from './model';
import { findFileReferences, missingReferenceDiagnostics } from './references';

export interface AgentsSearchLimits {
  /** Folder depth below the workspace root that is still searched (root = 0). */
  maxDepth: number;
  /** Folders read before the search stops. */
  maxFolders: number;
}

// Deep enough for Java-style trees (src/main/java/com/acme/app/...), small enough to stay fast.
export const DEFAULT_AGENTS_LIMITS: AgentsSearchLimits = { maxDepth: 16, maxFolders: 5000 };

// Dependencies and build output never hold a project's own AGENTS.md, and dot-folders (.git,
// .next, .venv, .vscode-test...) are tool state.
const SKIPPED = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  'dist',
  'out',
  'build',
  'target',
  'coverage',
  '__pycache__',
]);

export interface AgentsSearch {
  /** Absolute paths, shallowest first, then by path. */
  files: string[];
  /** True when a limit stopped the search before every folder was read. */
  truncated: boolean;
}

export async function findAgentsFiles(
  workspaceRoot: string,
  limits: AgentsSearchLimits = DEFAULT_AGENTS_LIMITS,
): Promise<AgentsSearch> {
  const files: string[] = [];
  let level = [workspaceRoot];
  let budget = limits.maxFolders;
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limits.maxDepth || budget < level.length) return { files, truncated: true };
    budget -= level.length;
    // One level at a time, read concurrently, keeps the order (shallowest first) deterministic.
    const listings = await Promise.all(level.map((dir) => readdir(dir, { withFileTypes: true }).catch(() => [])));
    const next: string[] = [];
    listings.forEach((entries, i) => {
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        // Symlinked folders are not followed: they can loop or leave the workspace.
        if (entry.isFile() && entry.name === 'AGENTS.md') files.push(join(level[i], entry.name));
        else if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED.has(entry.name))
          next.push(join(level[i], entry.name));
      }
    });
    level = next;
  }
  return { files, truncated: false };
}

export function parseAgentsFile(
  text: string,
  file: string,
  workspaceRoot: string,
  exists: (absolutePath: string) => boolean,
): SteeringDoc {
  const folder = relative(workspaceRoot, join(file, '..')).split(sep).join('/');
  const references = findFileReferences(text, 1, workspaceRoot, exists);
  return {
    file,
    scope: 'agents',
    inclusion: 'always',
    patterns: [],
    name: folder === '' ? 'AGENTS.md' : `${folder}/AGENTS.md`,
    description: null,
    folder,
    body: text,
    references,
    diagnostics: missingReferenceDiagnostics(file, references),
  };
}
