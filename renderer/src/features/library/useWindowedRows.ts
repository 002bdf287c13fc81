import type { RefObject } from 'react';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';

/** Options for `useWindowedRows`. */
interface WindowOptions {
  /** Rows in the list (loaded ones). */
  count: number;
  /** The element that scrolls (its first table row sets the row height). */
  scrollRef: RefObject<HTMLElement | null>;
  /** Rows drawn above and below the visible ones, so a quick scroll shows no gap. */
  overscan?: number;
  /** Row height before one is measured. */
  estimate?: number;
}

/** Which rows to draw, and the space the rows not drawn take above and below them. */
interface RowWindow {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  rowHeight: number;
  /** Whole rows that fit in the view (what Page Down moves by). */
  visibleRows: number;
  /** Pixels above the first row inside the scrolling element (the table head). */
  headHeight: number;
}

/**
 * Windowing for a table of same-height rows: only the rows in view (plus `overscan`) are in the DOM, spacer rows
 * keep the scroll height true. Row height and head height are measured from the drawn table, so themes and font
 * sizes need no constants here.
 */
export function useWindowedRows({ count, scrollRef, overscan = 8, estimate = 44 }: WindowOptions): RowWindow {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [rowHeight, setRowHeight] = useState(estimate);
  const [headHeight, setHeadHeight] = useState(0);

  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    if (el.clientHeight > 0) setViewport(el.clientHeight);
    const row = el.querySelector<HTMLElement>('tbody tr[data-index]');
    if (row && row.offsetHeight > 0) setRowHeight(row.offsetHeight);
    const head = el.querySelector<HTMLElement>('thead');
    if (head) setHeadHeight(head.offsetHeight + (el.querySelector<HTMLElement>('caption')?.offsetHeight ?? 0));
  }, [scrollRef]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const onScroll = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef, measure]);

  // After the first rows are drawn: their real height replaces the estimate.
  useLayoutEffect(measure, [measure, count > 0]);

  const first = Math.floor(Math.max(0, scrollTop - headHeight) / rowHeight);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(viewport / rowHeight) + overscan);
  return {
    start,
    end,
    padTop: start * rowHeight,
    padBottom: Math.max(0, count - end) * rowHeight,
    rowHeight,
    visibleRows: Math.max(1, Math.floor((viewport - headHeight) / rowHeight)),
    headHeight,
  };
}
