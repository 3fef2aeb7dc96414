// The one way anything in the extension runs a shell command: Workspace Trust first, then the
// policy's verdict, then (for `ask`) a person's decision, then the executor. The agent and hooks
// receive the outcome as data, including the pattern that denied a command or the reason a person
// gave for rejecting it.
import * as vscode from 'vscode';
import {
  checkCommand,
  explainCommand,
  runCommand,
  type CheckResult,
  type Explanation,
  type RunResult,
} from '../../core/policy';
import { trustPlan } from '../../core/policy/trust-patterns';
import type { ApprovalService } from './approvals';
import type { PolicySettings } from './policy-settings';

export interface RunRequest {
  command: string;
  /** Who asks: `agent`, `hook: <name>`, `you`. */
  source: string;
  rationale?: string;
  stdin?: string;
  signal?: AbortSignal;
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Defaults to the first workspace folder. */
  cwd?: string;
  /** A hook's own timeout; defaults to tiller.commands.timeoutSeconds. */
  timeoutMs?: number;
}

export type CommandOutcome =
  | { status: 'ran'; decidedBy: 'policy' | 'person'; check: CheckResult; result: RunResult }
  | { status: 'denied'; check: CheckResult; message: string }
  | { status: 'rejected'; check: CheckResult; reason: string | undefined; message: string }
  | { status: 'untrusted'; message: string };

export class CommandService {
  constructor(
    private readonly settings: PolicySettings,
    private readonly approvals: ApprovalService,
  ) {}

  check(command: string): CheckResult {
    return checkCommand(command, this.settings.rules());
  }

  /** The verdict with the pattern and source that decided each simple command. */
  explain(command: string): Explanation {
    return explainCommand(command, this.settings.sourcedPatterns());
  }

  async run(request: RunRequest): Promise<CommandOutcome> {
    if (!vscode.workspace.isTrusted) {
      return {
        status: 'untrusted',
        message: 'This workspace is in Restricted Mode: Tiller runs no commands until you trust it.',
      };
    }
    const cwd = request.cwd ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!cwd) return { status: 'untrusted', message: 'No folder is open to run the command in.' };
    const rules = this.settings.rules();
    const check = checkCommand(request.command, rules);
    if (check.verdict === 'deny') {
      return {
        status: 'denied',
        check,
        message: `The command policy denies this command: ${check.reasons.join('; ')}.`,
      };
    }
    let decidedBy: 'policy' | 'person' = 'policy';
    if (check.verdict === 'ask') {
      const decision = await this.approvals.request(
        {
          command: request.command,
          source: request.source,
          rationale: request.rationale,
          reasons: check.reasons,
          ...trustPlan(request.command, rules),
        },
        request.signal,
      );
      if (decision.kind === 'reject') {
        const message = decision.reason
          ? `A person rejected the command: ${decision.reason}`
          : 'A person rejected the command.';
        return { status: 'rejected', check, reason: decision.reason, message };
      }
      if (decision.kind === 'trust') await this.settings.trust(decision.patterns, decision.scope);
      decidedBy = 'person';
    }
    const result = await runCommand(request.command, {
      cwd,
      timeoutMs: request.timeoutMs ?? this.settings.timeoutMs(),
      maxOutputBytes: this.settings.maxOutputBytes(),
      onOutput: request.onOutput,
      signal: request.signal,
      stdin: request.stdin,
      passEnv: this.settings.passEnv(),
    });
    return { status: 'ran', decidedBy, check, result };
  }
}
