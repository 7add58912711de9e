import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryItem } from '../lib/db/schema';
import { isArxivId } from '../lib/paper-id';
import { PAPERS } from '../test/e2e/helpers/dataset';
import { benchItems, parseOptions, summarize } from './bench-library';

describe('summarize', () => {
  it.each([
    { samples: [7], median: 7, p95: 7 },
    { samples: [4, 1, 3, 2], median: 2.5, p95: 4 },
    { samples: Array.from({ length: 20 }, (_, i) => 20 - i), median: 10.5, p95: 19 },
    { samples: Array.from({ length: 15 }, (_, i) => i + 1), median: 8, p95: 15 },
  ])('median $median and nearest-rank p95 $p95 of $samples.length samples', ({ samples, median, p95 }) => {
    expect(summarize(samples)).toEqual({ median, p95, n: samples.length });
  });

  it('refuses no samples', () => {
    expect(() => summarize([])).toThrow('no samples');
  });
});

describe('benchItems', () => {
  it.each([1, 10, PAPERS.length, PAPERS.length + 1, 5_000])(
    '%i valid items with unique keys, the dataset first',
    (count) => {
      const items = benchItems(count);
      expect(items).toHaveLength(count);
      expect(new Set(items.map((i) => i.key)).size).toBe(count);
      for (const item of items) expect(LibraryItem.safeParse(item).success).toBe(true);
      expect(items[0]!.catalogId).toBe(PAPERS[0]!.id);
    },
  );

  it('gives copies synthetic arXiv ids that no dataset record has, and marks their titles', () => {
    const items = benchItems(PAPERS.length * 2);
    const datasetIds = new Set(PAPERS.map((r) => r.arxivId));
    const copies = items.slice(PAPERS.length);
    for (const copy of copies) {
      expect(isArxivId(copy.arxivId!)).toBe(true);
      expect(datasetIds.has(copy.arxivId)).toBe(false);
      expect(copy.title).toMatch(/ \(copy 1\)$/);
      expect(copy.catalogId).toBeNull();
    }
  });

  it('is deterministic', () => {
    expect(benchItems(300)).toEqual(benchItems(300));
  });
});

describe('parseOptions', () => {
  it('has defaults and reads every flag', () => {
    expect(parseOptions([])).toMatchObject({ runs: 15, sizes: [1_000, 5_000], maxLoad: 2.5 });
    expect(
      parseOptions(['--runs', '12', '--sizes', '200,300', '--out', 'x.md', '--max-load', '4']),
    ).toMatchObject({ runs: 12, sizes: [200, 300], out: path.resolve('x.md'), maxLoad: 4 });
  });

  it.each([
    [['--runs', '0'], '--runs must be a positive integer'],
    [['--runs', 'many'], '--runs must be a positive integer'],
    [['--sizes', '100,abc'], '--sizes must be integers'],
    [['--sizes', '60000'], '--sizes must be integers'],
    [['--runs'], '--runs needs a value'],
    [['--verbose', '1'], 'unknown option --verbose'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });
});
