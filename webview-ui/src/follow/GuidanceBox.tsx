// Talking to a run while it works: a message the model reads before its next turn (Ctrl/Cmd+Enter
// sends), and Pause / Resume, which holds the next model request once the tool call under way ends.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';

export interface GuidanceBoxProps {
  runId: string;
  /** What the trace says: the run held its next model request. */
  paused: boolean;
  send(text: string): Promise<boolean>;
  setPaused(paused: boolean): Promise<boolean>;
}

export function GuidanceBox({ runId, paused: held, send, setPaused }: GuidanceBoxProps) {
  const [text, setText] = useState('');
  // Pause is asked at once but written to the trace only when the tool call under way ends: the
  // button follows the request, and the trace's pause events once they come (a pause from the
  // command palette or another view included).
  const [paused, setPausedState] = useState(held);
  useEffect(() => setPausedState(held), [held]);
  const [note, setNote] = useState<string | null>(null);

  const submit = async () => {
    if (!text.trim()) return;
    if (await send(text)) {
      setText('');
      setNote('Sent: the model reads it before its next turn.');
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };
  const togglePause = async () => {
    if (await setPaused(!paused)) {
      setPausedState(!paused);
      setNote(paused ? 'Resumed.' : 'Pausing once the tool call under way finishes.');
    }
  };
  return (
    <section className="guidance-box" aria-label="Guide the run" data-run={runId}>
      <textarea
        className="guidance-input"
        aria-label="Guidance for the model's next turn"
        placeholder="Guidance for the next turn (Ctrl+Enter sends)"
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <div className="guidance-actions">
        <VscodeButton data-control="send-guidance" icon="send" onClick={() => void submit()}>
          Send
        </VscodeButton>
        <VscodeButton
          data-control="pause"
          secondary
          icon={paused ? 'debug-continue' : 'debug-pause'}
          onClick={() => void togglePause()}
        >
          {paused ? 'Resume' : 'Pause'}
        </VscodeButton>
        {note && (
          <span className="guidance-note" role="status">
            {note}
          </span>
        )}
      </div>
    </section>
  );
}
