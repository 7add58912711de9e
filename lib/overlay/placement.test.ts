import { describe, expect, it } from 'vitest';
import { choosePlacement, MAX_WIDTH } from './placement';

const title = { left: 20, top: 100, width: 900, height: 40 };
const abstract = { left: 20, top: 200, width: 900, height: 300 };
const controls = { left: 960, top: 100, width: 280, height: 400 };

describe('choosePlacement', () => {
  it('puts the card below a narrow side column of controls (arXiv two-column layout)', () => {
    const p = choosePlacement({
      viewportWidth: 1280,
      protectedRects: [title, abstract, controls],
      sideColumn: controls,
      overlayHeight: 400,
    });
    expect(p).toEqual({ mode: 'absolute', left: 960, top: 516, width: 280 });
  });

  it('caps the width of a wide side column and aligns the card to its right edge', () => {
    const side = { left: 800, top: 100, width: 470, height: 100 };
    const p = choosePlacement({
      viewportWidth: 1280,
      protectedRects: [title],
      sideColumn: side,
      overlayHeight: 300,
    });
    expect(p).toEqual({ mode: 'absolute', left: 800 + 470 - MAX_WIDTH, top: 216, width: MAX_WIDTH });
  });

  it('uses the right gutter of a centred single column (OpenReview, arXiv HTML on wide screens)', () => {
    const column = { left: 300, top: 80, width: 900, height: 2000 };
    const p = choosePlacement({
      viewportWidth: 1600,
      protectedRects: [column],
      sideColumn: null,
      overlayHeight: 400,
    });
    expect(p).toEqual({ mode: 'absolute', left: 1216, top: 80, width: 360 });
  });

  it('falls back to a collapsed corner pill when the page is one full-width column', () => {
    const p = choosePlacement({
      viewportWidth: 1000,
      protectedRects: [title, abstract],
      sideColumn: null,
      overlayHeight: 400,
    });
    expect(p).toEqual({ mode: 'fixed-corner', collapsed: true });
  });

  it('never places the card over a protected element below the side column', () => {
    const below = { left: 900, top: 520, width: 360, height: 200 };
    const p = choosePlacement({
      viewportWidth: 1280,
      protectedRects: [controls, below],
      sideColumn: controls,
      overlayHeight: 400,
    });
    expect(p).toEqual({ mode: 'fixed-corner', collapsed: true });
  });

  it('ignores empty and non-finite rectangles (hidden or detached elements)', () => {
    const p = choosePlacement({
      viewportWidth: 1280,
      protectedRects: [
        title,
        { left: Number.NaN, top: 0, width: 10, height: 10 },
        { left: 0, top: 0, width: 0, height: 0 },
      ],
      sideColumn: { left: 0, top: 0, width: 0, height: 0 },
      overlayHeight: 300,
    });
    expect(p).toEqual({ mode: 'absolute', left: 936, top: 100, width: 328 });
  });
});
