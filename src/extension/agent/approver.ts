// The runner's Approver, answered by people in VS Code: `ask` commands become the same approval
// requests as any other command (notification, pending list, follow-log cards via
// tiller.answerApproval); writes to protected files ask in a notification. Runs of a wave ask side
// by side, so each names its task (`task 1.2 wants to run …`).
import * as vscode from 'vscode';
import type { Approver } from '../../core/agent/host';
import { trustPlan } from '../../core/policy/trust-patterns';
import type { ApprovalService } from '../policy/approvals';
import type { PolicySettings } from '../policy/policy-settings';

/** `asker` is who the request names: `agent`, or `task 1.2` for one of a wave's runs. */
export function createApprover(approvals: ApprovalService, policy: PolicySettings, asker = 'agent'): Approver {
  return {
    async approveCommand(request, signal) {
      const decision = await approvals.request(
        {
          command: request.command,
          source: asker,
          rationale: request.rationale,
          reasons: request.check.reasons,
          ...trustPlan(request.command, request.rules),
        },
        signal,
      );
      if (decision.kind === 'reject') return { approved: false, reason: decision.reason };
      if (decision.kind === 'trust') await policy.trust(decision.patterns, decision.scope);
      return { approved: true };
    },
    async approveFileWrite(request, signal) {
      const asked = vscode.window.showWarningMessage(
        `Tiller: ${asker === 'agent' ? 'the agent' : asker} wants to write ${request.path}, a protected file (${request.reason}). Its reason: ${request.rationale}`,
        'Allow this write',
        'Refuse',
      );
      let onAbort = () => undefined as void;
      const aborted = new Promise<undefined>((resolve) => {
        onAbort = () => resolve(undefined);
        if (signal.aborted) resolve(undefined);
        signal.addEventListener('abort', onAbort, { once: true });
      });
      const choice = await Promise.race([asked, aborted]);
      signal.removeEventListener('abort', onAbort);
      if (choice === 'Allow this write') return { approved: true };
      return { approved: false, reason: signal.aborted ? 'the run was cancelled' : 'a person refused the write' };
    },
  };
}
