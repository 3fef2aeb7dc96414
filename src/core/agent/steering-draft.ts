// "Generate steering": Kiro's three foundation files (product.md, tech.md, structure.md) drafted
// from the codebase. One read-only answer run per file; the answer is the file's text. Nothing is
// written here: the CLI writes what is new (or, with --overwrite, everything), the extension
// shows each file as a diff to accept, so an existing file is never replaced unseen.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SteeringTemplateKind } from '../templates/steering-templates';
import { runForAnswer, type AnswerRunOptions } from './answer-run';
import type { RunResult } from './runner';

export const FOUNDATION_FILES: readonly SteeringTemplateKind[] = ['product', 'tech', 'structure'];

const WHAT: Record<SteeringTemplateKind, string> = {
  product:
    'product.md: what the product is for, who uses it, its key features and the business rules every change must respect. Sections: Purpose, Target Users, Key Features, Business Rules.',
  tech: 'tech.md: the technology stack, the exact build, test and lint commands (as the repository runs them: package.json scripts, Makefile, CI files), and the conventions the code follows. Sections: Languages and Frameworks, Build and Test Commands, Conventions.',
  structure:
    'structure.md: the folder layout (what lives where), naming rules, and the architecture patterns and boundaries the code keeps. Sections: Layout, Naming, Architecture.',
};

const instructions = (
  kind: SteeringTemplateKind,
) => `You are Tiller's steering author. You write ONE steering document of this workspace from what the code shows: ${WHAT[kind]}

How to work:
- Read before you write: list_files, search_files and read_file (README, manifests, build and CI files, the main source folders). You cannot write files or run commands.
- State facts you found, with the paths and commands exactly as they are; never invent a feature or a command. Where the code does not say, leave the point out.
- Your final answer, with no tool call, is the complete file and nothing else: it starts with the front matter
---
inclusion: always
---
then a level-1 heading. Keep it under 120 lines; it is sent with every request the agent makes.`;

export interface SteeringDraft {
  kind: SteeringTemplateKind;
  /** Absolute path of .kiro/steering/<kind>.md. */
  path: string;
  /** Its current text, null when it does not exist. */
  existing: string | null;
  /** The drafted text; null when the run failed. */
  text: string | null;
  reason: string;
  run: RunResult;
}

export type SteeringDraftOptions = Omit<AnswerRunOptions, 'ref' | 'instructions' | 'message' | 'material'> & {
  /** Default: all three. */
  kinds?: readonly SteeringTemplateKind[];
};

export async function draftSteering(options: SteeringDraftOptions): Promise<SteeringDraft[]> {
  const root = resolve(options.workspaceRoot);
  const drafts: SteeringDraft[] = [];
  for (const kind of options.kinds ?? FOUNDATION_FILES) {
    if (options.signal?.aborted) break;
    const path = join(root, '.kiro', 'steering', `${kind}.md`);
    const existing = await readFile(path, 'utf8').catch(() => null);
    const { answer, run } = await runForAnswer({
      ...options,
      ref: { spec: '', specDir: '', title: `Generate steering ${kind}.md` },
      instructions: instructions(kind),
      message:
        existing === null
          ? `Write .kiro/steering/${kind}.md for this workspace.`
          : `.kiro/steering/${kind}.md exists; its current text:\n\n${existing.trimEnd()}\n\nAnswer with a revised version: keep what still holds, correct what the code contradicts, add what is missing.`,
    });
    const text = answer?.trim() ? answer : null;
    drafts.push({
      kind,
      path,
      existing,
      text,
      reason: text ? 'drafted' : `the run ${run.status}: ${run.reason}`,
      run,
    });
  }
  return drafts;
}
