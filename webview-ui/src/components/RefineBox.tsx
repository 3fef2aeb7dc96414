// Feedback for a new draft of one phase's document: the agent drafts it again from this, and the
// result opens as one diff to accept or discard; nothing is written before that.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';

export function RefineBox({
  file,
  onRefine,
  onCancel,
}: {
  file: string;
  onRefine(feedback: string): void;
  onCancel(): void;
}) {
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = () => {
    if (!text.trim()) return setEmpty(true);
    onRefine(text.trim());
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <section className="refine-box" aria-label={`Refine ${file}`}>
      <label className="authoring-label" htmlFor="refine-feedback">
        What should change in {file}? The new draft opens as a diff to accept or discard.
      </label>
      <textarea
        id="refine-feedback"
        ref={input}
        className="authoring-input"
        rows={3}
        value={text}
        aria-invalid={empty}
        aria-describedby={empty ? 'refine-empty' : undefined}
        placeholder="e.g. criterion 1.2 should give a number, not “fast” (Ctrl+Enter refines, Escape cancels)"
        onChange={(e) => {
          setText(e.target.value);
          setEmpty(false);
        }}
        onKeyDown={onKey}
      />
      {empty && (
        <p id="refine-empty" className="authoring-problem" role="alert">
          Say what should change.
        </p>
      )}
      <div className="authoring-actions">
        <VscodeButton data-control="refine-submit" icon="sparkle" onClick={submit}>
          Refine
        </VscodeButton>
        <VscodeButton secondary onClick={onCancel}>
          Cancel
        </VscodeButton>
      </div>
    </section>
  );
}
