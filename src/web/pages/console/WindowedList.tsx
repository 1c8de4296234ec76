import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

interface WindowedListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Rows rendered beyond the visible ones, above and below. */
  overscan?: number;
  renderRow: (item: T, index: number) => ReactNode;
  getKey: (item: T) => string;
  /** Called when the visible end comes within `threshold` rows of the last item. */
  onNearEnd?: () => void;
  threshold?: number;
  /** Keeps this row in view (keyboard navigation). */
  activeIndex?: number;
  label: string;
  footer?: ReactNode;
}

/**
 * A list that renders only the rows in view, so ten thousand conversations scroll as
 * smoothly as ten. Rows have one fixed height; positions are computed, not measured.
 */
export function WindowedList<T>({
  items,
  rowHeight,
  overscan = 8,
  renderRow,
  getKey,
  onNearEnd,
  threshold = 30,
  activeIndex = -1,
  label,
  footer,
}: WindowedListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(ref.current?.scrollTop ?? 0));
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = top + rowHeight - el.clientHeight;
  }, [activeIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    if (onNearEnd && items.length > 0 && last >= items.length - threshold) onNearEnd();
  }, [last, items.length, threshold, onNearEnd]);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(
      <li
        key={getKey(item)}
        className="windowed-row"
        style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}
        aria-setsize={items.length}
        aria-posinset={i + 1}
      >
        {renderRow(item, i)}
      </li>,
    );
  }

  return (
    <div ref={ref} className="windowed" onScroll={onScroll} data-testid="conversation-scroller">
      <ul
        className="windowed-inner"
        aria-label={label}
        style={{ height: items.length * rowHeight }}
      >
        {rows}
      </ul>
      {footer}
    </div>
  );
}
