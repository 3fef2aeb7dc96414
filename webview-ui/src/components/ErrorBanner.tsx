// The last failed request, in words, until dismissed. Announced to screen readers as it appears.
import { VscodeToolbarButton } from '@vscode-elements/react-elements';

export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss(): void }) {
  return (
    <div className="error-banner" role="alert">
      <span className="codicon codicon-error" aria-hidden="true" />
      <span className="error-text">{message}</span>
      <VscodeToolbarButton icon="close" label="Dismiss" onClick={onDismiss} />
    </div>
  );
}
