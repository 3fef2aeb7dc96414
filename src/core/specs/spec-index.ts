// Every spec of a workspace, kept current file by file. Loading reads each spec folder once;
// trees are parsed on first access (counts parse tasks.md) and cached by content hash, so
// update() after an edit re-parses only the file that changed, and only when someone asks for its
// tree. An editor's text for a document the spec already has replaces just that document: the
// keystroke path reads no folder and hashes no unchanged document.
import { dirname, resolve } from 'node:path';
import type { Spec, TaskCounts } from './model';
import { countTasks, emptyCounts } from './counts';
import { findSpecRoots, listSpecDirs } from './discover';
import { buildSpec, document, readSpecSource, type SpecDocument, type SpecSource } from './load-spec';
import { nextTask, type NextTask, type NextTaskOptions } from './next-task';

interface Entry {
  spec: Spec;
  source: SpecSource;
  sourceKey: string;
}

export class SpecIndex {
  private specsRoots: string[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly overlay = new Map<string, string>();

  constructor(readonly workspace: string) {}

  /** Discovers the `.kiro/specs` roots and loads every spec in them; replaces what was loaded. */
  async load(): Promise<Spec[]> {
    this.specsRoots = (await findSpecRoots(this.workspace)).map((root) => resolve(root));
    const dirs = (await Promise.all(this.specsRoots.map(listSpecDirs))).flat();
    this.entries.clear();
    for (const dir of dirs) {
      const source = readSpecSource(dir, this.overlay);
      if (source) this.entries.set(source.dir, entry(source));
    }
    return this.specs();
  }

  /** The `.kiro/specs` folders found by load(). */
  specRoots(): string[] {
    return [...this.specsRoots];
  }

  /** The folders holding those `.kiro` folders (the workspace itself, or sub-projects). */
  roots(): string[] {
    return this.specsRoots.map((root) => dirname(dirname(root)));
  }

  /** Specs by name (then folder, when two roots hold the same name). */
  specs(): Spec[] {
    return [...this.entries.values()]
      .map((e) => e.spec)
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.dir.localeCompare(b.dir, 'en'));
  }

  get(name: string): Spec | undefined {
    return this.specs().find((spec) => spec.name === name);
  }

  /** Counts of the spec loaded at spec.dir, from its parsed task tree. */
  counts(spec: Spec): TaskCounts {
    const found = this.entries.get(spec.dir);
    return found ? countTasks(found.spec.tasks) : emptyCounts();
  }

  nextTask(options: NextTaskOptions = {}): NextTask | null {
    return nextTask(this.specs(), options);
  }

  /**
   * A file (or spec folder) changed. `text` is an open editor's unsaved content and wins over
   * disk until update(path) is called without it (editor closed or saved). Paths outside the
   * loaded specs roots are ignored. Returns true when the index changed (a spec was added, removed or has new content).
   */
  update(path: string, text?: string): boolean {
    const full = resolve(path);
    const dir = this.specDirOf(full);
    if (!dir) return false;
    if (text === undefined) this.overlay.delete(full);
    else this.overlay.set(full, text);
    const known = text === undefined ? undefined : this.entries.get(dir);
    const slot = known && documentSlot(known.source, full);
    const source =
      known && slot ? { ...known.source, [slot]: document(full, text as string) } : readSpecSource(dir, this.overlay);
    if (!source) return this.entries.delete(dir);
    const previous = this.entries.get(dir);
    if (previous && previous.sourceKey === sourceKey(source)) return false;
    this.entries.set(dir, entry(source, previous?.source.tasks));
    return true;
  }

  /** The spec loaded at dir. */
  specAt(dir: string): Spec | undefined {
    return this.entries.get(resolve(dir))?.spec;
  }

  private specDirOf(path: string): string | null {
    for (const root of this.specsRoots) {
      if (dirname(path) === root) return path;
      if (dirname(dirname(path)) === root) return dirname(path);
    }
    return null;
  }
}

function sourceKey(source: SpecSource): string {
  return [source.requirements, source.design, source.tasks, source.config]
    .map((d) => (d ? `${d.path}:${d.hash}` : '-'))
    .join('|');
}

function entry(source: SpecSource, previousTasks?: SpecDocument): Entry {
  const tasksChanged = previousTasks && source.tasks && previousTasks.hash !== source.tasks.hash;
  return { spec: buildSpec(source, tasksChanged ? previousTasks : undefined), source, sourceKey: sourceKey(source) };
}

/** Which document of the source the file at path is, if the source already has it. */
function documentSlot(source: SpecSource, path: string): 'requirements' | 'design' | 'tasks' | 'config' | undefined {
  return (['requirements', 'design', 'tasks', 'config'] as const).find((slot) => source[slot]?.path === path);
}
