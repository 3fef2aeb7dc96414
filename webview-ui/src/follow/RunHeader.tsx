// The follow log's header: which run (or "the newest run"), its state, the run's buttons, and the
// filters.
import { memo } from 'react';
import { VscodeOption, VscodeSingleSelect } from '@vscode-elements/react-elements';
import type { RunState, RunSummary, TokenUsage } from '../../../src/protocol';
import { IconButton } from '../components/IconButton';
import type { Filters, KindFilter } from './filters';
import { describeFacts, type RunFacts } from './run-facts';
import { runDescription } from './run-label';
import { formatTokens } from './run-usage';
import { STATE_ICONS } from './run-state-icons';

export const NEWEST = '__newest__';
const ANY = '__any__';

export interface RunHeaderProps {
  runs: RunSummary[];
  chosen: string | null;
  shown: RunSummary | null;
  state: RunState | null;
  /** The shown run holds its next model request. */
  paused?: boolean;
  /** The shown run's changes were reverted. */
  reverted?: boolean;
  /** Only runs of this spec folder are listed (and followed); null: every spec. */
  spec: string | null;
  onSpec(specDir: string | null): void;
  onChoose(runId: string | null): void;
  onExport(): void;
  onRevert(): void;
  onCancel(): void;
  /** Only in the compact (sidebar) log: opens it in an editor tab. */
  onOpenFull?: () => void;
  /** Tokens the shown run used so far. */
  usage?: TokenUsage | null;
  /** The shown run at a glance (files, decisions, commands, duration). */
  facts?: RunFacts | null;
  filters: Filters;
  files: string[];
  requirements: string[];
  onFilters(filters: Filters): void;
}

export const RunHeader = memo(function RunHeader(props: RunHeaderProps) {
  const { runs, filters, onFilters, state } = props;
  const live = state === 'running' || state === 'queued';
  const specs = specsOf(runs);
  const listed = props.spec ? runs.filter((r) => r.specDir === props.spec) : runs;
  const stateText =
    state === 'unknown' ? 'ended (no end recorded)' : state === 'running' && props.paused ? 'paused' : state;
  return (
    <header className="follow-header">
      <div className="follow-row">
        <VscodeSingleSelect
          className="run-picker"
          aria-label="Run"
          value={props.chosen ?? NEWEST}
          onChange={(e) => {
            const value = (e.target as HTMLElement & { value: string }).value;
            props.onChoose(value === NEWEST ? null : value);
          }}
        >
          <VscodeOption value={NEWEST}>Follow the newest run</VscodeOption>
          {[...listed].reverse().map((run) => (
            <VscodeOption key={run.runId} value={run.runId} description={runDescription(run)}>
              {run.title}
            </VscodeOption>
          ))}
        </VscodeSingleSelect>
        {state && (
          <span
            className={`run-state state-${state}${props.paused && state === 'running' ? ' paused' : ''}`}
            title={`Run ${stateText}`}
          >
            <span
              className={`codicon codicon-${props.paused && state === 'running' ? 'debug-pause' : STATE_ICONS[state]}`}
              aria-hidden="true"
            />
            <span className="run-state-text">{stateText}</span>
          </span>
        )}
        {props.reverted && (
          <span className="run-state run-reverted" title="A person reverted this run's changes">
            <span className="codicon codicon-discard" aria-hidden="true" />
            <span className="run-state-text">reverted</span>
          </span>
        )}
        {props.usage && (props.usage.inputTokens > 0 || props.usage.outputTokens > 0) && (
          <span className="run-usage" title="Tokens the run used: input · output">
            <span className="codicon codicon-symbol-numeric" aria-hidden="true" /> {formatTokens(props.usage)}
          </span>
        )}
        {props.shown && (
          <span className="follow-buttons">
            <IconButton icon="export" label="Export run as Markdown" onClick={props.onExport} />
            <IconButton icon="discard" label="Revert run" onClick={props.onRevert} />
            {live && <IconButton icon="debug-stop" label="Cancel run" onClick={props.onCancel} />}
          </span>
        )}
        {props.onOpenFull && (
          <IconButton
            icon="link-external"
            control="open-full"
            label="Open the follow log in an editor tab"
            onClick={props.onOpenFull}
          />
        )}
      </div>
      {props.facts && props.shown && (
        <p className="follow-row run-facts" aria-label="The run at a glance">
          {describeFacts(props.facts)}
        </p>
      )}
      <div className="follow-row filters" role="group" aria-label="Filters">
        {specs.length > 1 && (
          <VscodeSingleSelect
            className="spec-picker"
            aria-label="Spec"
            data-filter="spec"
            value={props.spec ?? ANY}
            onChange={(e) => {
              const value = (e.target as HTMLElement & { value: string }).value;
              props.onSpec(value === ANY ? null : value);
            }}
          >
            <VscodeOption value={ANY}>Every spec</VscodeOption>
            {specs.map(([dir, name]) => (
              <VscodeOption key={dir} value={dir}>
                {name}
              </VscodeOption>
            ))}
          </VscodeSingleSelect>
        )}
        <VscodeSingleSelect
          aria-label="Show"
          data-filter="kind"
          value={filters.kind}
          onChange={(e) =>
            onFilters({ ...filters, kind: (e.target as HTMLElement & { value: string }).value as KindFilter })
          }
        >
          <VscodeOption value="all">All events</VscodeOption>
          <VscodeOption value="decisions">Decisions only</VscodeOption>
          <VscodeOption value="edits">Edits only</VscodeOption>
        </VscodeSingleSelect>
        <VscodeSingleSelect
          aria-label="File"
          data-filter="file"
          value={filters.file ?? ANY}
          onChange={(e) => {
            const value = (e.target as HTMLElement & { value: string }).value;
            onFilters({ ...filters, file: value === ANY ? null : value });
          }}
        >
          <VscodeOption value={ANY}>Any file</VscodeOption>
          {props.files.map((f) => (
            <VscodeOption key={f} value={f}>
              {f}
            </VscodeOption>
          ))}
        </VscodeSingleSelect>
        <VscodeSingleSelect
          aria-label="Requirement"
          data-filter="requirement"
          value={filters.requirement ?? ANY}
          onChange={(e) => {
            const value = (e.target as HTMLElement & { value: string }).value;
            onFilters({ ...filters, requirement: value === ANY ? null : value });
          }}
        >
          <VscodeOption value={ANY}>Any requirement</VscodeOption>
          {props.requirements.map((r) => (
            <VscodeOption key={r} value={r}>
              Requirement {r}
            </VscodeOption>
          ))}
        </VscodeSingleSelect>
      </div>
    </header>
  );
});

/** The specs the listed runs worked on, by folder (names repeat across sub-projects), by name. */
function specsOf(runs: RunSummary[]): Array<[string, string]> {
  const byDir = new Map<string, string>();
  for (const run of runs) if (run.specDir && run.spec) byDir.set(run.specDir, run.spec);
  return [...byDir].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
}
