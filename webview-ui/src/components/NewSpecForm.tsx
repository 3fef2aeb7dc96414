// "New spec with the agent": the idea, a name, the type (feature or bugfix) and, for a feature,
// the workflow. Create makes the spec folder and starts the first draft, which streams into the
// new spec's view. Native controls, so every part works by keyboard and takes the theme's colours.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { VscodeButton } from '@vscode-elements/react-elements';
import type { NewSpecRequest } from '../../../src/protocol';
import type { HostClient } from '../host/client';
import '../authoring.css';

export function NewSpecForm({
  client,
  onCreated,
  onCancel,
}: {
  client: HostClient;
  onCreated(specDir: string): void;
  onCancel(): void;
}) {
  const [idea, setIdea] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<NewSpecRequest['type']>('feature');
  const [workflow, setWorkflow] = useState<NewSpecRequest['workflow']>('requirements-first');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const checkName = (value: string) => {
    setName(value);
    const n = ++asked.current;
    if (!value) return setNameProblem(null);
    client.request('spec.nameProblem', { name: value }).then(
      ({ problem }) => n === asked.current && setNameProblem(problem),
      (err: Error) => n === asked.current && setNameProblem(err.message),
    );
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!idea.trim()) return setError('Describe the idea in a sentence or two.');
    if (!name) return setError('Give the spec a name.');
    if (nameProblem) return setError(`The name: ${nameProblem}.`);
    setError(null);
    setBusy(true);
    client.request('spec.create', { name, idea: idea.trim(), type, workflow }).then(
      ({ specDir }) => onCreated(specDir),
      (err: Error) => {
        setBusy(false);
        setError(err.message);
      },
    );
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="new-spec" aria-label="New spec with the agent" onSubmit={submit} onKeyDown={onKey}>
      <h2 className="new-spec-title">
        <span className="codicon codicon-sparkle" aria-hidden="true" /> New spec with the agent
      </h2>
      <p className="authoring-hint">
        The agent drafts the first document from your idea; you review and approve each phase before the next is
        drafted.
      </p>
      <label className="authoring-label" htmlFor="new-spec-idea">
        The idea
      </label>
      <textarea
        id="new-spec-idea"
        ref={first}
        className="authoring-input"
        rows={5}
        value={idea}
        placeholder={
          type === 'bugfix'
            ? 'What goes wrong, where, and what should happen instead'
            : 'What the feature is for and who uses it'
        }
        onChange={(e) => setIdea(e.target.value)}
      />
      <label className="authoring-label" htmlFor="new-spec-name">
        Name (kebab-case, the folder under .kiro/specs)
      </label>
      <input
        id="new-spec-name"
        className="authoring-input"
        value={name}
        placeholder="csv-export"
        spellCheck={false}
        aria-invalid={nameProblem !== null}
        aria-describedby={nameProblem ? 'new-spec-name-problem' : undefined}
        onChange={(e) => checkName(e.target.value)}
      />
      {nameProblem && (
        <p id="new-spec-name-problem" className="authoring-problem">
          {nameProblem}
        </p>
      )}
      <fieldset className="authoring-choice">
        <legend className="authoring-label">Type</legend>
        <Choice name="type" value="feature" checked={type === 'feature'} onPick={() => setType('feature')}>
          Feature <span className="authoring-hint">requirements, design, tasks</span>
        </Choice>
        <Choice name="type" value="bugfix" checked={type === 'bugfix'} onPick={() => setType('bugfix')}>
          Bugfix <span className="authoring-hint">bug analysis, design, tasks</span>
        </Choice>
      </fieldset>
      <fieldset className="authoring-choice" disabled={type === 'bugfix'}>
        <legend className="authoring-label">
          Workflow{type === 'bugfix' ? ' (a bugfix starts from the bug)' : ''}
        </legend>
        <Choice
          name="workflow"
          value="requirements-first"
          checked={workflow === 'requirements-first'}
          onPick={() => setWorkflow('requirements-first')}
        >
          Requirements first <span className="authoring-hint">requirements → design → tasks</span>
        </Choice>
        <Choice
          name="workflow"
          value="design-first"
          checked={workflow === 'design-first'}
          onPick={() => setWorkflow('design-first')}
        >
          Design first <span className="authoring-hint">design → requirements → tasks</span>
        </Choice>
      </fieldset>
      {error && (
        <p className="authoring-problem" role="alert">
          {error}
        </p>
      )}
      <div className="authoring-actions">
        <VscodeButton data-control="create-spec" icon="sparkle" disabled={busy} onClick={() => submit()}>
          {busy ? 'Creating…' : 'Create and draft'}
        </VscodeButton>
        <VscodeButton secondary onClick={onCancel}>
          Cancel
        </VscodeButton>
      </div>
    </form>
  );
}

function Choice(props: { name: string; value: string; checked: boolean; onPick(): void; children: React.ReactNode }) {
  const id = `choice-${props.name}-${props.value}`;
  return (
    <div className="authoring-radio">
      <input
        type="radio"
        id={id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onPick}
      />
      <label htmlFor={id}>{props.children}</label>
    </div>
  );
}
