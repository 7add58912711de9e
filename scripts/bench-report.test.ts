import { describe, expect, it } from 'vitest';
import {
  extractBrowserSection,
  formatMs,
  markdownTable,
  pairedRatioOfMedians,
  replaceBrowserSection,
  sampleStats,
  targetVerdict,
  waitForQuietMachine,
} from './bench-report';

describe('sampleStats', () => {
  it.each([
    // samples, median, p95, min, max
    [[5], 5, 5, 5, 5],
    [[3, 1, 2], 2, 3, 1, 3],
    // Even count: the nearest-rank median is the lower middle.
    [[4, 1, 3, 2], 2, 4, 1, 4],
    [Array.from({ length: 20 }, (_, i) => i + 1), 10, 19, 1, 20],
    [Array.from({ length: 30 }, (_, i) => 30 - i), 15, 29, 1, 30],
  ])('%j → median %d, p95 %d', (samples, median, p95, min, max) => {
    expect(sampleStats(samples)).toEqual({ n: samples.length, median, p95, min, max });
  });

  it('gives NaN figures for an empty sample', () => {
    const s = sampleStats([]);
    expect(s.n).toBe(0);
    expect(s.median).toBeNaN();
    expect(s.p95).toBeNaN();
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY]])('refuses %d', (bad) => {
    expect(() => sampleStats([1, bad])).toThrow(/not a finite number/);
  });

  it('does not reorder its input', () => {
    const input = [3, 1, 2];
    sampleStats(input);
    expect(input).toEqual([3, 1, 2]);
  });
});

describe('formatMs', () => {
  it.each([
    [1234.4, '1234 ms'],
    [100, '100 ms'],
    [56.78, '56.8 ms'],
    [1, '1.0 ms'],
    [0.89, '890 µs'],
    [0, '0 µs'],
    [Number.NaN, 'n/a'],
  ])('%d → %s', (value, shown) => {
    expect(formatMs(value)).toBe(shown);
  });
});

describe('targetVerdict', () => {
  it.each([
    [49.9, 50, 'ms', 'met (≤ 50 ms)'],
    [50, 50, 'ms', 'met (≤ 50 ms)'],
    [50.1, 50, 'ms', 'MISSED (> 50 ms)'],
    [1.04, 1.05, 'ratio', 'met (≤ 1.05)'],
    [1.2, 1.05, 'ratio', 'MISSED (> 1.05)'],
    [Number.NaN, 50, 'ms', 'not measured'],
  ] as const)('%d against %d %s → %s', (value, limit, unit, verdict) => {
    expect(targetVerdict(value, limit, unit)).toBe(verdict);
  });
});

describe('markdownTable', () => {
  it('writes a header and one line per row, escaping pipes and newlines', () => {
    expect(
      markdownTable([
        { metric: 'a|b', value: '1\n2' },
        { metric: 'c', value: '3', note: 'x' },
      ]),
    ).toEqual(['| metric | value | note |', '| --- | --- | --- |', '| a\\|b | 1 2 |  |', '| c | 3 | x |']);
  });
});

describe('replaceBrowserSection', () => {
  const section = '## Real browser (Chromium 2)\n\nnew figures\n';
  it.each([
    ['an empty file', '', '## Real browser (Chromium 2)\n\nnew figures\n'],
    [
      'a file without the section',
      '# Bench\n\n| a |\n',
      '# Bench\n\n| a |\n\n## Real browser (Chromium 2)\n\nnew figures\n',
    ],
    [
      'a file ending with an older section',
      '# Bench\n\nnode\n\n## Real browser (Chromium 1)\n\nold figures\nmore old\n',
      '# Bench\n\nnode\n\n## Real browser (Chromium 2)\n\nnew figures\n',
    ],
    [
      'an older section followed by another one',
      '# Bench\n\n## Real browser (Chromium 1)\n\nold\n\n## Later\n\nkept\n',
      '# Bench\n\n## Real browser (Chromium 2)\n\nnew figures\n\n## Later\n\nkept\n',
    ],
  ])('in %s', (_, before, after) => {
    expect(replaceBrowserSection(before, section)).toBe(after);
  });

  it('is idempotent', () => {
    const once = replaceBrowserSection('# Bench\n', section);
    expect(replaceBrowserSection(once, section)).toBe(once);
  });
});

