// Measuring for the virtualised lists (the task list, the follow log's cards): one ResizeObserver
// for the rows in the page, each row carrying its item's key in data-key, and the height of the
// scroller the rows are laid out in.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

export interface MeasuredRow {
  el: HTMLElement;
  key: string;
  /** Its border-box height. */
  height: number;
}

/**
 * Calls `onMeasured` with the rows whose size was observed (rows already gone are left out) and
 * returns the ref callback that puts a row under observation while it is in the page.
 */
export function useRowMeasure(onMeasured: (rows: MeasuredRow[]) => void): (el: HTMLDivElement | null) => void {
  const latest = useRef(onMeasured);
  useLayoutEffect(() => {
    latest.current = onMeasured;
  });
  const observer = useMemo(
    () =>
      new ResizeObserver((entries) => {
        const rows: MeasuredRow[] = [];
        for (const entry of entries) {
          const el = entry.target as HTMLElement;
          const key = el.dataset.key;
          if (!key || !el.isConnected) continue;
          rows.push({ el, key, height: entry.borderBoxSize?.[0]?.blockSize ?? el.offsetHeight });
        }
        if (rows.length) latest.current(rows);
      }),
    [],
  );
  useEffect(() => () => observer.disconnect(), [observer]);
  return useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return;
      observer.observe(el);
      return () => observer.unobserve(el);
    },
    [observer],
  );
}

/**
 * The scroller's inner height, followed as it resizes; the saved scroll position is applied once,
 * when the list first appears (null leaves it where it is). A passive effect: the tab panel holding
 * the list must be visible by then (see SpecView).
 */
export function useScrollerHeight(scroller: RefObject<HTMLElement | null>, initialScroll: number | null): number {
  const [height, setHeight] = useState(600);
  const firstScroll = useRef(initialScroll);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (firstScroll.current !== null) el.scrollTop = firstScroll.current;
    setHeight(el.clientHeight || 600);
    const resize = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    resize.observe(el);
    return () => resize.disconnect();
  }, [scroller]);
  return height;
}
