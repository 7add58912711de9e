/**
 * Where the overlay goes on a page, as a pure function of rectangles (document coordinates), so the rule is
 * testable without a layout engine.
 *
 * The overlay must not cover the paper's title, authors, abstract or the page's own controls, and must not shift
 * the page's layout. It is therefore never inserted into the page's flow: it is either
 *  - `absolute` in a free slot of the page (below the side column of controls, or in the right gutter beside the
 *    main column), scrolling with the page like the page's own content; or
 *  - `fixed` in the bottom-right corner, starting collapsed to a small pill, when the page has no free slot
 *    (narrow windows, single-column layouts).
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Placement =
  | { mode: 'absolute'; left: number; top: number; width: number }
  | { mode: 'fixed-corner'; collapsed: true };

export interface PlacementInput {
  /** Width of the document's layout viewport (clientWidth, without the scrollbar). */
  viewportWidth: number;
  /** Title, authors, abstract and page controls: the overlay never overlaps these. */
  protectedRects: Rect[];
  /** A narrow column of page controls (arXiv's "Access Paper" box); the slot below it is usually empty. */
  sideColumn: Rect | null;
  /** Height the expanded overlay may take at most (it scrolls inside beyond that). */
  overlayHeight: number;
}

/** Narrowest width at which the card is still comfortable to read. */
export const MIN_WIDTH = 240;
/** The card never grows wider than this. */
export const MAX_WIDTH = 360;
const GAP = 16;

function intersects(a: Rect, b: Rect): boolean {
  return (
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height
  );
}

function isUsable(r: Rect): boolean {
  return Number.isFinite(r.left) && Number.isFinite(r.top) && r.width > 0 && r.height > 0;
}

/** Choose the overlay's placement; see the module comment for the rule. */
export function choosePlacement(input: PlacementInput): Placement {
  const guarded = input.protectedRects.filter(isUsable);
  const fits = (candidate: Rect) =>
    candidate.width >= MIN_WIDTH &&
    candidate.left >= 0 &&
    candidate.left + candidate.width <= input.viewportWidth &&
    !guarded.some((p) => intersects(candidate, p));

  // 1. Below the side column, at its width: on arXiv abstract pages this is the empty space under "Access Paper".
  const side = input.sideColumn;
  if (side && isUsable(side)) {
    const width = Math.min(MAX_WIDTH, side.width);
    const candidate = {
      left: side.left + side.width - width,
      top: side.top + side.height + GAP,
      width,
      height: input.overlayHeight,
    };
    if (fits(candidate)) return { mode: 'absolute', left: candidate.left, top: candidate.top, width };
  }

  // 2. In the right gutter beside everything we protect, top-aligned with the first protected element.
  if (guarded.length > 0) {
    const right = Math.max(...guarded.map((r) => r.left + r.width));
    const top = Math.min(...guarded.map((r) => r.top));
    const width = Math.min(MAX_WIDTH, input.viewportWidth - right - 2 * GAP);
    const candidate = { left: right + GAP, top, width, height: input.overlayHeight };
    if (fits(candidate)) return { mode: 'absolute', left: candidate.left, top: candidate.top, width };
  }

  // 3. No free slot: a small pill in the corner, which the user can expand.
  return { mode: 'fixed-corner', collapsed: true };
}
