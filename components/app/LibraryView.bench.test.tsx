// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterLibrary, type LibraryFilter } from '../../lib/app/library-view';
import type { ReadingStatus } from '../../lib/db/schema';
import { LEAF_IDS } from '../../lib/taxonomy';
import { LibraryView } from './LibraryView';
import { makeItem, mountPage, type Page, settle, useEnglish } from './test-helpers';

/**
 * Benchmark-style test: builds 1,000 and 5,000 synthetic saved papers and logs how long filtering and a first
 * render take. Timings are logged, not asserted (shared CI machines vary); what is asserted is that the list is
 * windowed, so the DOM holds a screenful of rows whatever the library size.
 */

let page: Page | undefined;
beforeEach(useEnglish);
afterEach(() => page?.unmount());

const WORDS = [
  'sparse',
  'quantized',
  'efficient',
  'attention',
  'mixture',
  'experts',
  'pruning',
  'distilled',
  'low-rank',
  'adapter',
  'cache',
  'decoding',
  'speculative',
  'long-context',
  'scaling',
];
const STATUSES: ReadingStatus[] = ['to-read', 'reading', 'read'];

function synthetic(n: number) {
  // A fixed linear congruential generator: the same library every run.
  let seed = 42;
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  return Array.from({ length: n }, (_, i) =>
    makeItem({
      arxivId: `${2300 + (i % 12) + 1}.${String(10000 + i).slice(-5)}`,
      title: `${Array.from({ length: 6 + rand(8) }, () => WORDS[rand(WORDS.length)]).join(' ')} ${i}`,
      year: 2019 + rand(7),
      leaves: [LEAF_IDS[rand(LEAF_IDS.length)]!],
      tags: rand(3) === 0 ? ['to cite', WORDS[rand(WORDS.length)]!] : [],
      note: rand(4) === 0 ? `note about ${WORDS[rand(WORDS.length)]} and ${WORDS[rand(WORDS.length)]}` : '',
      status: STATUSES[rand(3)]!,
      savedAt: 1_700_000_000_000 + rand(10_000_000),
    }),
  );
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const FILTERS: [string, Partial<LibraryFilter>][] = [
  ['no filter (sort by saved)', {}],
  ['text "efficient attention"', { text: 'efficient attention' }],
  ['text + leaf + status', { text: 'sparse', leaf: 'inference-efficiency', status: 'read' }],
  ['tag, sorted by title', { tag: 'to cite', sort: 'title-asc' }],
  ['year, sorted by year', { year: 2023, sort: 'year-desc' }],
];

describe.each([1_000, 5_000])('library of %d papers', (size) => {
  const items = synthetic(size);

  it('filters and sorts (logged timings)', () => {
    for (const [label, change] of FILTERS) {
      const filter = { ...EMPTY_FILTER, ...change };
      filterLibrary(items, filter); // warm-up (JIT, searchable-text cache)
      const runs = 5;
      let total = 0;
      let count = 0;
      for (let i = 0; i < runs; i++) {
        const [shown, ms] = time(() => filterLibrary(items, filter));
        total += ms;
        count = shown.length;
      }
      console.info(`[bench] ${size} items, ${label}: ${count} shown, ${(total / runs).toFixed(2)} ms/filter`);
      expect(count).toBeLessThanOrEqual(size);
    }
  });

  it('renders a window of rows, not the whole list (logged timings)', async () => {
    const noop = () => {};
    const [, renderMs] = time(() => {
      page = mountPage(
        <LibraryView
          items={items}
          status="ready"
          filter={EMPTY_FILTER}
          onFilterChange={noop}
          selection={new Set()}
          onSelectionChange={noop}
          onBulkAddTags={noop}
          onBulkRemoveTags={noop}
          onBulkStatus={noop}
          onBulkDelete={noop}
          onOpen={noop}
          locale="en"
        />,
      );
    });
    await settle();
    const rows = page!.$$('[data-testid="library-row"]').length;
    console.info(`[bench] ${size} items: first render ${renderMs.toFixed(1)} ms, ${rows} rows in the DOM`);
    // 600 px fallback viewport / 84 px rows + overscan: a screenful, independent of the library size.
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(30);
    const [, rerenderMs] = time(() =>
      page!.rerender(
        <LibraryView
          items={items}
          status="ready"
          filter={{ ...EMPTY_FILTER, text: 'efficient' }}
          onFilterChange={noop}
          selection={new Set()}
          onSelectionChange={noop}
          onBulkAddTags={noop}
          onBulkRemoveTags={noop}
          onBulkStatus={noop}
          onBulkDelete={noop}
          onOpen={noop}
          locale="en"
        />,
      ),
    );
    console.info(`[bench] ${size} items: re-render with a text filter ${rerenderMs.toFixed(1)} ms`);
  });
});
