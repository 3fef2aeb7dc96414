// The `runs:` stream: the runs the follow log can show, oldest first. The workspace's trace files
// are read once per subscription; this session's runs come from the run service, and each change
// of theirs (queued, running, finished) travels as the entries that changed. A run that ends or is
// reverted is read again from its trace, for its tokens, its end and the revert.
import type { RunSummary } from '../../protocol';
import { pastSummary, pastRunSummaries, runRoot, sessionSummary } from './run-traces';
import type { ServicesLookup } from './services';
import type { StreamSource } from './streams';

export function runsSource(services: ServicesLookup): StreamSource<'runs'> {
  return {
    async open(_key, push) {
      const { runs } = await services();
      const byId = new Map<string, RunSummary>();
      for (const past of await pastRunSummaries()) byId.set(past.runId, past);
      for (const run of runs.runs()) byId.set(run.runId, sessionSummary(run, byId.get(run.runId)));
      let live = true;
      const upsert = (changed: RunSummary[]) => {
        const fresh = changed.filter((s) => JSON.stringify(byId.get(s.runId)) !== JSON.stringify(s));
        fresh.forEach((s) => byId.set(s.runId, s));
        if (live && fresh.length) push({ upsert: fresh });
      };
      const reread = async (runId: string) => {
        const root = runRoot(runId, runs.runs());
        if (!root) return;
        const traced = await pastSummary(root, runId);
        const session = runs.runs().find((r) => r.runId === runId);
        upsert([session ? sessionSummary(session, traced) : traced]);
      };
      const changes = runs.onDidChangeRuns(() => {
        const session = runs.runs();
        upsert(session.map((run) => sessionSummary(run, byId.get(run.runId))));
        // A run that just ended: its trace now holds the totals.
        for (const run of session) if (run.ended && byId.get(run.runId)?.usage == null) void reread(run.runId);
      });
      const reverts = runs.onDidRevertRun((runId) => void reread(runId));
      const snapshot = [...byId.values()].sort((a, b) => a.started - b.started || a.runId.localeCompare(b.runId));
      return {
        snapshot,
        dispose: () => {
          live = false;
          changes.dispose();
          reverts.dispose();
        },
      };
    },
  };
}
