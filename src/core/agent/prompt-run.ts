// A run driven by a prompt instead of a task: a hook asking the agent ("review the file I just
// saved", "update the changelog"). Same loop, tools, policy, checkpoints and trace as a task run,
// but no spec parts in the context and no task status to keep. Its trace's `run-start.task` is a
// placeholder (docs/trace.md): spec, id and tasksFile empty, title naming the run.
import { resolve } from 'node:path';
import type { SteeringDoc } from '../steering';
import type { TraceEventBody } from '../trace';
import { SteeringInPlay } from './context';
import { AGENT_INSTRUCTIONS } from './instructions';
import { Run, type RunContext, type RunResult, type RunTaskOptions } from './runner';

export interface RunPromptOptions extends Omit<RunTaskOptions, 'spec' | 'task' | 'prompt'> {
  prompt: string;
  /** What the run is called in the trace and the UI, e.g. the hook's name. */
  title: string;
  /** Workspace-relative files the prompt is about: in play for fileMatch steering from the start. */
  files?: string[];
}

const NO_SPEC = { text: '', use: { requirements: [], design: 'none' as const, designSections: [] } };

const PROMPT_INSTRUCTIONS = `${AGENT_INSTRUCTIONS}

This run has no task of a spec: the person's request below is the whole job. Call complete_task when it is done.`;

export async function runPrompt(options: RunPromptOptions): Promise<RunResult> {
  if (!options.prompt.trim()) throw new Error('a prompt run needs a prompt');
  if ((options.mode ?? 'autopilot') === 'supervised' && !options.reviewEdit)
    throw new Error('supervised mode needs a reviewEdit callback');
  const root = resolve(options.workspaceRoot);
  return new Run(
    root,
    {
      ref: { spec: '', specDir: '', id: '', title: options.title, tasksFile: '', requirements: [] },
      tasksFile: null,
      context: (steering) => new PromptContext(root, steering, options),
    },
    options,
  ).execute();
}

class PromptContext implements RunContext {
  private readonly inPlay: SteeringInPlay;

  constructor(
    root: string,
    steering: readonly SteeringDoc[],
    private readonly o: RunPromptOptions,
  ) {
    this.inPlay = new SteeringInPlay(root, steering, o.prompt, o.autoSteering);
    for (const f of [...(o.files ?? []), ...(o.openFiles ?? [])]) this.inPlay.addFile(f);
  }

  addFile(rel: string): boolean {
    return this.inPlay.addFile(rel);
  }

  build(turn: number): { system: string; event: TraceEventBody | null } {
    return this.inPlay.build(turn, PROMPT_INSTRUCTIONS, NO_SPEC);
  }

  taskMessage(): string {
    const lines = [this.o.prompt.trim()];
    if (this.o.files?.length) lines.push('', `Files this is about: ${this.o.files.join(', ')}`);
    return lines.join('\n');
  }
}
