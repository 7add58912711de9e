/**
 * Windowing for long lists: only the rows in (or near) the viewport are rendered, with spacers above and below
 * standing in for the rest, so a library of thousands of papers renders as fast as one of forty. Rows have one
 * fixed height (measured from a rendered row), which keeps the arithmetic exact.
 */

export interface WindowRange {
  /** First rendered row (inclusive). */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Height of the spacer before the first rendered row, px. */
  padTop: number;
  /** Height of the spacer after the last rendered row, px. */
  padBottom: number;
}

/**
 * The rows to render for a scroll position. `overscan` extra rows on each side keep fast scrolling from
 * showing blanks. Bad numbers (negative, NaN, zero row height) are clamped, never thrown.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): WindowRange {
  const total = Math.max(0, Math.floor(count) || 0);
  const row = rowHeight > 0 && Number.isFinite(rowHeight) ? rowHeight : 1;
  const top = Math.max(0, Number.isFinite(scrollTop) ? scrollTop : 0);
  const height = Math.max(0, Number.isFinite(viewportHeight) ? viewportHeight : 0);
  const first = Math.min(total, Math.floor(top / row));
  const last = Math.min(total, Math.ceil((top + height) / row));
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, Math.max(last, first + 1) + overscan);
  return { start, end, padTop: start * row, padBottom: (total - end) * row };
}

/** The scrollTop that brings row `index` fully into view (unchanged when it already is). */
export function scrollTopFor(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}
