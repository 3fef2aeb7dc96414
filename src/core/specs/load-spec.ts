// One spec folder → a Spec. Config is read at once (tiny JSON); tasks, requirements, design and
// diagnostics are parsed on first access and cached by content (parse-cache.ts), because parsing
// is the dominant cost and a sidebar needs only names and counts to start.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import type { DesignSection, Requirement, Spec, SpecConfig, Task } from './model';
import { lintSpec } from './lint';
import { cached, forget, peek } from './parse-cache';
import { parseConfig } from './parse-config';
import { parseDesign } from './parse-design';
import { parseRequirements } from './parse-requirements';
import { parseTasks, type ParsedTasks } from './parse-tasks';
import { reparseTasks } from './reparse-tasks';
import { contentHash } from './text';

export interface SpecDocument {
  path: string;
  text: string;
  hash: string;
}

export interface SpecSource {
  name: string;
  dir: string;
  /** requirements.md, or bugfix.md when the spec has no requirements.md or is a bugfix spec. */
  requirements?: SpecDocument;
  design?: SpecDocument;
  tasks?: SpecDocument;
  /** `.config.kiro`, else cc-sdd `spec.json`. */
  config?: SpecDocument;
}

/** File names a spec folder may hold; a folder with none of them is not a spec. */
export const SPEC_FILES = [
  'requirements.md',
  'bugfix.md',
  'design.md',
  'tasks.md',
  '.config.kiro',
  'spec.json',
] as const;

export function document(path: string, text: string): SpecDocument {
  return { path, text, hash: contentHash(text) };
}

/**
 * `previousTasks`: the tasks.md this spec had before an edit; when its parse is still cached,
 * the new tasks.md is parsed from it (only the stretch the edit touched, see reparse-tasks.ts).
 */
export function buildSpec(source: SpecSource, previousTasks?: SpecDocument): Spec {
  const parsedConfig = source.config ? parseConfig(source.config.text, source.config.path) : null;
  const config: SpecConfig | null = parsedConfig?.config ?? null;
  const isBugfix = config?.specType === 'bugfix' || basename(source.requirements?.path ?? '') === 'bugfix.md';
  const spec = {
    name: source.name,
    dir: source.dir,
    type: isBugfix ? 'bugfix' : 'feature',
    config,
    documents: {
      requirements: source.requirements?.path,
      design: source.design?.path,
      tasks: source.tasks?.path,
      config: source.config?.path,
    },
  } as Spec;
  const tasks = () =>
    source.tasks
      ? cached(
          'tasks',
          source.tasks.text,
          source.tasks.path,
          (t) => parseTasksAfter(previousTasks, t),
          source.tasks.hash,
        )
      : { tasks: [] as Task[], diagnostics: [] as Diagnostic[] };
  const requirements = () =>
    source.requirements
      ? cached(
          isBugfix ? 'bugfix' : 'requirements',
          source.requirements.text,
          source.requirements.path,
          (t) => parseRequirements(t, '', isBugfix),
          source.requirements.hash,
        )
      : { requirements: [] as Requirement[], diagnostics: [] as Diagnostic[] };
  const design = () =>
    source.design
      ? cached(
          'design',
          source.design.text,
          source.design.path,
          (t) => ({ sections: parseDesign(t), diagnostics: [] }),
          source.design.hash,
        ).sections
      : ([] as DesignSection[]);
  lazy(spec, 'tasks', () => tasks().tasks);
  lazy(spec, 'requirements', () => requirements().requirements);
  lazy(spec, 'design', design);
  lazy(spec, 'diagnostics', () => [
    ...(parsedConfig?.diagnostics ?? []),
    ...tasks().diagnostics,
    ...requirements().diagnostics,
    ...lintSpec(spec),
  ]);
  return spec;
}

function parseTasksAfter(previous: SpecDocument | undefined, text: string): ParsedTasks {
  const parsed = previous && peek<ParsedTasks>('tasks', previous.hash);
  if (!parsed) return parseTasks(text, '');
  // Each keystroke's version would otherwise stay cached: a 5,000-task tree per keystroke.
  forget('tasks', previous.hash);
  return reparseTasks(previous.text, parsed, text, '');
}

/** An enumerable, memoised getter, so JSON.stringify(spec) still shows every field. */
function lazy<K extends keyof Spec>(spec: Spec, key: K, compute: () => Spec[K]): void {
  let value: Spec[K] | undefined;
  Object.defineProperty(spec, key, { enumerable: true, configurable: true, get: () => (value ??= compute()) });
}

/**
 * Reads the spec folder at dir, with `overlay` texts (open editors' unsaved content) winning over
 * disk. Null when the folder holds none of SPEC_FILES. Synchronous on purpose: a spec folder is a
 * handful of small files, and a synchronous update lets callers know at once whether anything
 * changed.
 */
export function readSpecSource(dir: string, overlay?: ReadonlyMap<string, string>): SpecSource | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const present = new Set(names);
  const read = (name: string): SpecDocument | undefined => {
    const path = join(dir, name);
    const open = overlay?.get(path);
    if (open !== undefined) return document(path, open);
    if (!present.has(name)) return undefined;
    try {
      return document(path, readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
  };
  const [requirementsMd, bugfixMd, design, tasks, kiroConfig, specJson] = SPEC_FILES.map(read);
  if (!requirementsMd && !bugfixMd && !design && !tasks && !kiroConfig && !specJson) return null;
  const config = kiroConfig ?? specJson;
  const preferBugfix = bugfixMd && (!requirementsMd || /"specType"\s*:\s*"bugfix"/.test(config?.text ?? ''));
  return {
    name: basename(dir),
    dir,
    requirements: preferBugfix ? bugfixMd : (requirementsMd ?? bugfixMd),
    design,
    tasks,
    config,
  };
}

export function loadSpec(dir: string, overlay?: ReadonlyMap<string, string>): Spec | null {
  const source = readSpecSource(dir, overlay);
  return source ? buildSpec(source) : null;
}
