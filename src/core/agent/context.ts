// Builds what the model is told: Tiller's instructions, the steering the steering engine selects,
// and the spec parts the task needs. Steering is re-selected before every request, because files
// come into play as the agent reads and writes them; a fileMatch doc (or nested AGENTS.md) that
// starts matching joins the NEXT request, and the trace says which file brought it in.
//
// Spec parts:
//   - the task (title, details, its parent's title) goes in the first user message;
//   - every requirement the task cites, in full (a cited criterion `1.2` brings Requirement 1);
//   - design.md whole when it is at most DESIGN_WHOLE_CHARS; a larger design contributes its
//     outline (every heading) plus the top-level sections that mention a cited requirement id,
//     a `code` identifier or a file the task names, and always the first one (the overview),
//     up to DESIGN_WHOLE_CHARS in document order.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { findTask } from '../specs';
import type { DesignSection, Spec, Task } from '../specs/model';
import { selectSteering, type SteeringDoc, type SteeringSelection } from '../steering';
import type { SpecPartsUse, SteeringUse, TraceEventBody } from '../trace';
import { estimateTokens } from './context-budget';
import { AGENT_INSTRUCTIONS } from './instructions';

export const DESIGN_WHOLE_CHARS = 24_000;
const REFERENCE_CHARS = 32_000;

export interface ContextInput {
  workspaceRoot: string;
  spec: Spec;
  task: Task;
  steering: readonly SteeringDoc[];
  /** Workspace-relative files open in the host's editors. */
  openFiles?: readonly string[];
  /** What the person asked for beyond the task; `#name` includes a manual steering doc. */
  prompt?: string;
  /** Names of `auto` steering docs picked for this run (core cannot judge relevance). */
  autoSteering?: readonly string[];
}

export interface BuiltContext {
  system: string;
  user: string;
}

/**
 * The files in play and the steering they select, re-selected before every request. Task runs and
 * prompt runs share it; they differ only in their instructions and the spec parts they add.
 */
export class SteeringInPlay {
  private readonly files: string[] = [];
  private included = new Set<string>();
  private readonly manual: string[];

