// Gives a scroll container the height left below it in the window. Its ancestors (the tab panels
// of vscode-elements) size to content, so a percentage height would not bound it.
import { useEffect, type RefObject } from 'react';

export function useFillHeight(ref: RefObject<HTMLElement | null>, minimum = 120): void {
  // A passive effect: by then the tab panel holding the element is visible (see SpecView).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.height = `${Math.max(minimum, window.innerHeight - el.getBoundingClientRect().top)}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(document.body);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [ref, minimum]);
}
