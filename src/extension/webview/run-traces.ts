// Where runs are recorded: this session's runs (the run service knows their trace files) and the
// trace files under each workspace folder's .kiro/tiller/runs, read with the tolerant reader.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listRuns, readRunOutline, traceFile, type TraceEvent } from '../../core/trace';
import type { RunInfo } from '../agent/runs';
import type { RunState, RunSummary } from '../../protocol';

/** Past runs listed in the picker; older ones stay reachable through their files and `tiller export`. */
const PAST_RUNS = 200;

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export function tracePath(runId: string, sessionRuns: RunInfo[]): string | null {
  const live = sessionRuns.find((r) => r.runId === runId)?.trace;
  if (live) return live;
  for (const root of workspaceRoots()) {
    const path = traceFile(root, runId);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The workspace folder a run's trace lives in (edits' paths are relative to it). */
export function runRoot(runId: string, sessionRuns: RunInfo[]): string | null {
  const path = tracePath(runId, sessionRuns);
  return workspaceRoots().find((root) => path?.startsWith(root)) ?? workspaceRoots()[0] ?? null;
}

/** This session's run as the picker lists it, over what its trace says (usage, revert) when read. */
export function sessionSummary(run: RunInfo, traced?: RunSummary): RunSummary {
  return {
    ...traced,
    runId: run.runId,
    title: run.title,
    spec: run.spec,
    specDir: run.specDir,
    state: run.state,
    trigger: run.trigger,
    started: run.started,
    ended: run.ended ?? traced?.ended ?? null,
    ...(run.wave ? { wave: run.wave } : {}),
  };
}

export async function pastRunSummaries(): Promise<RunSummary[]> {
  const ids = (
    await Promise.all(workspaceRoots().map(async (root) => (await listRuns(root)).map((id) => ({ root, id }))))
  ).flat();
  const recent = ids.sort((a, b) => a.id.localeCompare(b.id)).slice(-PAST_RUNS);
  return Promise.all(recent.map(({ root, id }) => pastSummary(root, id)));
}

/** A run read from its trace alone: how it started and ended, who started it, what it used. */
export async function pastSummary(root: string, runId: string): Promise<RunSummary> {
  const outline = await readRunOutline(traceFile(root, runId));
  if (!outline)
    return {
      runId,
      title: runId,
      spec: null,
      specDir: null,
      state: 'unknown',
      trigger: null,
      started: startedFromId(runId),
    };
  const { start, end } = outline;
  const task = start.task;
  return {
    runId,
    title: `${task.id} ${task.title}`.trim() || runId,
    spec: task.spec || null,
    specDir: task.specDir ? join(root, ...task.specDir.split('/')) : null,
    state: end?.status ?? 'unknown',
    trigger: start.trigger ?? null,
    started: Date.parse(start.time),
    usage: outline.usage,
    ended: end ? Date.parse(end.time) : null,
    reverted: outline.revert !== null,
    paused: outline.paused,
  };
}

/** `YYYYMMDD-HHMMSS-xxxxxx` is the UTC start time. */
function startedFromId(runId: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(runId);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : 0;
}

/** A past run's state from its last event; a trace without run-end was interrupted. */
export function stateFromEvents(events: TraceEvent[]): RunState {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event.type === 'run-end') return event.status;
  }
  return 'unknown';
}
