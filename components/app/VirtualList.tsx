import type { ComponentChild, TargetedKeyboardEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { scrollTopFor, visibleRange } from '../../lib/app/windowing';

export interface VirtualListProps<T> {
  items: readonly T[];
  getKey: (item: T) => string;
  /** The contents of one row (the <li> around it is the list's). */
  renderRow: (item: T, index: number) => ComponentChild;
  /** Row height estimate, px; the real one is measured from the first rendered row. */
  rowHeight: number;
  /** Accessible name of the list. */
  label: string;
  /** Enter on a focused row. */
  onActivate?: (item: T, index: number, row: HTMLElement) => void;
  /** Space on a focused row. */
  onToggle?: (item: T, index: number, event: KeyboardEvent) => void;
  overscan?: number;
  /** Viewport height to assume while the scroller has no layout yet (first paint, tests). */
  fallbackViewport?: number;
  testId?: string;
}

/**
 * A windowed list: only the rows near the viewport are in the DOM (lib/app/windowing.ts), so thousands of rows
 * cost what a screenful costs. Rows are focusable with one tab stop for the whole list (roving tabindex):
 * Up/Down/Home/End/PageUp/PageDown move, Enter activates, Space toggles. aria-setsize/aria-posinset tell
 * assistive technology where a row sits in the whole list although most rows are not rendered.
 */
export function VirtualList<T>({
  items,
  getKey,
  renderRow,
  rowHeight: estimate,
  label,
  onActivate,
  onToggle,
  overscan = 6,
  fallbackViewport = 600,
  testId = 'virtual-list',
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  const [rowHeight, setRowHeight] = useState(estimate);
  const [active, setActive] = useState(0);
  const focusAfterRender = useRef<number | null>(null);

  const count = items.length;
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const range = visibleRange(scrollTop, viewport || fallbackViewport, rowHeight, count, overscan);

  // Track the viewport size (the popup is fixed, the side panel and tab resize).
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Measure a real row once rows exist: the CSS gives rows a fixed height in em, so it depends on the font size.
  useLayoutEffect(() => {
    const row = scroller.current?.querySelector<HTMLElement>('[data-vrow]');
    const height = row?.getBoundingClientRect().height ?? 0;
    if (height > 0 && Math.abs(height - rowHeight) > 0.5) setRowHeight(height);
  });

  // Move focus to a row that had to be scrolled into the rendered window first.
  useLayoutEffect(() => {
    const index = focusAfterRender.current;
    if (index === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-vrow="${index}"]`);
    if (row) {
      focusAfterRender.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // A shrinking list (filtering) must not leave the scroll position past its end.
  useEffect(() => {
    const el = scroller.current;
    if (el && scrollTop > count * rowHeight) {
      el.scrollTop = 0;
      setScrollTop(0);
    }
  }, [count, rowHeight, scrollTop]);

  const moveTo = (index: number) => {
    if (count === 0) return;
    const target = Math.max(0, Math.min(count - 1, index));
    setActive(target);
    const el = scroller.current;
    const height = viewport || fallbackViewport;
    const top = scrollTopFor(target, el?.scrollTop ?? scrollTop, height, rowHeight);
    if (el) el.scrollTop = top;
    setScrollTop(top);
    focusAfterRender.current = target;
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-vrow]');
    // Keys inside a row's own controls (checkbox, buttons, links) keep their usual meaning.
    if (!row || row !== event.target) return;
    const index = Number(row.dataset.vrow);
    const page = Math.max(1, Math.floor((viewport || fallbackViewport) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: count - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    const item = items[index];
    if (item === undefined) return;
    if (event.key === 'Enter' && onActivate) {
      event.preventDefault();
      onActivate(item, index, row);
    } else if (event.key === ' ' && onToggle) {
      event.preventDefault();
      onToggle(item, index, event);
    }
  };

  const rows: ComponentChild[] = [];
  for (let index = range.start; index < range.end; index++) {
    const item = items[index]!;
    rows.push(
      <li
        key={getKey(item)}
        class="app-vrow"
        data-vrow={index}
        data-testid="vrow"
        tabIndex={index === activeIndex ? 0 : -1}
        aria-setsize={count}
        aria-posinset={index + 1}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setActive(index);
        }}
      >
        {renderRow(item, index)}
      </li>,
    );
  }

  return (
    <div
      class="app-vlist"
      ref={scroller}
      data-testid={testId}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <ul
        aria-label={label}
        class="app-vlist-rows"
        style={{ paddingTop: `${range.padTop}px`, paddingBottom: `${range.padBottom}px` }}
        onKeyDown={onKeyDown}
      >
        {rows}
      </ul>
    </div>
  );
}
