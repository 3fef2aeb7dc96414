// The last failed request, in words, until dismissed. Announced to screen readers as it appears.
import { IconButton } from './IconButton';

export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss(): void }) {
  return (
    <div className="error-banner" role="alert">
      <span className="codicon codicon-error" aria-hidden="true" />
      <span className="error-text">{message}</span>
      <IconButton icon="close" label="Dismiss" onClick={onDismiss} />
    </div>
  );
}
