// "Waiting for the model · N s": shown while a request is out and no answer has started, so a
// model that never answers is visible, not a silent log. The count ticks once a second.
import { useEffect, useState } from 'react';

export function WaitingLine({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <p className="status-line waiting-line" role="status">
      <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> Waiting for the model ·{' '}
      {seconds} s
    </p>
  );
}
