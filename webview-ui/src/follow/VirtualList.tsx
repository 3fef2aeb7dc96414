// A virtualised list of cards of different heights. Cards are measured once they are in the page
// (a ResizeObserver), and estimated until then, so a card may show its diff or its reasons in full
// instead of being cut to one fixed height. Only the cards in sight (plus a margin) exist in the
// page. When a card above the view changes height the scroll position moves with it, and a list
// scrolled to its end stays at the end as cards are appended (following a live run).
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useRowMeasure, useScrollerHeight } from '../components/use-row-measure';

const OVERSCAN_PX = 400;
/** How close to the end still counts as "at the end". */
const END_SLACK_PX = 24;

export interface VirtualListProps {
  count: number;
  /** Changes when the items are not the previous ones plus more at the end (another filter, another run). */
  reset: unknown;
  keyAt(index: number): string;
  /** Items of one kind tend to have one height: the last one measured is the guess for the next. */
  kindAt(index: number): string;
  estimateAt(index: number): number;
  renderAt(index: number): ReactNode;
  label: string;
  className?: string;
  /** Restores a scroll position once, when the list first appears; null means "at the end". */
  initialScroll: number | null;
  onScroll?(top: number, atEnd: boolean): void;
}

export function VirtualList(props: VirtualListProps) {
  const { count, keyAt, estimateAt, renderAt } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const typical = useRef(new Map<string, number>());
  const [, setMeasured] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const atEnd = useRef(props.initialScroll === null);
  const viewport = useScrollerHeight(scroller, props.initialScroll);

  // Offsets are kept between renders: a live run only appends and a measurement only moves the
  // cards after the one measured, so a frame costs what changed, not the whole list.
  const layout = useRef(new Layout());
  // A close guess matters: a card measured at its guessed height costs no second render.
  const guess = (i: number) => typical.current.get(props.kindAt(i)) ?? estimateAt(i);
  const offsets = layout.current.update(props.reset, count, (i) => heights.current.get(keyAt(i)) ?? guess(i));
  const total = offsets[count];
  const first = Math.max(0, indexAt(offsets, count, scrollTop - OVERSCAN_PX));
  const last = Math.min(count, indexAt(offsets, count, scrollTop + viewport + OVERSCAN_PX) + 1);

  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;
  const observe = useRowMeasure((rows) => {
    const el = scroller.current;
    let changed = false;
    let shift = 0;
    for (const { el: target, key, height } of rows) {
      const old = heights.current.get(key);
      if (old === height) continue;
      const index = Number(target.dataset.index);
      // The height the layout used for it (a guess, or an older measurement).
      const before = offsetsRef.current[index + 1] - offsetsRef.current[index];
      heights.current.set(key, height);
      if (target.dataset.kind) typical.current.set(target.dataset.kind, height);
      if (height === before) continue;
      layout.current.invalidate(index);
      changed = true;
      // A card above the view grew or shrank: keep what is in view where it is.
      if (el && !atEnd.current && offsetsRef.current[index] < el.scrollTop) shift += height - before;
    }
    if (!changed) return;
    if (el && shift) el.scrollTop += shift;
    setMeasured((n) => n + 1);
  });

  // Following: a list at its end stays there as cards arrive or grow.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !atEnd.current) return;
    // From the known total rather than scrollHeight, which would lay the page out an extra time.
    const top = Math.max(0, total - viewport);
    el.scrollTop = top;
    setScrollTop(top);
  }, [total, viewport]);

  return (
    <div
      ref={scroller}
      className={`virtual-list ${props.className ?? ''}`}
      role="feed"
      aria-label={props.label}
      aria-busy="false"
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - END_SLACK_PX;
        setScrollTop(el.scrollTop);
        props.onScroll?.(el.scrollTop, atEnd.current);
      }}
    >
      <div className="virtual-list-body" style={{ height: `${total}px` }}>
        {range(first, last).map((i) => (
          <div
            key={keyAt(i)}
            ref={observe}
            data-key={keyAt(i)}
            data-index={i}
            data-kind={props.kindAt(i)}
            className="virtual-item"
            style={{ transform: `translateY(${offsets[i]}px)` }}
            role="article"
            aria-posinset={i + 1}
            aria-setsize={count}
          >
            {renderAt(i)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** The index of the item at pixel y: the last i with offsets[i] <= y. */
function indexAt(offsets: Float64Array, count: number, y: number): number {
  let lo = 0;
  let hi = count - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Prefix sums of the item heights, grown and recomputed only from the first index that changed. */
class Layout {
  private offsets = new Float64Array(1024);
  private count = 0;
  private reset: unknown = undefined;
  private dirtyFrom = 0;

  invalidate(index: number): void {
    this.dirtyFrom = Math.min(this.dirtyFrom, index);
  }

  update(reset: unknown, count: number, heightAt: (i: number) => number): Float64Array {
    if (reset !== this.reset) {
      this.reset = reset;
      this.dirtyFrom = 0;
    }
    if (this.offsets.length < count + 1) {
      const grown = new Float64Array(Math.max(count + 1, this.offsets.length * 2));
      grown.set(this.offsets.subarray(0, this.count + 1));
      this.offsets = grown;
    }
    // The last item may have been replaced (the streaming turn becomes its model-turn event).
    const from = Math.min(this.dirtyFrom, Math.max(0, this.count - 1), count);
    for (let i = from; i < count; i++) this.offsets[i + 1] = this.offsets[i] + heightAt(i);
    this.count = count;
    this.dirtyFrom = count;
    return this.offsets;
  }
}
