// A command waiting for approval. Focus lands on the card when it appears; Tab reaches Run once,
// Trust and run…, Reject…; Enter activates. Trust shows, per simple command, the patterns it may
// be trusted by (exact, sub-command, program) and where to keep the trust; Reject asks for an
// optional reason that goes back to the agent. Escape leaves either form without answering.
// A part no pattern can ever trust (a shell running what it reads from a pipe) is said plainly,
// and then Reject… comes first and is the highlighted button, not Run once.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  VscodeButton,
  VscodeOption,
  VscodeRadio,
  VscodeRadioGroup,
  VscodeSingleSelect,
  VscodeTextfield,
} from '@vscode-elements/react-elements';
import type { ApprovalAnswer, ApprovalCard, TrustScope } from '../../../src/protocol';

const LEVEL_WORDS = {
  exact: 'exactly this command',
  subcommand: 'this sub-command, any arguments',
  program: 'this program, any arguments',
} as const;

type Mode = 'choose' | 'trust' | 'reject';

export interface ApprovalCardViewProps {
  request: ApprovalCard;
  autoFocus: boolean;
  onAnswer(answer: ApprovalAnswer): void;
}

export function ApprovalCardView({ request, autoFocus, onAnswer }: ApprovalCardViewProps) {
  const card = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<Mode>('choose');
  const [patterns, setPatterns] = useState<string[]>(() => request.options.map((o) => o.choices[0]?.pattern ?? ''));
  const [scope, setScope] = useState<TrustScope>('workspace');
  const [reason, setReason] = useState('');
  const back = useRef<Mode | null>(null);
  const trustable = request.options.length > 0 && request.options.every((o) => o.choices.length > 0);
  const untrustable = request.untrustable;
  const cautious = untrustable.length > 0;
  const headingId = `approval-${request.id}`;

  useEffect(() => {
    if (autoFocus) card.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    // Back from a form: focus the button that opened it (once the new button has rendered itself).
    const control = back.current;
    if (mode !== 'choose' || !control) return;
    back.current = null;
    void Promise.resolve().then(() => card.current?.querySelector<HTMLElement>(`[data-control="${control}"]`)?.focus());
  }, [mode]);

  const reject = (text: string) => onAnswer(text.trim() ? { kind: 'reject', reason: text.trim() } : { kind: 'reject' });
  const leave = () => {
    back.current = mode;
    setMode('choose');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && mode !== 'choose') {
      event.preventDefault();
      event.stopPropagation();
      leave();
    }
  };

  const rejectButton = (secondary: boolean) => (
    <VscodeButton data-control="reject" secondary={secondary} icon="close" onClick={() => setMode('reject')}>
      Reject…
    </VscodeButton>
  );

  return (
    <div
      ref={card}
      className="card approval-card"
      tabIndex={-1}
      role="group"
      aria-labelledby={headingId}
      data-approval={request.id}
      onKeyDown={onKeyDown}
    >
      <div className="card-head">
        <span className="codicon codicon-shield card-icon" aria-hidden="true" />
        <span className="card-heading" id={headingId}>
          {request.source} wants to run <code className="command-text">{request.command}</code>
        </span>
      </div>
      {request.rationale && <p className="card-line">{request.rationale}</p>}
      {request.reasons.length > 0 && <p className="card-line muted">{request.reasons.join('; ')}</p>}
      {cautious && (
        <p className="card-line card-warning" data-control="untrustable">
          <span className="codicon codicon-warning" aria-hidden="true" /> Never trusted: {untrustable.join('; ')}. No
          pattern can cover this part, so this command asks every time. Run it only if you know what it will run.
        </p>
      )}
      {mode === 'choose' && (
        <div className="card-actions">
          {cautious && rejectButton(false)}
          <VscodeButton
            data-control="run-once"
            icon="play"
            secondary={cautious}
            onClick={() => onAnswer({ kind: 'run-once' })}
          >
            Run once
          </VscodeButton>
          <VscodeButton
            data-control="trust"
            secondary
            icon="verified"
            disabled={!trustable}
            title={trustable ? undefined : untrustableTitle(request, untrustable)}
            onClick={() => setMode('trust')}
          >
            Trust and run…
          </VscodeButton>
          {!cautious && rejectButton(true)}
        </div>
      )}
      {mode === 'trust' && (
        <div className="approval-form" role="group" aria-label="Trust and run">
          {request.options.map((option, i) => (
            <label key={i} className="form-row">
              <span>
                Trust commands like <code>{option.command}</code>:
              </span>
              <VscodeSingleSelect
                data-control={`pattern-${i}`}
                aria-label={`Pattern for ${option.command}`}
                value={patterns[i]}
                ref={(el: HTMLElement | null) => void (i === 0 && el && Promise.resolve().then(() => el.focus()))}
                onChange={(e) => {
                  const value = (e.target as HTMLElement & { value: string }).value;
                  setPatterns((p) => p.map((x, j) => (j === i ? value : x)));
                }}
              >
                {option.choices.map((choice) => (
                  <VscodeOption key={choice.pattern} value={choice.pattern} description={LEVEL_WORDS[choice.level]}>
                    {choice.pattern}
                  </VscodeOption>
                ))}
              </VscodeSingleSelect>
            </label>
          ))}
          <VscodeRadioGroup aria-label="Keep the trust for">
            {(['workspace', 'user'] as const).map((s) => (
              <VscodeRadio
                key={s}
                name={`scope-${request.id}`}
                value={s}
                data-control={`scope-${s}`}
                checked={scope === s}
                label={s === 'workspace' ? 'This workspace' : 'All workspaces (user settings)'}
                onChange={(e) => {
                  if ((e.target as HTMLInputElement).checked) setScope(s);
                }}
              />
            ))}
          </VscodeRadioGroup>
          <div className="card-actions">
            <VscodeButton
              data-control="trust-confirm"
              icon="verified"
              onClick={() => onAnswer({ kind: 'trust', patterns, scope })}
            >
              Trust and run
            </VscodeButton>
            <VscodeButton data-control="cancel" secondary onClick={leave}>
              Cancel
            </VscodeButton>
          </div>
        </div>
      )}
      {mode === 'reject' && (
        <div className="approval-form" role="group" aria-label="Reject">
          <VscodeTextfield
            data-control="reason"
            className="reason-field"
            placeholder="Why, or what to do instead (optional; the agent reads it)"
            aria-label="Reason for rejecting"
            value={reason}
            ref={(el: HTMLElement | null) => void (el && Promise.resolve().then(() => el.focus()))}
            onInput={(e) => setReason((e.target as HTMLInputElement).value)}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === 'Enter') reject((e.currentTarget as HTMLInputElement).value);
            }}
          />
          <div className="card-actions">
            <VscodeButton data-control="reject-confirm" icon="close" onClick={() => reject(reason)}>
              Reject
            </VscodeButton>
            <VscodeButton data-control="cancel" secondary onClick={leave}>
              Cancel
            </VscodeButton>
          </div>
        </div>
      )}
    </div>
  );
}

/** Why Trust and run… is off: the commands whose words are known only at run time, or what never can be trusted. */
function untrustableTitle(request: ApprovalCard, untrustable: string[]): string {
  const unknown = request.options.filter((o) => !o.choices.length).map((o) => `'${o.command}'`);
  if (unknown.length)
    return `No pattern can trust ${unknown.join(', ')}: it depends on values known only when it runs. Use Run once.`;
  return `No pattern can trust this command: ${untrustable.join('; ') || 'nothing in it can be matched by a pattern'}.`;
}
