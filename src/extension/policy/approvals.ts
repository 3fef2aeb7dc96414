// Approval requests for commands the policy could not allow on its own. A request waits for a
// person: a notification offers the choices at once, `Tiller: Show Pending Approvals` offers them
// again from the keyboard, and `tiller.answerApproval` takes a decision from any other surface
// (the follow log's cards). Nobody answering within the configured time is a rejection. When part
// of the command can never be trusted (a shell reading a pipe), the message says so and Reject…
// is the first, highlighted button instead of Run once.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { ApprovalAnswer, ApprovalCard } from '../../protocol';

/** A request and a decision are what the follow log's cards show and send: one shape for both. */
export type ApprovalRequest = ApprovalCard;
export type ApprovalDecision = ApprovalAnswer;

interface Pending {
  request: ApprovalRequest;
  resolve: (decision: ApprovalDecision) => void;
  timer: NodeJS.Timeout;
  /** Removes the run's abort listener once the request settles (a long run asks many times). */
  detach: () => void;
}

export class ApprovalService implements vscode.Disposable {
  private readonly pendingById = new Map<string, Pending>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly timeoutMs: () => number) {}

  dispose(): void {
    for (const id of [...this.pendingById.keys()])
      this.answer(id, { kind: 'reject', reason: 'Tiller was shut down before anyone answered.' });
    this.changed.dispose();
  }

  pending(): ApprovalRequest[] {
    return [...this.pendingById.values()].map((p) => p.request);
  }

  request(input: Omit<ApprovalRequest, 'id' | 'created'>, signal?: AbortSignal): Promise<ApprovalDecision> {
    const request: ApprovalRequest = { ...input, id: randomUUID(), created: Date.now() };
    const seconds = Math.round(this.timeoutMs() / 1000);
    return new Promise<ApprovalDecision>((resolve) => {
      const timer = setTimeout(
        () => this.answer(request.id, { kind: 'reject', reason: `Nobody approved the command within ${seconds} s.` }),
        this.timeoutMs(),
      );
      const onAbort = () => this.answer(request.id, { kind: 'reject', reason: 'The run was cancelled.' });
      const detach = () => signal?.removeEventListener('abort', onAbort);
      this.pendingById.set(request.id, { request, resolve, timer, detach });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.changed.fire();
      void this.notify(request);
    });
  }

  /** Settles a pending request; false when it was already answered, expired or never existed. */
  answer(id: string, decision: ApprovalDecision): boolean {
    const pending = this.pendingById.get(id);
    if (!pending) return false;
    clearTimeout(pending.timer);
    pending.detach();
    this.pendingById.delete(id);
    pending.resolve(decision);
    this.changed.fire();
    return true;
  }

  private async notify(request: ApprovalRequest): Promise<void> {
    const choice = await vscode.window.showWarningMessage(
      `Tiller: ${request.source} wants to run \`${request.command}\`. ${request.reasons.join('; ')}.${neverTrusted(request)}`,
      ...choicesFor(request),
    );
    if (choice && this.pendingById.has(request.id)) await this.decideInteractively(request, choice);
  }

  /** The keyboard path: pick a pending request, then decide on it. */
  async showPending(): Promise<void> {
    const pending = this.pending();
    if (!pending.length) {
      void vscode.window.showInformationMessage('Tiller: no command is waiting for approval.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      pending.map((r) => ({
        label: r.command,
        description: r.source,
        detail: r.rationale ?? r.reasons.join('; '),
        request: r,
      })),
      { title: 'Commands waiting for approval' },
    );
    if (!picked) return;
    const choice = await vscode.window.showQuickPick(choicesFor(picked.request), {
      title: picked.request.command,
      placeHolder: neverTrusted(picked.request).trim() || undefined,
    });
    if (choice) await this.decideInteractively(picked.request, choice);
  }

  private async decideInteractively(request: ApprovalRequest, choice: string): Promise<void> {
    let decision: ApprovalDecision | undefined;
    if (choice === 'Run once') decision = { kind: 'run-once' };
    else if (choice === 'Reject…') decision = await askRejection(request);
    else decision = await askTrust(request);
    if (!decision) return;
    if (!this.answer(request.id, decision)) {
      void vscode.window.showWarningMessage(
        `Tiller: the request to run \`${request.command}\` was already answered or has expired.`,
      );
    }
  }
}

/** The first choice is the notification's highlighted button. */
function choicesFor(request: ApprovalRequest): string[] {
  return request.untrustable.length
    ? ['Reject…', 'Run once', 'Trust and run…']
    : ['Run once', 'Trust and run…', 'Reject…'];
}

function neverTrusted(request: ApprovalRequest): string {
  if (!request.untrustable.length) return '';
  return ` Never trusted: ${request.untrustable.join('; ')}. No pattern can cover this part, so this command asks every time; run it only if you know what it will run.`;
}

async function askRejection(request: ApprovalRequest): Promise<ApprovalDecision | undefined> {
  const reason = await vscode.window.showInputBox({
    title: `Reject \`${request.command}\``,
    prompt: 'Optional: tell the agent why, or what to do instead',
  });
  return reason === undefined ? undefined : { kind: 'reject', reason: reason.trim() || undefined };
}

async function askTrust(request: ApprovalRequest): Promise<ApprovalDecision | undefined> {
  const patterns: string[] = [];
  if (!request.options.length) {
    void vscode.window.showWarningMessage(
      `Tiller: no pattern can trust \`${request.command}\`${request.untrustable.length ? ` (${request.untrustable.join('; ')})` : ''}; use Run once or Reject.`,
    );
    return undefined;
  }
  for (const option of request.options) {
    if (!option.choices.length) {
      void vscode.window.showWarningMessage(
        `Tiller: no pattern can trust \`${option.command}\` (it depends on values known only when it runs); use Run once.`,
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      option.choices.map((c) => ({ label: c.pattern, description: LEVEL_WORDS[c.level], pattern: c.pattern })),
      { title: `Trust which commands like \`${option.command}\`?` },
    );
    if (!picked) return undefined;
    patterns.push(picked.pattern);
  }
  const scope = await vscode.window.showQuickPick(
    [
      {
        label: 'This workspace',
        description: 'Kept in VS Code’s storage for this workspace, not in the repository',
        scope: 'workspace' as const,
      },
      {
        label: 'All workspaces',
        description: 'Added to tiller.commands.allow in your user settings',
        scope: 'user' as const,
      },
    ],
    { title: `Trust ${patterns.join(', ')} in…` },
  );
  return scope ? { kind: 'trust', patterns, scope: scope.scope } : undefined;
}

const LEVEL_WORDS = {
  exact: 'exactly this command',
  subcommand: 'this sub-command, any arguments',
  program: 'this program, any arguments',
} as const;
