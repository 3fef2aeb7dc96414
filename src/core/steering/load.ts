// Reads every steering source of a workspace: its `.kiro/steering`, the user's
// `~/.kiro/steering` (a workspace file of the same name wins) and its AGENTS.md files.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { DEFAULT_AGENTS_LIMITS, findAgentsFiles, parseAgentsFile, type AgentsSearchLimits } from './agents';
import type { SteeringDoc } from './model';
import { parseSteeringFile } from './parse';

export interface LoadSteeringOptions {
  workspaceRoot: string;
  /** Whose `~/.kiro/steering` to read (default: the user's); tests pass a temp folder, null skips it. */
  homeDir?: string | null;
  agentsLimits?: Partial<AgentsSearchLimits>;
}

export interface SteeringSet {
  /** Workspace steering, then global steering, then AGENTS.md files; each group by file name / path. */
  docs: SteeringDoc[];
  /** Every diagnostic: those of each doc plus problems reading the folders themselves. */
  diagnostics: Diagnostic[];
}

export async function loadSteering(options: LoadSteeringOptions): Promise<SteeringSet> {
  const root = resolve(options.workspaceRoot);
  const home = options.homeDir === undefined ? homedir() : options.homeDir;
  const problems: Diagnostic[] = [];
  const workspaceDir = join(root, '.kiro', 'steering');
  const globalDir = home === null ? null : join(resolve(home), '.kiro', 'steering');

  const local = await readSteeringFolder(workspaceDir, 'workspace', root, problems);
  // Opening the home folder itself as the workspace would otherwise load every file twice.
  const global =
    globalDir === null || globalDir === workspaceDir
      ? []
      : await readSteeringFolder(globalDir, 'global', root, problems);
  const shadowed = new Set(local.map((d) => basename(d.file)));

  const limits = { ...DEFAULT_AGENTS_LIMITS, ...options.agentsLimits };
  const search = await findAgentsFiles(root, limits);
  if (search.truncated) {
    problems.push({
      file: root,
      line: 1,
      column: 1,
      severity: 'info',
      code: 'steering-agents-search-truncated',
      message: `The AGENTS.md search stopped at depth ${limits.maxDepth} or after ${limits.maxFolders} folders; deeper AGENTS.md files are not used.`,
    });
  }
  const agents: SteeringDoc[] = [];
  for (const file of search.files) {
    const text = await read(file, problems);
    if (text !== null) agents.push(parseAgentsFile(text, file, root, existsSync));
  }

  const docs = [...local, ...global.filter((d) => !shadowed.has(basename(d.file))), ...agents];
  return { docs, diagnostics: [...docs.flatMap((d) => d.diagnostics), ...problems] };
}

async function readSteeringFolder(
  dir: string,
  scope: 'workspace' | 'global',
  workspaceRoot: string,
  problems: Diagnostic[],
): Promise<SteeringDoc[]> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    // Only `*.md`: users park files as `x.md.disabled` to switch them off.
    names = entries
      .filter((e) => !e.isDirectory() && /\.md$/i.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
  const docs: SteeringDoc[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const text = await read(file, problems);
    if (text !== null) docs.push(parseSteeringFile(text, { file, scope, workspaceRoot, exists: existsSync }));
  }
  return docs;
}

async function read(file: string, problems: Diagnostic[]): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    problems.push({
      file,
      line: 1,
      column: 1,
      severity: 'error',
      code: 'steering-unreadable',
      message: `Cannot read this steering file: ${err instanceof Error ? err.message : String(err)}.`,
    });
    return null;
  }
}
