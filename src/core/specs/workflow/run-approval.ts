// The run gate with a person behind it: before a task of a tracked spec runs while an approval is
// missing or stale, `confirm` asks (VS Code: "Run anyway"). One RunApproval is one decision: Run
// all makes one for its whole loop, so the person is asked before the first task and the answer
// holds for the tasks after it, while the same reason stands; each run records that reason.
import { runGate, workflowState, readFromDisk, type Blocker, type ReadText } from './state';

export type ConfirmUnapproved = (spec: string, blocker: Blocker) => Promise<boolean>;

export type RunApprovalAnswer = { run: true; unapproved?: string } | { run: false; reason: string };

export class RunApproval {
  /** Per spec folder, the reason a person chose to run anyway. */
  private readonly allowed = new Map<string, string>();

  constructor(
    private readonly confirm: ConfirmUnapproved,
    private readonly read: ReadText = readFromDisk,
  ) {}

  /** May a task of the spec in `specDir` (named `spec`) run now? An untracked spec always may. */
  async check(specDir: string, spec: string): Promise<RunApprovalAnswer> {
    const blocker = runGate(await workflowState(specDir, this.read));
    if (!blocker) return { run: true };
    if (this.allowed.get(specDir) === blocker.reason) return { run: true, unapproved: blocker.reason };
    if (!(await this.confirm(spec, blocker))) return { run: false, reason: blocker.reason };
    this.allowed.set(specDir, blocker.reason);
    return { run: true, unapproved: blocker.reason };
  }
}
