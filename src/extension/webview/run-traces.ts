// Where runs are recorded: this session's runs (the run service knows their trace files) and the
// trace files under each workspace folder's .kiro/tiller/runs, read with the tolerant reader.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { listRuns, readRunUsage, traceFile, type TraceEvent } from '../../core/trace';
import type { RunInfo } from '../agent/runs';
import type { RunState, RunSummary } from '../../protocol';

/** Past runs listed in the picker; older ones stay reachable through their files and `tiller export`. */
const PAST_RUNS = 200;
/** The run-start event is the first line; it is short, but a long prompt can make it longer. */
const HEAD_BYTES = 16 * 1024;

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

export function sessionSummary(run: RunInfo): RunSummary {
  return {
    runId: run.runId,
    title: run.title,
    spec: run.spec,
    specDir: run.specDir,
    state: run.state,
    trigger: run.trigger,
    started: run.started,
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

async function pastSummary(root: string, runId: string): Promise<RunSummary> {
  const [start, spent] = await Promise.all([firstEvent(traceFile(root, runId)), readRunUsage(traceFile(root, runId))]);
  const task = start?.type === 'run-start' ? start.task : null;
  return {
    runId,
    title: task ? `${task.id} ${task.title}`.trim() || runId : runId,
    spec: task?.spec || null,
    specDir: task?.specDir ? join(root, ...task.specDir.split('/')) : null,
    state: 'unknown',
    trigger: null,
    started: start ? Date.parse(start.time) : startedFromId(runId),
    usage: spent?.usage ?? null,
  };
}

async function firstEvent(path: string): Promise<TraceEvent | null> {
  const file = await open(path, 'r').catch(() => null);
  if (!file) return null;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    const line = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0];
    return JSON.parse(line) as TraceEvent;
  } catch {
    return null;
  } finally {
    await file.close();
  }
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
