// Finds and parses every hook file: `<workspace>/.kiro/hooks/` and `~/.kiro/hooks/` (a user file
// with the same name as a workspace file is shadowed by it, as with steering). A workspace without
// a `.kiro` of its own reads each sub-project's (`api/.kiro/hooks/`, found as specs and steering
// are), each hook marked with its sub-project (see Hook.root). A file that cannot be read or
// parsed becomes a Diagnostic and an entry with errors; it never hides the other hooks.
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { findKiroRoots } from '../specs/discover';
import { readJson, position } from './json';
import type { Hook } from './model';
import { parseLegacy } from './parse-legacy';
import { parseV1 } from './parse-v1';
import type { HookSource } from './source';

export const HOOKS_DIR = '.kiro/hooks';
const LEGACY_SUFFIX = '.kiro.hook';

export interface HookSet {
  hooks: Hook[];
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  workspaceRoot: string;
  /** Home folder for user hooks; default os.homedir(). `null` reads no user hooks. */
  home?: string | null;
}

export function isHookFileName(name: string): boolean {
  return name.endsWith(LEGACY_SUFFIX) || name.endsWith('.json');
}

export async function loadHooks(options: LoadOptions): Promise<HookSet> {
  const home = options.home === undefined ? homedir() : options.home;
  const workspaceFiles = await hookFiles(join(options.workspaceRoot, HOOKS_DIR));
  const userFiles = home
    ? (await hookFiles(join(home, HOOKS_DIR))).filter((name) => !workspaceFiles.includes(name))
    : [];
  const sources: HookSource[] = [
    ...workspaceFiles.map((name) =>
      source(join(options.workspaceRoot, HOOKS_DIR, name), `${HOOKS_DIR}/${name}`, 'workspace'),
    ),
    ...(await subProjectSources(options.workspaceRoot)),
    ...userFiles.map((name) => source(join(home!, HOOKS_DIR, name), `~/${HOOKS_DIR}/${name}`, 'user')),
  ];
  const set: HookSet = { hooks: [], diagnostics: [] };
  const texts = await Promise.all(sources.map((s) => readFile(s.file, 'utf8').catch((err: Error) => err)));
  sources.forEach((s, i) => {
    const text = texts[i];
    if (text instanceof Error) {
      set.diagnostics.push({
        file: s.file,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'hook-unreadable',
        message: `cannot read ${s.file}: ${text.message}`,
      });
      set.hooks.push(brokenHook(s, [`cannot read the file: ${text.message}`]));
      return;
    }
    const parsed = parseHookFile(text, s);
    set.hooks.push(...(s.root === undefined ? parsed.hooks : parsed.hooks.map((hook) => ({ ...hook, root: s.root }))));
    set.diagnostics.push(...parsed.diagnostics);
  });
  return set;
}

/** Parses one file's text by its name: `*.kiro.hook` is the legacy format, `*.json` is v1. */
export function parseHookFile(text: string, s: HookSource): HookSet {
  const diagnostics: Diagnostic[] = [];
  const doc = readJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (doc.syntaxError) {
    const { line, column } = position(doc.text, doc.syntaxError.offset);
    const message = `not valid JSON (${doc.syntaxError.message} at line ${line}, column ${column})`;
    diagnostics.push({ file: s.file, line, column, severity: 'error', code: 'hook-invalid-json', message });
    return { hooks: [brokenHook(s, [message])], diagnostics };
  }
  const hooks = s.file.endsWith(LEGACY_SUFFIX) ? [parseLegacy(doc, s, diagnostics)] : parseV1(doc, s, diagnostics);
  return { hooks, diagnostics };
}

/** The hook files of every sub-project `.kiro` (none when the workspace has a `.kiro` itself). */
async function subProjectSources(workspaceRoot: string): Promise<HookSource[]> {
  const found: HookSource[] = [];
  for (const sub of await findKiroRoots(workspaceRoot)) {
    const root = relative(workspaceRoot, sub).split(sep).join('/');
    for (const name of await hookFiles(join(sub, HOOKS_DIR)))
      found.push({ ...source(join(sub, HOOKS_DIR, name), `${root}/${HOOKS_DIR}/${name}`, 'workspace'), root });
  }
  return found;
}

async function hookFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && isHookFileName(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function source(file: string, id: string, scope: HookSource['scope']): HookSource {
  const name = id.slice(id.lastIndexOf('/') + 1);
  const defaultName = name.endsWith(LEGACY_SUFFIX) ? name.slice(0, -LEGACY_SUFFIX.length) : name.replace(/\.json$/, '');
  return { file, id, defaultName, scope };
}

function brokenHook(s: HookSource, errors: string[]): Hook {
  return {
    id: s.id,
    file: s.file,
    line: 1,
    name: s.defaultName,
    format: s.file.endsWith(LEGACY_SUFFIX) ? 'legacy' : 'v1',
    enabled: false,
    scope: s.scope,
    ...(s.root === undefined ? {} : { root: s.root }),
    errors,
  };
}
