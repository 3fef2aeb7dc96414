// The "Tiller Hooks" output channel: one entry per hook run, naming what triggered it and how it
// ended, with a command's output beneath.
import * as vscode from 'vscode';
import type { HookRun } from '../../core/hooks';

const LISTED_PATHS = 5;

export function formatRun(run: HookRun): string {
  const { hook, payload, outcome } = run;
  const subject = [
    ...payload.paths.slice(0, LISTED_PATHS),
    ...(payload.paths.length > LISTED_PATHS ? [`and ${payload.paths.length - LISTED_PATHS} more`] : []),
    ...(payload.commits ?? []).map((c) => `commit ${c.sha.slice(0, 7)}`),
    ...(payload.task ? [`task ${payload.task.task} of ${payload.task.spec}`] : []),
  ].join(', ');
  const head = `${new Date(run.startedAt).toISOString()} ${hook.name} (${payload.trigger}${subject ? `: ${subject}` : ''})`;
  switch (outcome.kind) {
    case 'command': {
      const end = outcome.timedOut ? 'timed out' : `exit ${outcome.exitCode}`;
      const output = outcome.output.trimEnd();
      return `${head}: ${end} after ${run.durationMs} ms${outcome.blocked ? ', blocked the task' : ''}${output ? `\n${indent(output)}` : ''}`;
    }
    case 'agent':
      return `${head}: asked the agent (${run.durationMs} ms)`;
    case 'refused':
      return `${head}: not run: ${outcome.reason}`;
    case 'skipped':
      return `${head}: skipped: ${outcome.reason}`;
    case 'failed':
      return `${head}: failed: ${outcome.error}`;
  }
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

export function hookLog(onDidRun: vscode.Event<HookRun>): vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Tiller Hooks');
  return vscode.Disposable.from(
    channel,
    onDidRun((run) => channel.appendLine(formatRun(run))),
  );
}
