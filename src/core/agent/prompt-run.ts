// A run driven by a prompt instead of a task: a hook asking the agent ("review the file I just
// saved", "update the changelog"). Same loop, tools, policy, checkpoints and trace as a task run,
// but no spec parts in the context and no task status to keep. Its trace's `run-start.task` is a
// placeholder (docs/trace.md): spec, id and tasksFile empty, title naming the run.
import { resolve } from 'node:path';
import { selectSteering, type SteeringDoc } from '../steering';
import type { TraceEventBody } from '../trace';
import { steeringText, steeringUse } from './context';
import { AGENT_INSTRUCTIONS } from './instructions';
import { Run, type RunContext, type RunResult, type RunTaskOptions } from './runner';

export interface RunPromptOptions extends Omit<RunTaskOptions, 'spec' | 'task' | 'prompt'> {
  prompt: string;
  /** What the run is called in the trace and the UI, e.g. the hook's name. */
  title: string;
  /** Workspace-relative files the prompt is about: in play for fileMatch steering from the start. */
  files?: string[];
}

const PROMPT_INSTRUCTIONS = `${AGENT_INSTRUCTIONS}

This run has no task of a spec: the person's request below is the whole job. Call complete_task when it is done.`;

export async function runPrompt(options: RunPromptOptions): Promise<RunResult> {
  if (!options.prompt.trim()) throw new Error('a prompt run needs a prompt');
  if ((options.mode ?? 'autopilot') === 'supervised' && !options.reviewEdit) throw new Error('supervised mode needs a reviewEdit callback');
  const root = resolve(options.workspaceRoot);
  return new Run(
    root,
    {
      ref: { spec: '', id: '', title: options.title, tasksFile: '', requirements: [] },
      tasksFile: null,
      context: (steering) => new PromptContext(root, steering, options),
    },
    options,
  ).execute();
}

class PromptContext implements RunContext {
  private readonly files: string[] = [];
  private readonly manual: string[];
  private included = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly steering: readonly SteeringDoc[],
    private readonly o: RunPromptOptions,
  ) {
    for (const f of [...(o.files ?? []), ...(o.openFiles ?? [])]) this.addFile(f);
    this.manual = [...o.prompt.matchAll(/(?<![\w[])#([\w][\w.-]*)/g)].map((m) => m[1]);
  }

  addFile(rel: string): boolean {
    const clean = rel.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    if (!clean || this.files.includes(clean)) return false;
    this.files.push(clean);
    return true;
  }

  build(turn: number): { system: string; event: TraceEventBody | null } {
    const selection = selectSteering(this.steering, { files: this.files, manual: this.manual, auto: this.o.autoSteering });
    const included = selection.filter((s) => s.included);
    const added = included.filter((s) => !this.included.has(s.doc.file));
    this.included = new Set(included.map((s) => s.doc.file));
    const system = [PROMPT_INSTRUCTIONS, steeringText(included, this.root)].filter(Boolean).join('\n\n');
    if (turn > 0 && added.length === 0) return { system, event: null };
    return {
      system,
      event: {
        type: 'context',
        turn,
        steering: selection.map((s) => steeringUse(s, this.root)),
        added: added.map((s) => s.doc.name),
        spec: { requirements: [], design: 'none', designSections: [] },
        filesInPlay: [...this.files],
        systemChars: system.length,
        estimatedTokens: Math.ceil(system.length / 4),
      },
    };
  }

  taskMessage(): string {
    const lines = [this.o.prompt.trim()];
    if (this.o.files?.length) lines.push('', `Files this is about: ${this.o.files.join(', ')}`);
    return lines.join('\n');
  }
}
