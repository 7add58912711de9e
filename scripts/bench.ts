/**
 * `npm run bench`: size and speed figures for the bundled dataset, the catalog index, IndexedDB seeding and
 * lookups, printed as a table and written to bench/results.md. This file is the Node part: IndexedDB here is
 * fake-indexeddb (an in-memory implementation), so its figures are labelled as such. The real-browser part
 * (scripts/bench-browser.ts: Chromium with the built extension) runs after it and writes its own section;
 * BENCH_SKIP_BROWSER=1 skips it and keeps the section of an earlier run. Nothing here asserts on time: tests
 * must not depend on machine speed.
 */
import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUNDLED_META, startBackground } from '../lib/background/index';
import type { BackgroundBrowser } from '../lib/background/service';
import { CatalogIndex } from '../lib/catalog/index';
import type { CatalogIndexApi } from '../lib/catalog/types';
import type { PaperRecord } from '../lib/dataset/schema';
import { ensureCatalogSeeded, loadAllRecords } from '../lib/db/catalog';
import { openCatalogDb } from '../lib/db/open';
import type { BundledDataset } from '../lib/db/schema';
import type { MessageListener, Result } from '../lib/messages';
import { normalizeTitle } from '../lib/text/title';
import { runBrowserBench } from './bench-browser';
import { extractBrowserSection, replaceBrowserSection } from './bench-report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PAPERS_JSON = path.join(ROOT, 'data/papers.json');
const BACKGROUND_JS = path.join(ROOT, '.output/chrome-mv3/background.js');
const RESULTS = path.join(ROOT, 'bench/results.md');
const FUZZY_QUERIES = 500;

// ---- measuring helpers ---------------------------------------------------------------------------------

/** Milliseconds since `start` (process.hrtime.bigint). */
const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Median and 95th percentile (nearest rank) of a sample. */
function stats(samples: number[]): { median: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

/** Run `fn` `warmup` times untimed, then `runs` times timed; returns the timings in ms. */
async function repeat(runs: number, warmup: number, fn: (i: number) => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(since(start));
  }
  return times;
}

const ms = (value: number): string =>
  value >= 100
    ? `${value.toFixed(0)} ms`
    : value >= 1
      ? `${value.toFixed(1)} ms`
      : `${(value * 1000).toFixed(0)} µs`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** Deterministic PRNG (mulberry32), so every run perturbs the same titles the same way. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- title perturbations ----------------------------------------------------------------------------------

type Perturbation = 'case' | 'punctuation' | 'dropped word' | 'typo';
const PERTURBATIONS: Perturbation[] = ['case', 'punctuation', 'dropped word', 'typo'];

/** A title as a page or a user might write it differently from the catalog, and the perturbation applied. */
function perturb(
  title: string,
  kind: Perturbation,
  random: () => number,
): { title: string; kind: Perturbation } {
  const words = title.split(/\s+/);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  switch (kind) {
    case 'case':
      return { kind, title: random() < 0.5 ? title.toUpperCase() : title.toLowerCase() };
    case 'punctuation':
      // Colons become dashes, hyphens become spaces, a full stop is added: what venues and arXiv disagree on.
      return { kind, title: `${title.replace(/:/g, ' -').replace(/-(?=\w)/g, ' ')}.` };
    case 'dropped word': {
      const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length > 3);
      // Dropping one of four words leaves too little to call it the same title; short ones get a typo instead.
      if (words.length < 5 || !candidates.length) return perturb(title, 'typo', random);
      const { i } = pick(candidates);
      return { kind, title: words.filter((_, j) => j !== i).join(' ') };
    }
    case 'typo': {
      const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]{5,}$/.test(w));
      if (!candidates.length) return { kind, title: `${title}x` };
      const { w, i } = pick(candidates);
      const at = 1 + Math.floor(random() * (w.length - 2));
      // Swap two neighbouring letters (the commonest typing error).
      const typo = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
      return { kind, title: words.map((x, j) => (j === i ? typo : x)).join(' ') };
    }
  }
}

// ---- the benchmark ---------------------------------------------------------------------------------------

interface Row {
  metric: string;
  value: string;
  note?: string;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const add = (metric: string, value: string, note = '') => {
    rows.push({ metric, value, note });
    console.log(`  ${metric}: ${value}${note ? `  (${note})` : ''}`);
  };
  console.log('Efficiency Lens bench\n');

  // The dataset as the background gets it: the meta bundled, the records from data/papers.json.
  const papersRaw = readFileSync(PAPERS_JSON);
  const records = JSON.parse(papersRaw.toString('utf8')) as PaperRecord[];
  const bundled: BundledDataset = { meta: BUNDLED_META, loadRecords: async () => records };
  add('dataset version', BUNDLED_META.version);
  add('dataset records', String(records.length), `negatives not bundled: ${BUNDLED_META.negatives}`);