describe('extractBrowserSection', () => {
  it.each([
    ['no section', '# Bench\n\n| a |\n', null],
    [
      'a section at the end',
      '# Bench\n\n## Real browser (Chromium 1)\n\nfigures\n\n',
      '## Real browser (Chromium 1)\n\nfigures\n',
    ],
    [
      'a section before another',
      '# B\n## Real browser (x)\nfigs\n## Later\nkept\n',
      '## Real browser (x)\nfigs\n',
    ],
    ['a similar heading one level down', '# B\n### Real browser notes\n', null],
  ])('%s', (_, document, section) => {
    expect(extractBrowserSection(document)).toBe(section);
  });

  it('round-trips with replaceBrowserSection', () => {
    const doc = '# Bench\n\nnode\n\n## Real browser (Chromium 3)\n\nfigures\n';
    expect(replaceBrowserSection('# Bench\n\nnode\n', extractBrowserSection(doc)!)).toBe(doc);
  });
});

describe('waitForQuietMachine', () => {
  /** A fake clock and load reader: `loads` are returned in turn, sleeping advances the clock. */
  function fake(loads: number[]) {
    let now = 0;
    let i = 0;
    const slept: number[] = [];
    return {
      slept,
      options: {
        readLoad: () => loads[Math.min(i++, loads.length - 1)]!,
        sleep: async (ms: number) => {
          slept.push(ms);
          now += ms;
        },
        now: () => now,
      },
    };
  }

  it('proceeds at once on a quiet machine', async () => {
    const f = fake([1.2]);
    const r = await waitForQuietMachine({ maxLoad: 2.5, maxWaitMs: 60_000, pollMs: 10_000, ...f.options });
    expect(r).toEqual({ load1: 1.2, quiet: true, waitedMs: 0 });
    expect(f.slept).toEqual([]);
  });

  it('waits until the load falls to the limit', async () => {
    const f = fake([4, 3, 2.5]);
    const r = await waitForQuietMachine({ maxLoad: 2.5, maxWaitMs: 60_000, pollMs: 10_000, ...f.options });
    expect(r).toEqual({ load1: 2.5, quiet: true, waitedMs: 20_000 });
  });

  it('gives up after maxWaitMs and says the machine was busy', async () => {
    const f = fake([9]);
    const lines: string[] = [];
    const r = await waitForQuietMachine({
      maxLoad: 2.5,
      maxWaitMs: 25_000,
      pollMs: 10_000,
      ...f.options,
      log: (l) => lines.push(l),
    });
    expect(r).toEqual({ load1: 9, quiet: false, waitedMs: 25_000 });
    // The last sleep is cut to the time left, so it never waits past maxWaitMs.
    expect(f.slept).toEqual([10_000, 10_000, 5_000]);
    expect(lines).toHaveLength(3);
  });

  it.each([
    [{ maxLoad: 0, pollMs: 1 }, /maxLoad/],
    [{ maxLoad: 2, pollMs: 0 }, /pollMs/],
  ])('refuses bad options %j', async (bad, message) => {
    const f = fake([1]);
    await expect(waitForQuietMachine({ maxWaitMs: 1, ...bad, ...f.options })).rejects.toThrow(message);
  });
});

describe('pairedRatioOfMedians', () => {
  it('gives the ratio of medians, inside its interval', () => {
    const pairs = Array.from({ length: 30 }, (_, i) => [110 + (i % 7), 100 + (i % 5)] as const);
    const r = pairedRatioOfMedians(pairs);
    expect(r.value).toBeCloseTo(113 / 102, 10);
    expect(r.low).toBeLessThanOrEqual(r.value);
    expect(r.high).toBeGreaterThanOrEqual(r.value);
  });

  it('has a zero-width interval when every pair is the same', () => {
    expect(pairedRatioOfMedians(Array.from({ length: 10 }, () => [120, 100] as const))).toEqual({
      value: 1.2,
      low: 1.2,
      high: 1.2,
    });
  });

  it('is deterministic for a seed and widens with noisier pairs', () => {
    const noisy = Array.from(
      { length: 30 },
      (_, i) => [100 + ((i * 37) % 41), 100 + ((i * 53) % 43)] as const,
    );
    const calm = noisy.map(([a, b]) => [100 + (a - 100) / 10, 100 + (b - 100) / 10] as const);
    expect(pairedRatioOfMedians(noisy)).toEqual(pairedRatioOfMedians(noisy));
    const width = (r: { low: number; high: number }) => r.high - r.low;
    expect(width(pairedRatioOfMedians(noisy))).toBeGreaterThan(width(pairedRatioOfMedians(calm)));
  });

  it.each([
    [[[1, 1]], /at least 2 pairs/],
    [
      [
        [1, 0],
        [1, 0],
      ],
      /must be > 0/,
    ],
  ] as const)('refuses %j', (pairs, message) => {
    expect(() => pairedRatioOfMedians(pairs)).toThrow(message);
  });
});
