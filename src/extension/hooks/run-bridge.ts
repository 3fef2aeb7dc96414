// Hooks and agent runs, both ways. A hook that asks the agent starts a prompt run through the run
// service, and the files that run writes are reported to the dispatcher, so the hook never fires
// again on its own output. The other way, a task run first passes the pre-task hooks (exit code 2
// blocks it), and the runs' trace events become hook events: the end of a task run a task end,
// the end of any run an agent stop.
import * as vscode from 'vscode';
import { sep } from 'node:path';
import type { AgentLauncher, HookDispatcher, TaskInfo } from '../../core/hooks';
import type { TraceEvent } from '../../core/trace';
import type { RunService } from '../agent/runs';
import { hookSource } from './command-runner';

export interface HookTarget {
  root: string;
  dispatcher: HookDispatcher;
  /** Holds the folder's disk events back until the returned function is called. */
  hold(): () => void;
}

export class RunBridge implements vscode.Disposable {
  /** Task runs whose task has started, so that their end is a task end. */
  private readonly started = new Map<string, { task: TaskInfo; target: HookTarget }>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly runs: RunService,
    private readonly targets: () => HookTarget[],
  ) {
    this.subscription = runs.onDidTraceEvent((event) => this.onTraceEvent(event));
    runs.setPreTaskGate(async ({ root, spec, task }) => {
      const target = this.targets().find((t) => t.root === root) ?? this.targets()[0];
      return target ? target.dispatcher.firePreTask({ spec, task, status: 'in-progress' }) : { blocked: false };
    });
  }

  dispose(): void {
    this.runs.setPreTaskGate(undefined);
    this.subscription.dispose();
  }

  /**
   * The launcher a folder's dispatcher uses for agent actions. The folder's disk events wait for
   * the run to end, and the files it changed are suppressed for the hook before they are let go:
   * a watcher may report a write before the run's trace does, so only the run's result is sure.
   */
  launcher(target: HookTarget): AgentLauncher {
    return {
      ask: async ({ prompt, event, hook }) => {
        const release = target.hold();
        try {
          const result = await this.runs.runPrompt({ prompt, trigger: hookSource(hook.name), files: event.paths });
          // The run service has already told the person why (no model set up, Restricted Mode).
          if (!result) throw new Error('the agent run did not start');
          target.dispatcher.suppress(hook.id, result.filesChanged);
          return { writtenPaths: result.filesChanged };
        } finally {
          release();
        }
      },
    };
  }

  private onTraceEvent(event: TraceEvent): void {
    const run = this.runs.runs().find((r) => r.runId === event.runId);
    switch (event.type) {
      case 'task-status': {
        // The pre-task hooks already ran through the gate; remember the task for its end.
        if (event.status !== 'in-progress' || !run?.spec || this.started.has(event.runId)) return;
        const target = this.targetOf(run.trace);
        if (target)
          this.started.set(event.runId, { task: { spec: run.spec, task: event.task, status: 'in-progress' }, target });
        return;
      }
      case 'run-end': {
        const started = this.started.get(event.runId);
        this.started.delete(event.runId);
        if (started) started.target.dispatcher.fire({ type: 'task-end', ...started.task, status: event.status });
        // A run a hook started does not fire Stop hooks: a Stop hook asking the agent would
        // otherwise start a run whose end fires it again, forever.
        if (run?.trigger.startsWith(hookSource(''))) return;
        (started?.target ?? this.targetOf(run?.trace ?? null))?.dispatcher.fire({ type: 'agent-stop' });
        return;
      }
      default:
        return;
    }
  }

  /** The folder a run belongs to, by where its trace is written; the first folder otherwise. */
  private targetOf(trace: string | null): HookTarget | undefined {
    const targets = this.targets();
    return (trace ? targets.find((t) => trace.startsWith(t.root + sep)) : undefined) ?? targets[0];
  }
}
