// The `runs:` stream: the runs the follow log can show, oldest first. The workspace's trace files
// are read once per subscription; this session's runs come from the run service, and each change
// of theirs (queued, running, finished) travels as the entries that changed.
import type { RunSummary } from '../../protocol';
import { pastRunSummaries, sessionSummary } from './run-traces';
import type { ServicesLookup } from './services';
import type { StreamSource } from './streams';

export function runsSource(services: ServicesLookup): StreamSource<'runs'> {
  return {
    async open(_key, push) {
      const { runs } = await services();
      const byId = new Map<string, RunSummary>();
      for (const past of await pastRunSummaries()) byId.set(past.runId, past);
      for (const run of runs.runs()) byId.set(run.runId, sessionSummary(run));
      const listener = runs.onDidChangeRuns(() => {
        const upsert = runs
          .runs()
          .map(sessionSummary)
          .filter((s) => JSON.stringify(byId.get(s.runId)) !== JSON.stringify(s));
        upsert.forEach((s) => byId.set(s.runId, s));
        if (upsert.length) push({ upsert });
      });
      const snapshot = [...byId.values()].sort((a, b) => a.started - b.started || a.runId.localeCompare(b.runId));
      return { snapshot, dispose: () => listener.dispose() };
    },
  };
}
