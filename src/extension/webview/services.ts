// The approval and run services the follow log shows. activate() builds them before the webviews
// and hands them over at registration; consumers ask through a lookup so that a stream source
// reads the same way whether what it needs is at hand or must be loaded.
import type { ApprovalService } from '../policy/approvals';
import type { RunService } from '../agent/runs';

export interface FollowServices {
  approvals: ApprovalService;
  runs: RunService;
}

export type ServicesLookup = () => Promise<FollowServices>;
