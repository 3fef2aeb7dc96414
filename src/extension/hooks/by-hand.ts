// Running a hook by hand (the Run button) whatever its trigger: a manual hook through its
// dispatcher like any event, any other hook straight to its action with a payload of its own
// trigger, given the file in the active editor when the trigger is about files. Running a save
// hook by hand must not also run every other save hook, which a synthetic `saved` event would.
import { agentPrompt, commandInput } from '../../core/hooks/describe';
import {
  PATH_TRIGGERS,
  type AgentLauncher,
  type CommandRunner,
  type Hook,
  type HookOutcome,
  type HookPayload,
  type HookRun,
} from '../../core/hooks';

export interface ByHandContext {
  root: string;
  commands: CommandRunner;
  agent?: AgentLauncher;
  /** Workspace-relative path of the file in the active editor, if any. */
  activeFile?: string;
}

export async function runDirectly(hook: Hook, context: ByHandContext): Promise<HookRun> {
  const trigger = hook.trigger!;
  const payload: HookPayload = {
    trigger,
    paths: PATH_TRIGGERS.has(trigger) && context.activeFile ? [context.activeFile] : [],
  };
  const startedAt = Date.now();
  let outcome: HookOutcome;
  try {
    outcome = await act(hook, payload, context);
  } catch (err) {
    outcome = { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
  return { hook, payload, startedAt, durationMs: Date.now() - startedAt, outcome };
}

async function act(hook: Hook, payload: HookPayload, context: ByHandContext): Promise<HookOutcome> {
  const action = hook.action!;
  if (action.type === 'agent') {
    if (!context.agent) return { kind: 'skipped', reason: 'agent actions need a configured model' };
    await context.agent.ask({ prompt: agentPrompt(action.prompt, payload), event: payload, hook });
    return { kind: 'agent' };
  }
  const result = await context.commands.run({
    command: action.command,
    cwd: context.root,
    timeoutMs: action.timeoutMs,
    stdin: commandInput(hook, payload, context.root),
    hook,
  });
  if (result.status === 'refused') return { kind: 'refused', reason: result.reason };
  return {
    kind: 'command',
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    output: result.output,
    blocked: payload.trigger === 'preTask' && result.exitCode === 2,
  };
}
