// A read-only run whose product is the model's final answer: the revised plan of "Update tasks",
// a steering document of "Generate steering". The model may read, list and search the workspace;
// it writes nothing (no write tool, no command), and the run ends when it answers without a
// tool call. The host decides what to do with the text (merge it, show it as a diff).
import { resolve } from 'node:path';
import type { SteeringDoc } from '../steering';
import type { TaskRef, TraceEventBody } from '../trace';
import { SteeringInPlay } from './context';
import { Run, type RunContext, type RunResult, type RunScope, type RunTaskOptions } from './runner';

export const READ_ONLY_TOOLS = ['read_file', 'list_files', 'search_files'];

export interface AnswerRunOptions extends Omit<RunTaskOptions, 'spec' | 'task' | 'prompt' | 'scope'> {
  /** The run's name in the trace and the UI; `spec` and `specDir` name the spec it is about, '' for none. */
  ref: Pick<TaskRef, 'spec' | 'specDir' | 'title'>;
  instructions: string;
  message: string;
  /** Spec documents and other material for the system prompt, after the steering. */
  material?: string;
}

export interface AnswerResult {
  /** The final answer, a document's text without a wrapping code fence; null when the run did not complete. */
  answer: string | null;
  run: RunResult;
}

const NO_SPEC_PARTS = { requirements: [], design: 'none' as const, designSections: [] };

export async function runForAnswer(options: AnswerRunOptions): Promise<AnswerResult> {
  const root = resolve(options.workspaceRoot);
  const scope: RunScope = {
    tools: READ_ONLY_TOOLS,
    mayWrite: () => 'this run only reads the workspace; its answer is the result, reviewed by a person',
    endsOnAnswer: true,
  };
  const run = await new Run(
    root,
    {
      ref: {
        spec: options.ref.spec,
        specDir: options.ref.specDir,
        id: '',
        title: options.ref.title,
        tasksFile: '',
        requirements: [],
      },
      tasksFile: null,
      context: (steering) => new AnswerContext(root, steering, options),
    },
    { ...options, scope },
  ).execute();
  return { answer: run.status === 'completed' ? unfence(run.summary ?? '') : null, run };
}

/** Models often wrap a document in ```markdown … ```; the document is what is inside. */
export function unfence(text: string): string {
  const m = /^\s*(`{3,}|~{3,})[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*\s*$/.exec(text);
  const body = m ? m[2] : text.trim();
  return body.endsWith('\n') ? body : `${body}\n`;
}

class AnswerContext implements RunContext {
  private readonly inPlay: SteeringInPlay;

  constructor(
    root: string,
    steering: readonly SteeringDoc[],
    private readonly o: AnswerRunOptions,
  ) {
    this.inPlay = new SteeringInPlay(root, steering, undefined, undefined);
    for (const f of o.openFiles ?? []) this.inPlay.addFile(f);
  }

  addFile(rel: string): boolean {
    return this.inPlay.addFile(rel);
  }

  build(turn: number): { system: string; event: TraceEventBody | null } {
    return this.inPlay.build(turn, this.o.instructions, { text: this.o.material ?? '', use: NO_SPEC_PARTS });
  }

  taskMessage(): string {
    return this.o.message;
  }
}
