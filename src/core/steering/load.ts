// Reads every steering source of a workspace: its `.kiro/steering`, the user's
// `~/.kiro/steering` (a workspace file of the same name wins) and its AGENTS.md files.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { findKiroRoots } from '../specs/discover';
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

  // A repository without a `.kiro` of its own may keep one per sub-project (`api/.kiro`): their
  // steering is workspace steering whose globs are relative to that sub-project.
  const subRoots = await findKiroRoots(root);
  const local = [
    ...(await readSteeringFolder(workspaceDir, 'workspace', root, problems)),
    ...(
      await Promise.all(
        subRoots.map(async (sub) => {
          const prefix = relative(root, sub).split(sep).join('/');
          const docs = await readSteeringFolder(join(sub, '.kiro', 'steering'), 'workspace', sub, problems);
          return docs.map((d) => ({ ...d, patterns: d.patterns.map((p) => `${prefix}/${p}`) }));
        }),
      )
    ).flat(),
  ];
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
    for (const sub of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name, 'en')))
      await reportSubfolder(join(dir, sub.name), problems);
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

/**
 * Kiro reads the `.md` files directly in `.kiro/steering/`; files in its sub-folders are not
 * steering, so they are not silently dropped but named.
 */
async function reportSubfolder(dir: string, problems: Diagnostic[]): Promise<void> {
  let files: string[];
  try {
    files = (await readdir(dir, { recursive: true })).filter((name) => /\.md$/i.test(name)).sort();
  } catch {
    return;
  }
  if (files.length === 0) return;
  problems.push({
    file: join(dir, files[0]),
    line: 1,
    column: 1,
    severity: 'info',
    code: 'steering-subfolder-ignored',
    message: `Steering is read from the .md files directly in .kiro/steering/; the ${files.length} in the sub-folder '${basename(dir)}/' (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}) are not read. Move them up a level to use them.`,
  });
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
