// The `run:<id>` stream: a snapshot of the run's trace so far (the file, read tolerantly), then
// the events the run service emits as they are written and the model's text as it streams,
// coalesced per frame. Events that arrive while the file is being read are merged by seq, so none
// is lost or doubled.
import type * as vscode from 'vscode';
import { readTrace, type TraceEvent } from '../../core/trace';
import { RUN_SNAPSHOT_TAIL, type RunState } from '../../protocol';
import type { RunService } from '../agent/runs';
import { RunDeltaBatcher } from './delta-batcher';
import type { LiveText } from './live-text';
import { stateFromEvents, tracePath } from './run-traces';
import type { ServicesLookup } from './services';
import type { StreamSource } from './streams';

/** Line numbers of unreadable lines named in the log header; the count says how many in all. */
const SKIPPED_SHOWN = 10;

export function runSource(services: ServicesLookup, liveText: LiveText): StreamSource<'run'> {
  return {
    async open(runId, push) {
      const { runs } = await services();
      const batcher = new RunDeltaBatcher(push);
      const early: TraceEvent[] = [];
      let opened = false;
      let lastSeq = 0;
      let state: RunState = sessionState(runs, runId) ?? 'unknown';
      const onEvent = (event: TraceEvent) => {
        if (event.runId !== runId) return;
        if (!opened) return void early.push(event);
        if (event.seq <= lastSeq) return;
        lastSeq = event.seq;
        batcher.add({ events: [event] });
      };
      const listeners: vscode.Disposable[] = runs
        ? [
            runs.onDidTraceEvent(onEvent),
            runs.onDidStream(({ runId: id, event }) => {
              if (!opened || id !== runId) return;
              if (event.type === 'request') batcher.add({ waiting: Date.now() });
              else if (event.type === 'text') batcher.add({ text: event.text, waiting: null });
              else batcher.add({ waiting: null });
            }),
            runs.onDidChangeRuns(() => {
              const now = sessionState(runs, runId);
              if (!opened || !now || now === state) return;
              state = now;
              batcher.add({ state });
            }),
          ]
        : [];
      await runs.recovered();
      const path = tracePath(runId, runs.runs());
      const loaded = path ? await readTrace(path).catch(() => null) : null;
      const events = loaded?.events ?? [];
      lastSeq = events.length ? events[events.length - 1].seq : 0;
      for (const event of early) {
        if (event.seq > lastSeq) {
          events.push(event);
          lastSeq = event.seq;
        }
      }
      opened = true;
      if (!path && !runs.runs().some((r) => r.runId === runId)) {
        listeners.forEach((l) => l.dispose());
        return { snapshot: null, dispose: () => undefined };
      }
      if (state === 'unknown') state = stateFromEvents(events);
      const earlier = Math.max(0, events.length - RUN_SNAPSHOT_TAIL);
      return {
        snapshot: {
          runId,
          state,
          events: events.slice(earlier),
          earlier,
          streaming: liveText.current(runId),
          waitingSince: liveText.waitingSince(runId),
          skippedLines: loaded?.skippedLines.length ?? 0,
          skippedAt: loaded?.skippedLines.slice(0, SKIPPED_SHOWN) ?? [],
        },
        dispose: () => {
          listeners.forEach((l) => l.dispose());
          batcher.dispose();
        },
      };
    },
  };
}

function sessionState(runs: RunService, runId: string): RunState | undefined {
  return runs.runs().find((r) => r.runId === runId)?.state;
}
