// What the engine needs from its host to act, as interfaces it injects: the hooks engine never
// knows how a command gets approved or how the agent runs a prompt.
import { checkCommand, runCommand, type PolicyRules, type RunOptions } from '../policy';
import type { Hook, HookPayload } from './model';

export interface CommandRequest {
  command: string;
  /** The workspace folder. */
  cwd: string;
  /** The hook's own timeout; undefined leaves the runner's default. */
  timeoutMs?: number;
  /** The event as JSON. */
  stdin: string;
  hook: Hook;
  /** Aborted when the dispatcher is disposed: the command should end rather than be waited for. */
  signal?: AbortSignal;
}

export type CommandOutcome =
  | { status: 'ran'; exitCode: number | null; timedOut: boolean; output: string; writtenPaths?: string[] }
  | { status: 'refused'; reason: string };

/**
 * Runs a hook's command through the command policy. The extension routes `ask` to an approval
 * card; headless (`tiller watch`) refuses it.
 */
export interface CommandRunner {
  run(request: CommandRequest): Promise<CommandOutcome>;
}

export interface AgentRequest {
  /** The hook's prompt followed by a description of the event. */
  prompt: string;
  event: HookPayload;
  hook: Hook;
}

/** What the run reports back: the files it wrote, so that they do not fire the same hook again. */
export interface AgentOutcome {
  writtenPaths?: string[];
}

/** Starts an agent run for a hook. Implemented over the agent runner by the host. */
export interface AgentLauncher {
  ask(request: AgentRequest): Promise<AgentOutcome | void>;
}

export interface PolicyRunnerOptions {
  rules: PolicyRules;
  /** Asked when the policy says `ask`; absent (headless), such a command is refused. */
  approve?: (command: string, hook: Hook, reasons: string[]) => Promise<boolean>;
  /** Passed to the executor (environment, output cap, secrets). */
  run?: Omit<RunOptions, 'cwd' | 'timeoutMs' | 'stdin'>;
}

/** A CommandRunner over the core policy and executor, for headless use and tests. */
export function policyCommandRunner(options: PolicyRunnerOptions): CommandRunner {
  return {
    async run(request) {
      const check = checkCommand(request.command, options.rules);
      if (check.verdict === 'deny')
        return { status: 'refused', reason: `the command policy denies it: ${check.reasons.join('; ')}` };
      if (check.verdict === 'ask') {
        if (!options.approve)
          return {
            status: 'refused',
            reason: `the command policy asks for approval, and nobody can approve here: ${check.reasons.join('; ')}`,
          };
        if (!(await options.approve(request.command, request.hook, check.reasons)))
          return { status: 'refused', reason: 'not approved' };
      }
      const result = await runCommand(request.command, {
        ...options.run,
        cwd: request.cwd,
        timeoutMs: request.timeoutMs,
        stdin: request.stdin,
        signal: request.signal,
      });
      return { status: 'ran', exitCode: result.exitCode, timedOut: result.timedOut, output: result.output };
    },
  };
}
