// A codicon button for row actions. A plain <button> rather than vscode-toolbar-button: row
// controls are focused by the list's arrow-key navigation, and the toolbar button's host element
// cannot take focus itself (its button lives in its shadow root).
import type { MouseEvent } from 'react';

export interface IconButtonProps {
  icon: string;
  label: string;
  control?: string;
  hasPopup?: boolean;
  onClick(event: MouseEvent<HTMLButtonElement>): void;
}

export function IconButton({ icon, label, control, hasPopup, onClick }: IconButtonProps) {
  return (
    <button
      type="button"
      className="icon-button"
      data-control={control}
      aria-label={label}
      title={label}
      aria-haspopup={hasPopup ? 'menu' : undefined}
      onClick={onClick}
    >
      <span className={`codicon codicon-${icon}`} aria-hidden="true" />
    </button>
  );
}