  constructor(
    private readonly root: string,
    private readonly steering: readonly SteeringDoc[],
    prompt: string | undefined,
    private readonly autoSteering: readonly string[] | undefined,
  ) {
    this.manual = [...(prompt ?? '').matchAll(/(?<![\w[])#([\w][\w.-]*)/g)].map((m) => m[1]);
  }

  /** Puts a file in play; true when it was not yet. */
  addFile(rel: string): boolean {
    const clean = rel.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    if (!clean || this.files.includes(clean)) return false;
    this.files.push(clean);
    return true;
  }

  filesInPlay(): readonly string[] {
    return this.files;
  }

  /**
   * The system prompt for the next request, and the context event when the selection changed
   * (always on turn 0); null event when nothing joined.
   */
  build(
    turn: number,
    instructions: string,
    spec: { text: string; use: SpecPartsUse },
  ): { system: string; event: TraceEventBody | null } {
    const selection = selectSteering(this.steering, {
      files: this.files,
      manual: this.manual,
      auto: this.autoSteering,
    });
    const included = selection.filter((s) => s.included);
    const added = included.filter((s) => !this.included.has(s.doc.file));
    this.included = new Set(included.map((s) => s.doc.file));
    const system = [instructions, steeringText(included, this.root), spec.text].filter(Boolean).join('\n\n');
    if (turn > 0 && added.length === 0) return { system, event: null };
    return {
      system,
      event: {
        type: 'context',
        turn,
        steering: selection.map((s) => steeringUse(s, this.root)),
        added: added.map((s) => s.doc.name),
        spec: spec.use,
        filesInPlay: [...this.files],
        systemChars: system.length,
        estimatedTokens: estimateTokens(system),
      },
    };
  }
}

export class ContextBuilder {
  private readonly inPlay: SteeringInPlay;
  private readonly spec: { text: string; use: SpecPartsUse };

  constructor(private readonly input: ContextInput) {
    this.inPlay = new SteeringInPlay(input.workspaceRoot, input.steering, input.prompt, input.autoSteering);
    for (const f of [...namedFiles(input.task), ...(input.openFiles ?? [])]) this.inPlay.addFile(f);
    this.spec = specParts(input.spec, input.task);
  }

  addFile(rel: string): boolean {
    return this.inPlay.addFile(rel);
  }

  filesInPlay(): readonly string[] {
    return this.inPlay.filesInPlay();
  }

  build(turn: number): { system: string; event: TraceEventBody | null } {
    return this.inPlay.build(turn, AGENT_INSTRUCTIONS, this.spec);
  }

  /** The first user message: the task itself. */
  taskMessage(): string {
    const { spec, task } = this.input;
    const parent = task.parent ? findTask(spec, task.parent) : undefined;
    const lines = [`Carry out task ${task.id} of spec "${spec.name}": ${task.title}`];
    if (parent) lines.push(`It is part of task ${parent.id}: ${parent.title}`);
    if (task.details.length) lines.push('', 'Task details:', ...task.details.map((d) => `  ${d}`));
    if (spec.documents.tasks)
      lines.push(
        '',
        `The task list is ${display(this.input.workspaceRoot, spec.documents.tasks)}; Tiller keeps its checkboxes.`,
      );
    if (this.input.prompt?.trim()) lines.push('', 'The person adds:', this.input.prompt.trim());
    return lines.join('\n');
  }
}

function steeringText(included: SteeringSelection[], root: string): string {
  if (!included.length) return '';
  const parts = ['# Steering (project guidance; follow it)'];
  for (const { doc, reason } of included) {
    parts.push(`## ${doc.name} (${display(root, doc.file)}; ${reason})`, doc.body.trim());
    for (const ref of doc.references.filter((r) => r.exists)) {
      let content: string;
      try {
        content = readFileSync(ref.resolved, 'utf8');
      } catch {
        continue;
      }
      if (content.length > REFERENCE_CHARS)
        content = `${content.slice(0, REFERENCE_CHARS)}\n[… cut at ${REFERENCE_CHARS} characters]`;
      parts.push(`### Referenced file ${ref.target}`, '````', content.trimEnd(), '````');
    }
  }
  return parts.join('\n\n');
}

function steeringUse(s: SteeringSelection, root: string): SteeringUse {
  const trigger =
    /^fileMatch: (.+) matches /.exec(s.reason)?.[1] ?? /^AGENTS\.md: scope .+ contains (.+)$/.exec(s.reason)?.[1];
  return {
    file: display(root, s.doc.file),
    name: s.doc.name,
    inclusion: s.doc.scope === 'agents' ? 'agents' : s.doc.inclusion,
    included: s.included,
    reason: s.reason,
    ...(s.included && trigger ? { trigger } : {}),
  };
}

/** Paths the task names: `backticked` tokens and bare words that look like files (`src/a.ts`). */
export function namedFiles(task: Task): string[] {
  const text = [task.title, ...task.details].join('\n');
  const tokens = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  tokens.push(...[...text.matchAll(/(?:^|[\s(])((?:[\w.-]+\/)+[\w.-]+)/g)].map((m) => m[1]));
  return [
    ...new Set(
      tokens
        .map((t) => t.replace(/^\.\//, '').replace(/[.,;:]$/, ''))
        .filter((t) => t.includes('/') || /^[\w-]+\.[A-Za-z0-9]{1,6}$/.test(t)),
    ),
  ];
}

function specParts(spec: Spec, task: Task): { text: string; use: SpecPartsUse } {
  const out: string[] = [`# Spec "${spec.name}"`];
  const requirementsText = readDoc(spec.documents.requirements);
  const cited = citedRequirements(spec, task);
  if (requirementsText && cited.length) {
    out.push('## Requirements the task cites');
    for (const id of cited) {
      const req = spec.requirements.find((r) => r.id === id);
      if (req) out.push(headingSection(requirementsText, req.line));
    }
  }
  const designText = readDoc(spec.documents.design);
  let design: SpecPartsUse['design'] = 'none';
  let designSections: string[] = [];
  if (designText) {
    if (designText.length <= DESIGN_WHOLE_CHARS) {
      design = 'whole';
      out.push('## Design (design.md)', designText.trim());
    } else {
      design = 'sections';
      // spec.design is the engine's cached parse of this same text.
      const picked = pickDesignSections(designText, spec.design, task, cited);
      designSections = picked.map((s) => s.title);
      const outline = spec.design.map((s) => `${'  '.repeat(Math.max(0, s.depth - 1))}- ${s.title}`);
      out.push(
        '## Design (design.md is large: its outline, then the sections relevant to this task; read_file the rest if needed)',
        outline.join('\n'),
        ...picked.map((s) => designText.slice(s.span.start, s.span.end).trim()),
      );
    }
  }
  return { text: out.join('\n\n'), use: { requirements: cited, design, designSections } };
}

/** Requirement ids (`1`, `2`) the task's citations reach, in citation order. */
function citedRequirements(spec: Spec, task: Task): string[] {
  const ids: string[] = [];
  for (const ref of task.requirements) {
    const req =
      spec.requirements.find((r) => r.id === ref || r.criteria.some((c) => c.id === ref)) ??
      spec.requirements.find((r) => ref.startsWith(`${r.id}.`));
    if (req && !ids.includes(req.id)) ids.push(req.id);
  }
  return ids;
}

function pickDesignSections(text: string, sections: DesignSection[], task: Task, cited: string[]): DesignSection[] {
  const depths = sections.map((s) => s.depth);
  // The top level is the shallowest depth that occurs more than once (the `#` title usually does not).
  const top =
    [...new Set(depths)].sort((a, b) => a - b).find((d) => depths.filter((x) => x === d).length > 1) ??
    Math.min(...depths);
  const candidates = sections.filter((s) => s.depth === top);
  const words = [
    ...task.requirements.map((r) => new RegExp(`(?<![\\d.])${escape(r)}(?![\\d])`)),
    ...cited.map((r) => new RegExp(`Requirement\\s+${escape(r)}(?!\\d)`, 'i')),
    ...[...[task.title, ...task.details].join(' ').matchAll(/`([^`]+)`/g)].map((m) => new RegExp(escape(m[1]))),
    ...namedFiles(task).map((f) => new RegExp(escape(f))),
  ];
  const picked: DesignSection[] = [];
  let size = 0;
  candidates.forEach((section, i) => {
    const body = text.slice(section.span.start, section.span.end);
    if (i !== 0 && !words.some((w) => w.test(body))) return;
    if (size + body.length > DESIGN_WHOLE_CHARS && picked.length) return;
    picked.push(section);
    size += body.length;
  });
  return picked;
}

/**
 * The text of the heading on 1-based `line` through the line before the next heading of the same
 * or a higher level, fenced code skipped. A line scan: parsing the whole document again for one
 * section would cost more than the rest of the context together.
 */
function headingSection(text: string, line: number): string {
  const lines = text.split('\n');
  const depth = /^(#{1,6})\s/.exec(lines[line - 1] ?? '')?.[1].length ?? 6;
  let fence: string | null = null;
  let end = lines.length;
  for (let i = line; i < lines.length; i++) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[i])?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length)))
      fence = fence === null ? marker : null;
    const heading = fence === null && /^\s{0,3}(#{1,6})\s/.exec(lines[i]);
    if (heading && heading[1].length <= depth) {
      end = i;
      break;
    }
  }
  return lines
    .slice(line - 1, end)
    .join('\n')
    .trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readDoc(path: string | undefined): string | null {
  if (!path) return null;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function display(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}
