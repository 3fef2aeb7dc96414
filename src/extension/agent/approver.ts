// The runner's Approver, answered by people in VS Code: `ask` commands become the same approval
// requests as any other command (notification, pending list, follow-log cards via
// tiller.answerApproval); writes to protected files ask in a notification.
import * as vscode from 'vscode';
import type { Approver } from '../../core/agent/host';
import { trustPlan } from '../../core/policy/trust-patterns';
import type { ApprovalService } from '../policy/approvals';
import type { PolicySettings } from '../policy/policy-settings';

export function createApprover(approvals: ApprovalService, policy: PolicySettings): Approver {
  return {
    async approveCommand(request, signal) {
      const decision = await approvals.request(
        {
          command: request.command,
          source: 'agent',
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
        `Tiller: the agent wants to write ${request.path}, a protected file (${request.reason}). Its reason: ${request.rationale}`,
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
