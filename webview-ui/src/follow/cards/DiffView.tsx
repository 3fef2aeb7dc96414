// A diff shown inline in a card: the first lines, and the rest on request (a long new file would
// otherwise make one card taller than the view).
import { useMemo } from 'react';
import { diffLines } from './diff-lines';

const SHOWN_LINES = 30;
const MARKS = { add: '+', del: '−', ctx: ' ', hunk: '' } as const;

export function DiffView({ diff, full, onToggleFull }: { diff: string; full: boolean; onToggleFull(): void }) {
  const lines = useMemo(() => diffLines(diff), [diff]);
  if (!lines.length) return <p className="card-note">No change to the file’s content.</p>;
  const shown = full ? lines : lines.slice(0, SHOWN_LINES);
  return (
    <div className="diff">
      <pre className="diff-lines" aria-label="Diff">
        {shown.map((line, i) => (
          <span key={i} className={`diff-line diff-${line.kind}`}>
            <span className="diff-mark" aria-hidden="true">
              {MARKS[line.kind]}
            </span>
            {line.kind === 'add' && <span className="visually-hidden">added: </span>}
            {line.kind === 'del' && <span className="visually-hidden">removed: </span>}
            {line.text || ' '}
            {'\n'}
          </span>
        ))}
      </pre>
      {lines.length > SHOWN_LINES && (
        <button type="button" className="link-button" onClick={onToggleFull}>
          {full ? 'Show fewer lines' : `Show all ${lines.length} lines`}
        </button>
      )}
    </div>
  );
}