  // Sizes.
  add('data/papers.json', `${kb(papersRaw.length)} raw, ${kb(gzipSync(papersRaw).length)} gzip`);
  let builtNote = '';
  const stale = existsSync(BACKGROUND_JS) && statSync(BACKGROUND_JS).mtimeMs < statSync(PAPERS_JSON).mtimeMs;
  if (!existsSync(BACKGROUND_JS) || stale) {
    const why = stale ? 'is older than data/papers.json' : 'is missing';
    console.log(`  .output/chrome-mv3/background.js ${why}: running \`npx wxt build\` first…`);
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('`npx wxt build` failed; cannot measure the background bundle');
    builtNote = `built by this run with \`npx wxt build\` (it ${why.replace('is ', 'was ')})`;
  }
  const background = readFileSync(BACKGROUND_JS);
  add(
    'background.js (chrome-mv3)',
    `${kb(background.length)} raw, ${kb(gzipSync(background).length)} gzip`,
    builtNote,
  );

  // JSON.parse of the dataset: paid at every worker start while the records are a literal in background.js,
  // only when seeding once the build ships them as a file.
  const shipsAsFile = existsSync(path.join(path.dirname(BACKGROUND_JS), 'data/papers.json'));
  const parse = stats(await repeat(10, 2, () => JSON.parse(papersRaw.toString('utf8'))));
  add(
    'JSON.parse(papers.json)',
    ms(parse.median),
    `median of ${parse.n}; ${shipsAsFile ? 'paid only when seeding (the build ships data/papers.json)' : 'paid at every service-worker start (the records are bundled in background.js)'}`,
  );

  // Index build.
  let index: CatalogIndexApi = CatalogIndex.fromRecords(records);
  const build = stats(
    await repeat(7, 2, () => {
      index = CatalogIndex.fromRecords(records);
    }),
  );
  add('CatalogIndex.fromRecords', ms(build.median), `median of ${build.n}, p95 ${ms(build.p95)}`);

