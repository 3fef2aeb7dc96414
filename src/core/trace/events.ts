// The events of a run, as written to its trace file (docs/trace.md is the schema a reader can rely
// on). Every event is self-contained: a line can be read, shown or exported without the lines
// before it, so a follow log that attaches mid-run or a torn file still makes sense.

/** `interrupted`: the run's process ended before the run did (closed by recovery, not the runner). */
export type RunStatus = 'completed' | 'failed' | 'cancelled' | 'interrupted';

/** The process a run runs in, so a later look can tell a run still going from one that died. */
export interface RunProcess {
  pid: number;
  /** os.hostname(): a pid means nothing on another machine. */
  host: string;
  /** ISO 8601; tells this process from a later one that got the same pid. */
  startedAt: string;
}

export interface TaskRef {
  /** The spec's name, for people; names can repeat across sub-projects. */
  spec: string;
  /**
   * The spec's folder, workspace-relative with `/` (`b/.kiro/specs/auth`): what identifies the
   * spec. '' for a prompt run. Traces written before it existed lack it.
   */
  specDir: string;
  id: string;
  title: string;
  /** Workspace-relative path of the spec's tasks.md. */
  tasksFile: string;
  requirements: string[];
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface SteeringUse {
  /** Workspace-relative when inside the workspace, else absolute (global steering). */
  file: string;
  name: string;
  inclusion: string;
  included: boolean;
  /** The steering engine's reason, e.g. `fileMatch: src/api/a.ts matches src/api/**\/*.ts`. */
  reason: string;
  /** For fileMatch and nested AGENTS.md: the file in play that brought it in. */
  trigger?: string;
}

export interface SpecPartsUse {
  requirements: string[];
  /** `whole`, `sections` (large design: the sections listed), or `none`. */
  design: 'whole' | 'sections' | 'none';
  designSections: string[];
}

interface Base {
  seq: number;
  /** ISO 8601. */
  time: string;
  runId: string;
}

export type TraceEventBody =
  | {
      type: 'run-start';
      task: TaskRef;
      /** Absent in traces written before recovery existed. */
      process?: RunProcess;
      /** Who started it: `you`, `Run all`, `hook: <name>`, `cli`. */
      trigger?: string;
      provider: string;
      model: string;
      settings: {
        mode: 'autopilot' | 'supervised';
        maxTurns: number;
        maxTokens: number | null;
        /** The input tokens a request may carry (the context budget); absent in older traces. */
        contextTokens?: number;
        headless: boolean;
        checkpoints: boolean;
        prompt?: string;
        /** The approval gate a person overrode ("Run anyway"): why the spec was not approved to run. */
        unapproved?: string;
      };
    }
  | {
      type: 'context';
      /** 0 for the first request; N when steering joined before request N+1. */
      turn: number;
      steering: SteeringUse[];
      /** Names of the steering docs that joined at this point (all included ones on turn 0). */
      added: string[];
      spec: SpecPartsUse;
      filesInPlay: string[];
      systemChars: number;
      /** The context budget's provider-neutral estimate (UTF-8 bytes / 3, context-budget.ts). */
      estimatedTokens: number;
    }
  /**
   * Before request `turn`, old tool results were shortened to keep the conversation inside the
   * context budget (context-budget.ts); the tool events above keep what the tools returned.
   */
  | {
      type: 'context-trim';
      turn: number;
      /** Messages shortened, and the UTF-8 bytes taken out of them. */
      shortened: number;
      bytes: number;
      /** Estimated input tokens before and after, and the limit. */
      beforeTokens: number;
      afterTokens: number;
      limitTokens: number;
      /** The latest turn's results were shortened too: alone they did not fit. */
      latest: boolean;
    }
  | {
      type: 'model-turn';
      turn: number;
      inputTokens: number;
      outputTokens: number;
      latencyMs: number;
      text: string;
      toolCalls: { id: string; name: string }[];
      stopReason: string;
    }
  | {
      type: 'tool';
      tool: string;
      callId: string;
      args: Record<string, unknown>;
      isError: boolean;
      result: string;
      durationMs: number;
    }
  | {
      type: 'decision';
      callId: string;
      title: string;
      decision: string;
      rationale: string;
      alternatives: string[];
      requirements: string[];
    }
  | {
      type: 'edit';
      callId: string;
      tool: 'write_file' | 'edit_file';
      path: string;
      /** Unified diff of the file before and after (`--- a/path`, `+++ b/path`); '' when identical. */
      diff: string;
      created: boolean;
      rationale: string;
      requirements: string[];
      /** seq of the latest decision event before this edit, if any. */
      decisionSeq: number | null;
      /** autopilot / accepted: written; rejected: not written. */
      review: 'autopilot' | 'accepted' | 'rejected';
      reviewReason?: string;
      applied: boolean;
    }
  | {
      type: 'command';
      callId: string;
      command: string;
      rationale: string;
      verdict: 'allow' | 'ask' | 'deny';
      /** Who let it run or stopped it; `interrupted`: the run stopped while it waited for a person. */
      decidedBy: 'policy' | 'person' | 'headless' | 'interrupted';
      pattern: string | null;
      reasons: string[];
      ran: boolean;
      exitCode: number | null;
      durationMs: number;
      timedOut: boolean;
      /** Head and tail of the output, at most a few KB. */
      output: string;
      refusal?: string;
    }
  | {
      type: 'task-status';
      task: string;
      status: 'todo' | 'in-progress' | 'queued' | 'done';
      /** The task's status just before this change (recovery puts it back). */
      was?: 'todo' | 'in-progress' | 'queued' | 'done';
      changed: { id: string; status: string }[];
    }
  | { type: 'checkpoint'; phase: 'before' | 'after'; commit: string | null; error?: string }
  | { type: 'error'; message: string; kind?: string }
  /** A person's message to the model, added to the conversation before the next model request. */
  | { type: 'guidance'; text: string; from: string }
  /** The run held its next model request (paused: true) or went on (false). */
  | { type: 'pause'; paused: boolean }
  /** Written after run-end when a person reverts the run's changes (Revert run). */
  | { type: 'revert'; reverted: string[]; conflicts: string[]; by: string }
  /**
   * Written after run-end for a task run in its own worktree (Run All side by side): whether its
   * branch merged into the workspace's, and if not, the files that conflict and where the work is kept.
   */
  | { type: 'merge'; merged: boolean; branch: string; conflicts: string[]; reason: string; worktree: string | null }
  | {
      type: 'run-end';
      status: RunStatus;
      reason: string;
      summary: string | null;
      turns: number;
      usage: TokenUsage;
      durationMs: number;
      /** Workspace-relative paths the run changed, created or deleted (commands included when checkpoints are on). */
      filesChanged: string[];
    };

export type TraceEvent = TraceEventBody & Base;
export type TraceEventType = TraceEvent['type'];
