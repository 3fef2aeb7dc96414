// The follow log needs the approval and run services, which activate() builds and returns as the
// extension's API. Views may be resolved while activate() is still running, so they ask for the API
// through the extension's own activation promise instead of taking the services at registration.
import type * as vscode from 'vscode';
import type { ApprovalService } from '../policy/approvals';
import type { RunService } from '../agent/runs';

export interface FollowServices {
  approvals?: ApprovalService;
  /** Absent until the run service is part of the API. */
  runs?: RunService;
}

export type ServicesLookup = () => Promise<FollowServices>;

export function apiServices(context: vscode.ExtensionContext): ServicesLookup {
  let api: Promise<FollowServices> | undefined;
  return () => (api ??= Promise.resolve(context.extension.activate()).then((exports: unknown) => (exports ?? {}) as FollowServices));
}
