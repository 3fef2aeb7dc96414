// The authoring run at work on this spec, in the spec view: while the model works, what it says
// as it streams, its latest step and the document as its last write left it; while a whole-document
// result waits in the diff editor, Accept and Discard. The run itself is the follow log's stream.
import { VscodeButton, VscodeProgressRing } from '@vscode-elements/react-elements';
import type { DraftingView, TraceEvent } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import { useRun } from '../follow/use-run';

const VERB: Record<DraftingView['action'], string> = {
  draft: 'Drafting',
  refine: 'Refining',
  updateTasks: 'Updating',
};

/** What the page shows of the stream: the tail, so a long answer stays cheap to render. */
const STREAM_TAIL = 1200;
const PREVIEW_LINES = 40;

export function DraftProgress({
  drafting,
  file,
  client,
  onError,
}: {
  drafting: DraftingView;
  file: string;
  client: HostClient;
  onError(message: string): void;
}) {
  const { run } = useRun(client, drafting.runId);
  const events = run?.events ?? [];
  const answer = (accept: boolean) => {
    if (!drafting.reviewId) return;
    client.request('review.answer', { id: drafting.reviewId, accept }).catch((err: Error) => onError(err.message));
  };
  if (drafting.state === 'review')
    return (
      <section className="draft-progress" aria-label="Draft in progress" data-state="review">
        <p className="draft-status" role="status">
          <span className="codicon codicon-diff" aria-hidden="true" />
          The new {file} is open in the diff editor: accept it to write it, or discard it.
        </p>
        <div className="authoring-actions">
          <VscodeButton data-control="accept-draft" icon="check" onClick={() => answer(true)}>
            Accept
          </VscodeButton>
          <VscodeButton data-control="discard-draft" secondary icon="discard" onClick={() => answer(false)}>
            Discard
          </VscodeButton>
        </div>
      </section>
    );
  const streaming = run?.streaming ?? '';
  const step = lastStep(events);
  const preview = lastWrite(events);
  return (
    <section className="draft-progress" aria-label="Draft in progress" data-state="running">
      <p className="draft-status" role="status">
        <VscodeProgressRing className="draft-ring" aria-hidden="true" />
        {VERB[drafting.action]} {file}…{step ? ` ${step}` : ''}
      </p>
      {streaming && (
        <pre className="draft-stream" aria-label="The model is writing">
          {streaming.length > STREAM_TAIL ? `…${streaming.slice(-STREAM_TAIL)}` : streaming}
        </pre>
      )}
      {preview && (
        <pre className="draft-preview" aria-label={`${preview.path} as drafted so far`}>
          {preview.text}
        </pre>
      )}
      <div className="authoring-actions">
        {drafting.runId && (
          <>
            <VscodeButton
              secondary
              icon="output"
              onClick={() =>
                client.request('run.show', { runId: drafting.runId! }).catch((err: Error) => onError(err.message))
              }
            >
              Follow log
            </VscodeButton>
            <VscodeButton
              secondary
              icon="debug-stop"
              onClick={() =>
                client.request('run.cancel', { runId: drafting.runId! }).catch((err: Error) => onError(err.message))
              }
            >
              Stop
            </VscodeButton>
          </>
        )}
      </div>
    </section>
  );
}

/** The model's latest tool call, in words. */
function lastStep(events: TraceEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type === 'edit') return `${e.applied ? 'wrote' : 'tried to write'} ${e.path}`;
    if (e.type === 'tool') {
      const path = typeof e.args.path === 'string' ? ` ${e.args.path}` : '';
      return e.isError ? `${e.tool}${path} was refused` : `${e.tool.replace('_', ' ')}${path}`;
    }
  }
  return null;
}

/** The lines the latest write added (a whole new document for write_file), to show it arriving. */
function lastWrite(events: TraceEvent[]): { path: string; text: string } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type !== 'edit' || !e.applied) continue;
    const added = e.diff
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1));
    if (!added.length) return null;
    const shown = added.slice(0, PREVIEW_LINES);
    const more = added.length - shown.length;
    return { path: e.path, text: `${shown.join('\n')}${more > 0 ? `\n… ${more} more lines` : ''}` };
  }
  return null;
}
