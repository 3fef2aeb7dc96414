// "Tiller: Send Guidance to Run", "Tiller: Pause Run" and "Tiller: Resume Run": a person's way
// into a run while it works. Guidance reaches the model before its next turn; a pause holds the
// next model request (the tool call under way finishes; approvals and hooks go on).
import * as vscode from 'vscode';
import type { RunService } from './runs';

/** Sends guidance to a run (asked for when not given); true when it was queued. */
export async function sendGuidance(runs: RunService, runId?: unknown, text?: unknown): Promise<boolean> {
  const id = typeof runId === 'string' ? runId : await pickLiveRun(runs, 'Send guidance to which run?');
  if (!id) return false;
  const guidance = runs.guidance(id);
  if (!guidance) {
    void vscode.window.showWarningMessage(`Tiller: run ${id} has ended; guidance goes only to a run that is working.`);
    return false;
  }
  const message =
    typeof text === 'string'
      ? text
      : await vscode.window.showInputBox({
          title: 'Tiller: guidance for the run',
          prompt: 'The model reads it before its next turn.',
          placeHolder: 'Use the existing session store rather than a new table',
          ignoreFocusOut: true,
        });
  if (!message?.trim()) return false;
  if (!guidance.send(message, 'you')) {
    void vscode.window.showWarningMessage(
      'Tiller: the run already holds as much guidance as it takes; wait for its next turn.',
    );
    return false;
  }
  return true;
}

export async function setPaused(runs: RunService, paused: boolean, runId?: unknown): Promise<boolean> {
  const id =
    typeof runId === 'string' ? runId : await pickLiveRun(runs, paused ? 'Pause which run?' : 'Resume which run?');
  const guidance = id ? runs.guidance(id) : undefined;
  if (!guidance) return false;
  if (paused) guidance.pause();
  else guidance.resume();
  return true;
}

export function registerGuidanceCommands(runs: RunService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tiller.sendGuidance', (runId?: unknown, text?: unknown) =>
      sendGuidance(runs, runId, text),
    ),
    vscode.commands.registerCommand('tiller.pauseRun', (runId?: unknown) => setPaused(runs, true, runId)),
    vscode.commands.registerCommand('tiller.resumeRun', (runId?: unknown) => setPaused(runs, false, runId)),
  );
}

async function pickLiveRun(runs: RunService, title: string): Promise<string | undefined> {
  const live = runs.runs().filter((r) => !r.ended);
  if (live.length === 0) {
    void vscode.window.showInformationMessage('Tiller: no run is working now.');
    return undefined;
  }
  if (live.length === 1) return live[0].runId;
  const picked = await vscode.window.showQuickPick(
    live.map((r) => ({ label: r.title, description: r.state, runId: r.runId })),
    { title },
  );
  return picked?.runId;
}
