// Requests that steer a working run from the follow log: guidance for its next turn, pause, resume.
import * as vscode from 'vscode';
import type { Handlers } from './handler-types';

export const guidanceHandlers: Pick<Handlers, 'run.guide' | 'run.pause'> = {
  'run.guide': async ({ runId, text }) => ({
    queued: (await vscode.commands.executeCommand<boolean>('tiller.sendGuidance', runId, text)) === true,
  }),
  'run.pause': async ({ runId, paused }) => ({
    done:
      (await vscode.commands.executeCommand<boolean>(paused ? 'tiller.pauseRun' : 'tiller.resumeRun', runId)) === true,
  }),
};
