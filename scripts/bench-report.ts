/**
 * Pure helpers of `npm run bench` (statistics, formatting, the results file, the busy-machine gate), kept apart
 * from the scripts that start browsers so they can be unit-tested.
 */

/** Median, 95th percentile (nearest rank), extremes and size of a sample. */
export interface SampleStats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile `q` (0 < q ≤ 1) of an ascending sample; NaN for an empty one. */
function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Median (lower middle for an even count, the nearest-rank rule), p95, min and max; throws on a non-finite value. */
export function sampleStats(samples: readonly number[]): SampleStats {
  for (const s of samples) {
    if (!Number.isFinite(s)) throw new Error(`sampleStats: not a finite number: ${s}`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: nearestRank(sorted, 0.5),
    p95: nearestRank(sorted, 0.95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Milliseconds for a table: "1234 ms", "56.7 ms", "890 µs"; "n/a" for NaN. */
export function formatMs(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) >= 100) return `${value.toFixed(0)} ms`;
  if (Math.abs(value) >= 1) return `${value.toFixed(1)} ms`;
  return `${(value * 1000).toFixed(0)} µs`;
}

/** Bytes as KiB with one decimal. */
export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** "median X, p95 Y". */
export function formatStats(s: SampleStats): string {
  return `median ${formatMs(s.median)}, p95 ${formatMs(s.p95)}`;
}

/** How a measured value compares with a target: "met (≤ 50 ms)" or "MISSED (> 50 ms)". */
export function targetVerdict(value: number, limit: number, unit: 'ms' | 'ratio'): string {
  if (Number.isNaN(value)) return 'not measured';
  const shown = unit === 'ms' ? `${limit} ms` : limit.toFixed(2);
  return value <= limit ? `met (≤ ${shown})` : `MISSED (> ${shown})`;
}

/** One table row of a results section. */
export interface ResultRow {
  metric: string;
  value: string;
  note?: string;
}

/** A Markdown table of rows; pipes in cells are escaped so a note cannot break the table. */
export function markdownTable(rows: readonly ResultRow[]): string[] {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '| metric | value | note |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.note ?? '')} |`),
  ];
}

/** The heading every real-browser section starts with (the version follows it). */
export const BROWSER_SECTION_PREFIX = '## Real browser';

/** The real-browser section of `document` (heading to the next `## ` heading or the end), or null. */
export function extractBrowserSection(document: string): string | null {
  const lines = document.split('\n');
  const start = lines.findIndex((l) => l.startsWith(BROWSER_SECTION_PREFIX));
  if (start < 0) return null;
  const nextOffset = lines.slice(start + 1).findIndex((l) => l.startsWith('## '));
  const end = nextOffset < 0 ? lines.length : start + 1 + nextOffset;
  return `${lines.slice(start, end).join('\n').trimEnd()}\n`;
}

/**
 * `document` with its real-browser section replaced by `section` (or `section` appended when there is none).
 * The section runs from its `## Real browser` heading to the next `## ` heading or the end.
 */
export function replaceBrowserSection(document: string, section: string): string {
  const body = `${section.trimEnd()}\n`;
  const lines = document.split('\n');
  const start = lines.findIndex((l) => l.startsWith(BROWSER_SECTION_PREFIX));
  if (start < 0) {
    const kept = document.trimEnd();
    return kept ? `${kept}\n\n${body}` : body;
  }
  const nextOffset = lines.slice(start + 1).findIndex((l) => l.startsWith('## '));
  const before = lines.slice(0, start).join('\n').trimEnd();
  const after = nextOffset < 0 ? '' : lines.slice(start + 1 + nextOffset).join('\n');
  return [before, body.trimEnd(), after.trimEnd()]
    .filter((part) => part !== '')
    .join('\n\n')
    .concat('\n');
}

/** What the busy-machine gate decided. */
export interface QuietCheck {
  /** 1-minute load average at the last check. */
  load1: number;
  quiet: boolean;
  /** ms spent waiting. */
  waitedMs: number;
}

/** Options of {@link waitForQuietMachine}; the clock and the load reader are injectable for tests. */
export interface QuietOptions {
  /** Proceed once the 1-minute load average is at or below this. */
  maxLoad: number;
  /** Give up waiting after this long and proceed anyway (the caller reports the load it measured under). */
  maxWaitMs: number;
  pollMs: number;
  readLoad: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  log?: (line: string) => void;
}

/**
 * Waits until the machine's 1-minute load average drops to `maxLoad`, or `maxWaitMs` passed. Timings taken on a
 * machine busy with other work measure that work, not ours; waiting is the cheapest way to keep them clean.
 */
export async function waitForQuietMachine(options: QuietOptions): Promise<QuietCheck> {
  if (!(options.maxLoad > 0))
    throw new Error(`waitForQuietMachine: maxLoad must be > 0, got ${options.maxLoad}`);
  if (!(options.pollMs > 0))
    throw new Error(`waitForQuietMachine: pollMs must be > 0, got ${options.pollMs}`);
  const started = options.now();
  for (;;) {
    const load1 = options.readLoad();
    const waitedMs = options.now() - started;
    if (load1 <= options.maxLoad) return { load1, quiet: true, waitedMs };
    if (waitedMs >= options.maxWaitMs) return { load1, quiet: false, waitedMs };
    options.log?.(
      `  load average ${load1.toFixed(2)} > ${options.maxLoad}: waiting (${Math.round(waitedMs / 1000)} s so far)…`,
    );
    await options.sleep(Math.min(options.pollMs, Math.max(1, options.maxWaitMs - waitedMs)));
  }
}

/** A figure with a percentile-bootstrap 95% confidence interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** Deterministic PRNG (mulberry32): the same run gives the same interval. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ratio of medians of paired samples (`[with, without]`, measured one after the other) and its 95% interval
 * from resampling whole pairs, so the drift both sides shared stays paired. Throws on fewer than 2 pairs or a
 * non-positive median.
 */
export function pairedRatioOfMedians(
  pairs: readonly (readonly [number, number])[],
  resamples = 2000,
  seed = 20231201,
): Interval {
  if (pairs.length < 2) throw new Error(`pairedRatioOfMedians: need at least 2 pairs, got ${pairs.length}`);
  const ratio = (sample: readonly (readonly [number, number])[]) => {
    const a = sampleStats(sample.map((p) => p[0])).median;
    const b = sampleStats(sample.map((p) => p[1])).median;
    if (!(b > 0)) throw new Error(`pairedRatioOfMedians: the second median must be > 0, got ${b}`);
    return a / b;
  };
  const random = mulberry32(seed);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = pairs.map(() => pairs[Math.floor(random() * pairs.length)]!);
    ratios.push(ratio(sample));
  }
  ratios.sort((x, y) => x - y);
  const at = (q: number) =>
    ratios[Math.min(ratios.length - 1, Math.max(0, Math.round(q * (ratios.length - 1))))]!;
  return { value: ratio(pairs), low: at(0.025), high: at(0.975) };
}
