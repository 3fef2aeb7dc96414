// A small popup menu with the keyboard behaviour of VS Code's own: arrows move, Home/End jump,
// Enter or Space choose, Escape or Tab close and give focus back to the button that opened it.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';

export type MenuEntry = { label: string; value: string; keybinding?: string } | { separator: true };

export interface MenuProps {
  label: string;
  entries: MenuEntry[];
  /** The button's rectangle: the menu opens under it, kept inside the window. */
  anchor: DOMRect;
  onSelect(value: string): void;
  onClose(): void;
}

export function Menu({ label, entries, anchor, onSelect, onClose }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { innerWidth, innerHeight } = window;
    const left = Math.max(4, Math.min(anchor.right - menu.offsetWidth, innerWidth - menu.offsetWidth - 4));
    const below = anchor.bottom + 2;
    const top = below + menu.offsetHeight > innerHeight ? Math.max(4, anchor.top - menu.offsetHeight - 2) : below;
    menu.style.left = `${left}px`;
    menu.style.top = `${top}px`;
    items()[0]?.focus();
  }, [anchor]);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => list[(i + list.length) % list.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => focus(at + 1),
      ArrowUp: () => focus(at - 1),
      Home: () => focus(0),
      End: () => focus(list.length - 1),
      Escape: onClose,
      Tab: onClose,
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  return (
    <div className="menu" role="menu" aria-label={label} ref={ref} onKeyDown={onKeyDown}>
      {entries.map((entry, i) =>
        'separator' in entry ? (
          <div key={`sep-${i}`} role="separator" className="menu-separator" />
        ) : (
          <button
            key={entry.value}
            type="button"
            role="menuitem"
            className="menu-item"
            tabIndex={-1}
            onClick={() => onSelect(entry.value)}
          >
            <span>{entry.label}</span>
            {entry.keybinding && <span className="menu-keybinding">{entry.keybinding}</span>}
          </button>
        ),
      )}
    </div>
  );
}
