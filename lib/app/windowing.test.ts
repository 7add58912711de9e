import { describe, expect, it } from 'vitest';
import { scrollTopFor, visibleRange } from './windowing';

describe('visibleRange', () => {
  it.each([
    // scrollTop, viewport, row, count, overscan → start, end
    [0, 600, 60, 1000, 0, 0, 10],
    [0, 600, 60, 1000, 5, 0, 15],
    [600, 600, 60, 1000, 5, 5, 25],
    [59, 60, 60, 1000, 0, 0, 2],
    [60 * 995, 600, 60, 1000, 5, 990, 1000],
    [99999, 600, 60, 10, 5, 5, 10],
    [0, 600, 60, 3, 5, 0, 3],
    [0, 600, 60, 0, 5, 0, 0],
    // No viewport yet: still one row (plus overscan), so focus has something to land on.
    [0, 0, 60, 100, 2, 0, 3],
  ])(
    'scroll %d, viewport %d, row %d, %d rows, overscan %d → [%d, %d)',
    (top, height, row, count, over, start, end) => {
      const range = visibleRange(top, height, row, count, over);
      expect([range.start, range.end]).toEqual([start, end]);
      expect(range.padTop).toBe(start * row);
      expect(range.padBottom).toBe((count - end) * row);
      // The spacers and rendered rows always add up to the full height.
      expect(range.padTop + (range.end - range.start) * row + range.padBottom).toBe(count * row);
    },
  );

  it.each([
    [Number.NaN, 600, 60, 10],
    [-50, 600, 60, 10],
    [0, Number.NaN, 60, 10],
    [0, 600, 0, 10],
    [0, 600, -1, 10],
    [0, 600, 60, -3],
    [0, 600, 60, Number.NaN],
  ])('clamps bad input (%d, %d, %d, %d) instead of throwing', (top, height, row, count) => {
    const range = visibleRange(top, height, row, count);
    expect(range.start).toBeGreaterThanOrEqual(0);
    expect(range.end).toBeGreaterThanOrEqual(range.start);
    expect(Number.isFinite(range.padTop) && Number.isFinite(range.padBottom)).toBe(true);
  });
});

describe('scrollTopFor', () => {
  it.each([
    [0, 0, 600, 60, 0],
    [5, 0, 600, 60, 0],
    [10, 0, 600, 60, 60],
    [20, 0, 600, 60, 660],
    [2, 300, 600, 60, 120],
    [12, 300, 600, 60, 300],
  ])('row %d from %d in %d px (rows %d px) → %d', (index, top, height, row, expected) => {
    expect(scrollTopFor(index, top, height, row)).toBe(expected);
  });
});
