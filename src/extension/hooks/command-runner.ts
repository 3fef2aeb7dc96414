// A hook's command goes through the same door as every other command in the editor: Workspace
// Trust, the policy, a person's approval for `ask` (the same notification and card), then the
// executor. The hooks engine only sees whether it ran and what it printed.
import type { CommandRunner } from '../../core/hooks';
import type { CommandService } from '../policy/command-service';

export function hookSource(name: string): string {
  return `hook: ${name}`;
}

export function policyCommands(service: CommandService): CommandRunner {
  return {
    async run(request) {
      const outcome = await service.run({
        command: request.command,
        source: hookSource(request.hook.name),
        rationale: request.hook.description,
        stdin: request.stdin,
        cwd: request.cwd,
        timeoutMs: request.timeoutMs,
        signal: request.signal,
      });
      if (outcome.status !== 'ran') return { status: 'refused', reason: outcome.message };
      const { exitCode, timedOut, output } = outcome.result;
      return { status: 'ran', exitCode, timedOut, output };
    },
  };
}
