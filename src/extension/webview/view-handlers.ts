// Requests about the view itself: which spec it shows, its stream subscriptions, and opening the
// follow log at full size.
import * as vscode from 'vscode';
import type { Handlers } from './handler-types';

type ViewHandlers = Pick<
  Handlers,
  'view.ready' | 'view.newSpecClosed' | 'stream.subscribe' | 'stream.unsubscribe' | 'follow.openFull'
>;

export const viewHandlers: ViewHandlers = {
  // A (re-)started page holds no subscriptions, whatever the old page had.
  'view.ready': (_params, { view, specDir, runId, subscriptions, newSpec }) => {
    subscriptions.clear();
    return { view, specDir: specDir(), runId: runId(), ...(newSpec() ? { newSpec: true } : {}) };
  },
  'view.newSpecClosed': (_params, { newSpecClosed }) => {
    newSpecClosed();
    return null;
  },
  'stream.subscribe': ({ stream }, { subscriptions }) => subscriptions.subscribe(stream),
  'stream.unsubscribe': ({ stream }, { subscriptions }) => {
    subscriptions.unsubscribe(stream);
    return null;
  },
  'follow.openFull': async ({ runId }) => {
    await vscode.commands.executeCommand('tiller.openFollowLog', runId ?? undefined);
    return null;
  },
};