  // Seeding into IndexedDB (fake-indexeddb) and reading the rows back.
  const seedTimes: number[] = [];
  const loadTimes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const db = await openCatalogDb({ name: `bench-seed-${i}` });
    let start = process.hrtime.bigint();
    await ensureCatalogSeeded(db, bundled);
    const seedMs = since(start);
    start = process.hrtime.bigint();
    const loaded = await loadAllRecords(db);
    const loadMs = since(start);
    if (loaded.length !== records.length)
      throw new Error(`seeded ${loaded.length} of ${records.length} records`);
    if (i > 0) {
      // Run 0 is the warm-up.
      seedTimes.push(seedMs);
      loadTimes.push(loadMs);
    }
    db.close();
  }
  add(
    'seed catalog into IndexedDB',
    ms(stats(seedTimes).median),
    `fake-indexeddb in Node, median of ${seedTimes.length}; includes zod validation of every record; the real-browser figure is in the Chromium section`,
  );
  add(
    'load all rows from IndexedDB',
    ms(stats(loadTimes).median),
    'fake-indexeddb in Node; cold-worker index input',
  );

  // Lookups by arXiv id.
  const withArxiv = records.filter((r) => r.arxivId);
  for (const r of withArxiv.slice(0, 200)) index.byArxivId(r.arxivId!);
  const arxivTimes: number[] = [];
  let arxivHits = 0;
  for (const r of withArxiv) {
    const start = process.hrtime.bigint();
    const found = index.lookup({ kind: 'arxiv', id: r.arxivId! });
    arxivTimes.push(since(start));
    if (found?.record.id === r.id) arxivHits++;
  }
  const arxiv = stats(arxivTimes);
  add(
    'lookup by arXiv id',
    `median ${ms(arxiv.median)}, p95 ${ms(arxiv.p95)}`,
    `${arxiv.n} ids, ${arxivHits}/${arxiv.n} found`,
  );

  // Fuzzy title lookups: ~500 real titles, each perturbed one way.
  const random = prng(20231201);
  const sample = [...records]
    .filter((r) => normalizeTitle(r.title).split(' ').length >= 3)
    .sort(() => random() - 0.5)
    .slice(0, FUZZY_QUERIES);
  const queries = sample.map((record, i) => ({
    record,
    ...perturb(record.title, PERTURBATIONS[i % PERTURBATIONS.length]!, random),
  }));
  for (const q of queries.slice(0, 50)) index.byTitle(q.title);
  const titleTimes: number[] = [];
  const hitsByKind = new Map<Perturbation, { hits: number; total: number }>();
  const misses: string[] = [];
  for (const q of queries) {
    const start = process.hrtime.bigint();
    const found = index.lookup({ kind: 'title', title: q.title });
    titleTimes.push(since(start));
    const hit =
      found !== undefined &&
      (found.record.id === q.record.id || found.record.normTitle === q.record.normTitle);
    const tally = hitsByKind.get(q.kind) ?? { hits: 0, total: 0 };
    tally.total++;
    if (hit) tally.hits++;
    else if (misses.length < 5)
      misses.push(`${q.kind}: "${q.title}" → ${found ? `"${found.record.title}"` : 'nothing'}`);
    hitsByKind.set(q.kind, tally);
  }
  const title = stats(titleTimes);
  const totalHits = [...hitsByKind.values()].reduce((sum, t) => sum + t.hits, 0);
  add('lookup by perturbed title', `median ${ms(title.median)}, p95 ${ms(title.p95)}`, `${title.n} queries`);
  add(
    'perturbed-title hit rate',
    `${((100 * totalHits) / queries.length).toFixed(1)}%`,
    [...hitsByKind].map(([kind, t]) => `${kind} ${t.hits}/${t.total}`).join(', '),
  );

  // End to end: lookupPaper through the real message listener (validation, index, related works, saved state).
  let listener: MessageListener | null = null;
  const browser: BackgroundBrowser = {
    runtime: {
      id: 'bench-extension',
      getURL: () => 'chrome-extension://bench-extension/',
      onMessage: { addListener: (l) => (listener = l) },
      onInstalled: { addListener: () => undefined },
    },
    storage: { local: { set: async () => undefined } },
  };
  const coldStart = process.hrtime.bigint();
  const service = startBackground({
    browser,
    bundled,
    catalogDbName: 'bench-e2e-catalog',
    libraryDbName: 'bench-e2e-library',
  });
  const sender = { id: 'bench-extension', url: 'https://arxiv.org/abs/0000.00000' };
  const ask = (input: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      listener!({ type: 'lookupPaper', input }, sender, resolve);
    });
  const first = await ask({ arxivId: withArxiv[0]!.arxivId });
  if (!first.ok) throw new Error(`lookupPaper failed: ${first.error}`);
  add(
    'cold start → first lookupPaper reply',
    ms(since(coldStart)),
    'seed (fake-indexeddb) + load rows + build index',
  );
  const idInputs = withArxiv.slice(0, 500).map((r) => ({ arxivId: r.arxivId! }));
  const titleInputs = queries.map((q) => ({ title: q.title }));
  const e2eId = stats(await repeat(idInputs.length, 20, (i) => ask(idInputs[i % idInputs.length])));
  const e2eTitle = stats(
    await repeat(titleInputs.length, 20, (i) => ask(titleInputs[i % titleInputs.length])),
  );
  add(
    'lookupPaper end to end, by arXiv id',
    `median ${ms(e2eId.median)}, p95 ${ms(e2eId.p95)}`,
    `${e2eId.n} calls, 8 related works, saved state from IndexedDB`,
  );
  add(
    'lookupPaper end to end, by title',
    `median ${ms(e2eTitle.median)}, p95 ${ms(e2eTitle.p95)}`,
    `${e2eTitle.n} perturbed titles`,
  );
  await service.close();

  // Report.
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Bench results',
    '',
    `Generated by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpu}, ${os.cpus().length} cores.`,
    'IndexedDB figures are fake-indexeddb in Node, not a browser. Timings are wall-clock and vary between runs.',
    '',
    '| metric | value | note |',
    '| --- | --- | --- |',
  ];
  const table = rows.map((r) => `| ${r.metric} | ${r.value} | ${r.note ?? ''} |`);
  const missLines = misses.length
    ? ['', 'First perturbed-title misses:', '', ...misses.map((m) => `- ${m}`)]
    : [];
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  const nodeDoc = `${[...header, ...table, ...missLines].join('\n')}\n`;
  const previous = existsSync(RESULTS) ? extractBrowserSection(readFileSync(RESULTS, 'utf8')) : null;
  // The Node figures are saved before a browser starts, so a browser failure does not lose them.
  writeFileSync(RESULTS, previous ? replaceBrowserSection(nodeDoc, previous) : nodeDoc);
  console.log(`\n${[...header.slice(5), ...table].join('\n')}`);
  if (misses.length) console.log(missLines.join('\n'));

  if (process.env.BENCH_SKIP_BROWSER === '1') {
    console.log(
      `\nBENCH_SKIP_BROWSER=1: real-browser part skipped${previous ? " (the earlier run's section is kept)" : ''}.`,
    );
  } else {
    const browser = await runBrowserBench();
    writeFileSync(RESULTS, replaceBrowserSection(nodeDoc, browser.markdown));
  }
  console.log(`\nWritten to ${path.relative(ROOT, RESULTS)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
