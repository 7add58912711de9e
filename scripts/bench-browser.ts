/**
 * The real-browser part of `npm run bench`: Debian's Chromium with the built extension (.output/chrome-mv3),
 * pointed at the e2e fixture server, timing what a user waits for.
 *
 * - DOMContentLoaded → overlay painted on https://arxiv.org/abs/2106.09685, with the service worker warm (loads
 *   one after another) and cold (the worker stopped through CDP `ServiceWorker.stopAllWorkers` before each load,
 *   and its restart checked), plus the first load after install on fresh profiles (seeding included).
 * - The page's load event with the extension and without it (a second Chromium, no extension), interleaved.
 * - Bundle sizes, and the catalog seed on install timed inside the service worker.
 *
 * Page-side timing comes from a main-world init script (PAGE_PROBE): the overlay's shadow root is open, so a
 * MutationObserver sees the card appear; "painted" is the task after the next animation frame (rAF, then a
 * MessageChannel message), i.e. once the frame showing the card has been produced; the second rAF (one frame
 * later, an upper bound) is kept too. Nothing here asserts on time. `tsx scripts/bench-browser.ts` runs this part
 * alone and updates the "Real browser" section of bench/results.md; scripts/bench.ts runs it after the Node part.
 *
 * Where a cold load's time goes comes from a few extra loads recorded in a Chromium trace (scripts/bench-trace.ts
 * reads it): the extension's worker process is not in a trace started from a tab, so the worker is seen from its
 * edges (started, running, IndexedDB requests in the browser process).
 *
 * Knobs: BENCH_LOADS (30), BENCH_FRESH_PROFILES (5), BENCH_TRACED_LOADS (5), BENCH_MAX_LOAD (2.5: wait before each
 * phase until the 1-minute load average is at most this…), BENCH_MAX_WAIT_S (600: …within this budget),
 * E2E_EXTENSION_DIR (measure that unpacked build as it is), BENCH_VERBOSE=1 (per-load milestones),
 * BENCH_TRACE_DIR (keep the raw traces), BENCH_RESULTS (write to another file, when run alone).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import {
  CHROMIUM_PATH,
  type ExtensionHarness,
  hostResolverRules,
  launchExtension,
} from '../test/e2e/browser';
import {
  BUILD_OUTPUT_DIR,
  buildExtension,
  EXTENSION_DIR,
  newestInputMtime,
  readBuiltManifest,
} from '../test/e2e/build';
import { type FixtureServer, startFixtureServer } from '../test/e2e/fixture-server';
import { addStaticAssets } from '../test/e2e/helpers/static-assets';
import {
  formatKiB,
  formatMs,
  formatStats,
  type Interval,
  markdownTable,
  pairedRatioOfMedians,
  type QuietCheck,
  type ResultRow,
  replaceBrowserSection,
  type SampleStats,
  sampleStats,
  targetVerdict,
  waitForQuietMachine,
} from './bench-report';
import { type ColdMilestones, coldMilestones, type LoadCost, loadCost, type TraceEvent } from './bench-trace';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'bench/results.md');

/** The fixture page every load opens (test/fixtures/pages/abs_2106.09685.html). */
export const BENCH_PAGE_URL = 'https://arxiv.org/abs/2106.09685';
/** The catalog database the background seeds (lib/db/schema.ts CATALOG_DB_NAME; not imported: it pulls idb in). */
const CATALOG_DB_NAME = 'efficiency-lens-catalog';

/** Targets from the issue, in ms (paint) and as a ratio (load event with / without the extension). */
export const TARGETS = { warmMs: 50, coldMs: 200, loadRatio: 1.05 } as const;

/** Options of {@link runBrowserBench}; the defaults come from BENCH_* environment variables. */
export interface BrowserBenchOptions {
  /** Timed loads per series (warm, cold, each side of the A/B); default 30. */
  loads?: number;
  /** Fresh profiles for the first-load and the seed figures (each); default 5. */
  freshProfiles?: number;
  /**
   * The unpacked extension, measured as it is; default `E2E_EXTENSION_DIR`, else .output/chrome-mv3 (rebuilt first
   * when older than a source file).
   */
  extensionDir?: string;
  /** Traced cold loads for the breakdown of a cold load, and worker-side timings; default 5. */
  tracedLoads?: number;
  /** Wait until the 1-minute load average is at most this (default 2.5)… */
  maxLoad?: number;
  /** …but no longer than this (default 10 min); then measure anyway and say so. */
  maxWaitMs?: number;
  log?: (line: string) => void;
}

/** What {@link runBrowserBench} measured, ready to print or write. */
export interface BrowserBenchResult {
  chromium: string;
  rows: ResultRow[];
  /** The "## Real browser (Chromium …)" section of bench/results.md. */
  markdown: string;
}

// ---- in-browser code (strings: tsx would otherwise inject its helpers into functions sent to the page) -------

/**
 * Main-world init script. Observes <html>/<body> children (not the whole subtree: cheap during parsing) for the
 * overlay host, then the host's open shadow root for the card (`[data-state]`). Records, in performance.now()
 * time: the card's first appearance (any state, e.g. the loading skeleton) and the answer (first non-loading
 * state), each with the end of the frame that showed it. `window.__elBench.done` resolves with the marks.
 */
const PAGE_PROBE = `(() => {
  if (window.top !== window || window.__elBench) return;
  const TAG = 'EFFICIENCY-LENS-OVERLAY';
  const marks = { host: null, card: null, cardState: null, cardPaint: null, cardPaint2: null,
    answer: null, answerState: null, answerPaint: null, answerPaint2: null };
  let resolveDone;
  const done = new Promise((resolve) => { resolveDone = resolve; });
  Object.defineProperty(window, '__elBench', { value: { marks, done } });
  const channel = new MessageChannel();
  const queued = [];
  channel.port1.onmessage = () => { const t = performance.now(); const set = queued.shift(); if (set) set(t); };
  // Resolves done once both marks of the answer are in (the message may run after the next frame's rAF).
  const settle = () => { if (marks.answerPaint !== null && marks.answerPaint2 !== null) resolveDone(marks); };
  const afterPaint = (key) => {
    requestAnimationFrame(() => {
      queued.push((t) => { marks[key] = t; settle(); });
      channel.port2.postMessage(0);
      requestAnimationFrame(() => { marks[key + '2'] = performance.now(); settle(); });
    });
  };
  const watchRoot = (root) => {
    const check = () => {
      const card = root.querySelector('[data-state]');
      if (!card) return;
      const state = card.getAttribute('data-state');
      const now = performance.now();
      if (marks.card === null) { marks.card = now; marks.cardState = state; afterPaint('cardPaint'); }
      if (state !== 'loading' && marks.answer === null) {
        marks.answer = now; marks.answerState = state; observer.disconnect(); afterPaint('answerPaint');
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
    check();
  };
  const consider = (node) => {
    if (node.nodeName === TAG) {
      if (marks.host === null && node.shadowRoot) { marks.host = performance.now(); watchRoot(node.shadowRoot); }
    } else if (node === document.documentElement || node === document.body) {
      pageObserver.observe(node, { childList: true });
    }
  };
  const pageObserver = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) consider(node);
  });
  pageObserver.observe(document, { childList: true });
  if (document.documentElement) consider(document.documentElement);
  if (document.body) consider(document.body);
})();`;

/** Navigation timing of the current document, in ms since navigation start. */
const NAV_TIMING = `(() => {
  const e = performance.getEntriesByType('navigation')[0];
  return { dcl: e.domContentLoadedEventStart, load: e.loadEventStart, timeOrigin: performance.timeOrigin };
})()`;

/**
 * Runs in the service worker right after install: polls the catalog's meta row. The read is a readonly
 * transaction on `meta`; once the seed's readwrite transaction (papers + meta) exists, a read queues behind it
 * and returns as it commits, so the time is exact unless the seed had finished before the first poll
 * (reported). The database is opened only once it exists: opening a missing one would create it empty.
 */
const SEED_POLL = `(async () => {
  const NAME = ${JSON.stringify(CATALOG_DB_NAME)};
  const abs = () => performance.timeOrigin + performance.now();
  const firstPollAt = abs();
  const deadline = performance.now() + 60000;
  let db = null;
  let polls = 0;
  while (performance.now() < deadline) {
    polls++;
    if (!db) {
      const list = await indexedDB.databases();
      if (list.some((d) => d.name === NAME && d.version > 0)) {
        db = await new Promise((resolve, reject) => {
          const req = indexedDB.open(NAME);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
          req.onupgradeneeded = () => { req.transaction.abort(); reject(new Error('the catalog database vanished')); };
        });
      }
    }
    if (db && db.objectStoreNames.contains('meta')) {
      const meta = await new Promise((resolve, reject) => {
        const req = db.transaction('meta', 'readonly').objectStore('meta').get('dataset');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (meta) {
        const metaAt = abs();
        db.close();
        return { start: performance.timeOrigin, firstPollAt, metaAt, polls, seededAt: meta.seededAt,
          records: meta.records, version: meta.version };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('the catalog meta row did not appear within 60 s');
})()`;

/** The catalog meta row's seededAt (epoch ms when ensureCatalogSeeded started writing), or null. */
const META_SEEDED_AT = `(async () => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(${JSON.stringify(CATALOG_DB_NAME)});
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onupgradeneeded = () => { req.transaction.abort(); reject(new Error('no catalog database')); };
  });
  const meta = await new Promise((resolve, reject) => {
    const req = db.transaction('meta', 'readonly').objectStore('meta').get('dataset');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return meta ? meta.seededAt : null;
})()`;

// ---- one page load --------------------------------------------------------------------------------------

interface ProbeMarks {
  host: number | null;
  card: number | null;
  cardState: string | null;
  cardPaint: number | null;
  cardPaint2: number | null;
  answer: number | null;
  answerState: string | null;
  answerPaint: number | null;
  answerPaint2: number | null;
}

/** One load, times in ms; overlay figures are relative to DOMContentLoaded. */
interface LoadSample {
  /** DOMContentLoaded and load event, ms since navigation start. */
  dcl: number;
  load: number;
  /** Epoch ms of navigation start. */
  timeOrigin: number;
  /** DCL → frame after the card first appeared (any state) / after the answer appeared; 2 = one rAF later. */
  cardPaint?: number;
  cardState?: string;
  answerPaint?: number;
  answerPaint2?: number;
  /** DCL → the answer's DOM mutation (drawn, not yet painted). */
  answerDrawn?: number;
  answerState?: string;
}

const OVERLAY_TIMEOUT_MS = 30_000;
/** A phase is measured again when the 1-minute load ends it this far above the limit… */
const LOAD_RISE_MARGIN = 1;
/** …but at most this many times in all. */
const MAX_PHASE_ATTEMPTS = 3;

/** Loads BENCH_PAGE_URL in `page` and, when `overlay`, waits for the overlay's answer to be painted. */
async function loadOnce(page: Page, overlay: boolean): Promise<LoadSample> {
  await page.goto(BENCH_PAGE_URL, { waitUntil: 'load', timeout: OVERLAY_TIMEOUT_MS });
  let marks: ProbeMarks | null = null;
  if (overlay) {
    marks = (await page.evaluate(
      `Promise.race([window.__elBench.done, new Promise((_, reject) => setTimeout(() => reject(new Error(` +
        `'the overlay did not show an answer within ${OVERLAY_TIMEOUT_MS} ms: ' + JSON.stringify(window.__elBench.marks))), ${OVERLAY_TIMEOUT_MS}))])`,
    )) as ProbeMarks;
  }
  const nav = (await page.evaluate(NAV_TIMING)) as { dcl: number; load: number; timeOrigin: number };
  if (!(nav.dcl > 0 && nav.load > 0))
    throw new Error(`navigation timing is incomplete: ${JSON.stringify(nav)}`);
  const sample: LoadSample = { ...nav };
  if (marks) {
    const since = (t: number | null) => (t === null ? undefined : t - nav.dcl);
    sample.cardPaint = since(marks.cardPaint);
    sample.cardState = marks.cardState ?? undefined;
    sample.answerPaint = since(marks.answerPaint);
    sample.answerPaint2 = since(marks.answerPaint2);
    sample.answerDrawn = since(marks.answer);
    sample.answerState = marks.answerState ?? undefined;
  }
  return sample;
}

// ---- the service worker, seen from CDP ---------------------------------------------------------------------

/** Tracks the extension's service worker through the ServiceWorker domain of a page's CDP session. */
export interface WorkerControl {
  /** How many times the worker has been seen entering `running`. */
  starts(): number;
  /** ms from the last `starting` to the following `running` status, as CDP reported them (null before one). */
  lastStartMs(): number | null;
  status(): string;
  /** Stops every service worker of the profile and waits until ours reports `stopped`. */
  stop(): Promise<void>;
  /** performance.timeOrigin of the running worker instance (epoch ms): changes when the worker restarts. */
  timeOrigin(): Promise<number>;
  /** Evaluates an expression in the running worker. */
  evaluate<T>(expression: string): Promise<T>;
  /** The control page's CDP session (tracing runs on it). */
  cdp: CDPSession;
}

export async function controlWorker(h: ExtensionHarness, controlPage: Page): Promise<WorkerControl> {
  const cdp: CDPSession = await h.context.newCDPSession(controlPage);
  const scriptPrefix = `chrome-extension://${h.extensionId}/`;
  let status = 'unknown';
  let starts = 0;
  let startingAt: number | null = null;
  let lastStartMs: number | null = null;
  const waiters: (() => void)[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) {
      if (!v.scriptURL.startsWith(scriptPrefix)) continue;
      if (v.runningStatus === 'starting' && status !== 'starting') startingAt = performance.now();
      if (v.runningStatus === 'running' && status !== 'running') {
        starts++;
        if (startingAt !== null) lastStartMs = performance.now() - startingAt;
        startingAt = null;
      }
      status = v.runningStatus;
    }
    for (const wake of waiters.splice(0)) wake();
  });
  await cdp.send('ServiceWorker.enable');
  const waitFor = async (want: string, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (status !== want) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`the service worker did not reach "${want}" (status: ${status})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  // Looked up at each call: Playwright keeps one Worker per registration across restarts, but not on every version.
  const evaluate = async <T>(expression: string): Promise<T> => {
    const worker = h.context.serviceWorkers().find((w) => w.url().startsWith(scriptPrefix));
    if (!worker) throw new Error('the extension has no service worker');
    return (await worker.evaluate(expression)) as T;
  };
  return {
    starts: () => starts,
    lastStartMs: () => lastStartMs,
    status: () => status,
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor('stopped', 10_000);
    },
    timeOrigin: () => evaluate<number>('performance.timeOrigin'),
    evaluate,
    cdp,
  };
}

// ---- where a cold load's time goes: a Chromium trace ---------------------------------------------------

// 'toplevel' gives the renderer's task boundaries (main-thread busy time); the rest name the milestones.
const TRACE_CATEGORIES = ['ServiceWorker', 'IndexedDB', 'extensions', 'devtools.timeline', 'toplevel'];

/** One load recorded in a Chromium trace (started from `cdp`, a DevTools session of another tab). */
interface TracedLoad {
  events: TraceEvent[];
  sample: LoadSample;
  /** The tab's main frame (CDP id), which the trace events name. */
  frameId: string;
}

async function traceLoad(cdp: CDPSession, page: Page, overlay: boolean, label: string): Promise<TracedLoad> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
  let sample: LoadSample;
  try {
    sample = await loadOnce(page, overlay);
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  // BENCH_TRACE_DIR=<dir> keeps the raw traces (open them in chrome://tracing or Perfetto).
  const dumpDir = process.env.BENCH_TRACE_DIR;
  if (dumpDir) {
    mkdirSync(dumpDir, { recursive: true });
    const file = path.join(dumpDir, `${label}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events, sample }));
  }
  const { frameTree } = await (await page.context().newCDPSession(page)).send('Page.getFrameTree');
  return { events, sample, frameId: frameTree.frame.id };
}

/**
 * Runs in a warm worker: the pieces of the cold path that can be repeated there. Opening the catalog, reading
 * every row (getAll: IndexedDB read plus structured-clone decoding), and JSON.parse of a string as long as the
 * rows' JSON (what evaluating the bundled dataset costs, roughly).
 */
const WORKER_PIECES = `(async () => {
  const t0 = performance.now();
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(${JSON.stringify(CATALOG_DB_NAME)});
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onupgradeneeded = () => { req.transaction.abort(); reject(new Error('no catalog database')); };
  });
  const t1 = performance.now();
  const rows = await new Promise((resolve, reject) => {
    const req = db.transaction('papers', 'readonly').objectStore('papers').getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const t2 = performance.now();
  db.close();
  const text = JSON.stringify(rows);
  const t3 = performance.now();
  JSON.parse(text);
  const t4 = performance.now();
  return { open: t1 - t0, getAll: t2 - t1, rows: rows.length, jsonChars: text.length, jsonParse: t4 - t3 };
})()`;

interface WorkerPieces {
  open: number;
  getAll: number;
  rows: number;
  jsonChars: number;
  jsonParse: number;
}

// ---- launching ------------------------------------------------------------------------------------------

/** The same Chromium and flags as launchExtension, without the extension: side B of the comparison. */
async function launchPlain(server: FixtureServer, userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${hostResolverRules(server.port)}`,
      '--ignore-certificate-errors',
    ],
  });
}

/** Rebuilds the extension when its build is missing or older than a source file; says what it did. */
export async function ensureFreshBuild(log: (line: string) => void): Promise<string> {
  let why = '';
  try {
    readBuiltManifest(BUILD_OUTPUT_DIR);
    const builtAt = statSync(path.join(BUILD_OUTPUT_DIR, 'manifest.json')).mtimeMs;
    if (newestInputMtime(ROOT) > builtAt) why = 'it was older than a source file';
  } catch {
    why = 'there was none';
  }
  if (!why) return 'existing build (newer than every source file)';
  log(`  .output/chrome-mv3: ${why}; running \`wxt build\`…`);
  await buildExtension(ROOT);
  return `built by this run (${why})`;
}

/** The content script's run_at in a build's manifest (Chrome's default: document_idle). */
function contentScriptRunAt(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { run_at?: string }[];
  };
  return manifest.content_scripts?.[0]?.run_at ?? 'document_idle';
}

// ---- sizes ----------------------------------------------------------------------------------------------

/** Raw and gzipped size of the files under `dir` whose names match `pattern`. */
function bundleSize(dir: string, pattern: RegExp): { files: string[]; raw: number; gzip: number } {
  const files = readdirSync(dir).filter((f) => pattern.test(f));
  if (files.length === 0) throw new Error(`no file matching ${pattern} in ${dir}`);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files, raw, gzip };
}

// ---- the run --------------------------------------------------------------------------------------------

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
};

const loadAverage = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

const defined = (values: (number | undefined)[]): number[] =>
  values.filter((v): v is number => v !== undefined);

/** Runs every real-browser measurement; see the file comment. */
export async function runBrowserBench(options: BrowserBenchOptions = {}): Promise<BrowserBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const loads = Math.round(options.loads ?? envNumber('BENCH_LOADS', 30));
  const fresh = Math.round(options.freshProfiles ?? envNumber('BENCH_FRESH_PROFILES', 5));
  const maxLoad = options.maxLoad ?? envNumber('BENCH_MAX_LOAD', 2.5);
  const maxWaitMs = options.maxWaitMs ?? envNumber('BENCH_MAX_WAIT_S', 600) * 1000;
  const traced = Math.round(options.tracedLoads ?? envNumber('BENCH_TRACED_LOADS', 5));
  // Two pairs at least: the load-event ratio's interval resamples pairs.
  if (loads < 2) throw new Error(`BENCH_LOADS (or options.loads) must be at least 2, got ${loads}`);
  const rows: ResultRow[] = [];
  const add = (metric: string, value: string, note = '') => {
    rows.push({ metric, value, note });
    log(`  ${metric}: ${value}${note ? `  (${note})` : ''}`);
  };

  log('\nReal browser (Chromium)\n');
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set E2E_CHROMIUM), or skip this part with BENCH_SKIP_BROWSER=1.`,
    );
  }
  // E2E_EXTENSION_DIR (the e2e suite's knob) names an unpacked build to measure as it is.
  const given = options.extensionDir ?? (process.env.E2E_EXTENSION_DIR ? EXTENSION_DIR : undefined);
  const buildNote = given ? `the unpacked build at ${given}, as it is` : await ensureFreshBuild(log);
  // The machine may be shared (other test runs): before each phase, wait for the load to fall, from one budget;
  // when the load rose during a phase anyway, measure that phase again (a few times at most).
  let waitBudget = maxWaitMs;
  const phases: { phase: string; load1: number; loadAfter: number; quiet: boolean; attempts: number }[] = [];
  const gate = async (phase: string): Promise<QuietCheck> => {
    const check = await waitForQuietMachine({
      maxLoad,
      maxWaitMs: waitBudget,
      pollMs: 15_000,
      readLoad: () => os.loadavg()[0]!,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => Date.now(),
      log,
    });
    waitBudget = Math.max(0, waitBudget - check.waitedMs);
    log(
      `  ${phase}: load average ${loadAverage()}${check.quiet ? '' : ` (above ${maxLoad}, wait budget spent: measuring anyway)`}`,
    );
    return check;
  };
  const phase = async (name: string, reset: () => void, measure: () => Promise<void>): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const check = await gate(name);
      reset();
      await measure();
      const loadAfter = os.loadavg()[0]!;
      const entry = { phase: name, load1: check.load1, loadAfter, quiet: check.quiet, attempts: attempt };
      const known = phases.findIndex((p) => p.phase === name);
      if (known >= 0) phases[known] = entry;
      else phases.push(entry);
      if (!busyAfter(loadAfter) || attempt >= MAX_PHASE_ATTEMPTS || waitBudget <= 0) return;
      log(
        `  ${name}: the 1-minute load rose to ${loadAfter.toFixed(2)} meanwhile: measuring this phase again`,
      );
    }
  };
  const busyAfter = (loadAfter: number) => loadAfter > maxLoad + LOAD_RISE_MARGIN;
  const loadAtStart = loadAverage();

  // Measure a snapshot: a rebuild during the run (another terminal, the e2e suite) must not swap files under
  // the browser, and the sizes must be those of the build that was timed.
  const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-bench-ext-'));
  const extensionDir = path.join(snapshotDir, 'chrome-mv3');
  const plainDir = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-bench-plain-'));
  let server: FixtureServer | null = null;
  let h: ExtensionHarness | null = null;
  let plain: BrowserContext | null = null;
  let chromiumVersion = 'unknown';
  const warm: LoadSample[] = [];
  const cold: LoadSample[] = [];
  const plainWarm: LoadSample[] = [];
  const plainCold: LoadSample[] = [];
  const firstLoads: (LoadSample & { workerToNav: number; seedCallSinceNav: number | null })[] = [];
  const seeds: { total: number; toSeedCall: number; seedCall: number; exact: boolean }[] = [];
  const milestones: ColdMilestones[] = [];
  const warmMilestones: ColdMilestones[] = [];
  const costs: LoadCost[] = [];
  const plainCosts: LoadCost[] = [];
  const pieces: WorkerPieces[] = [];
  const workerStarts: number[] = [];
  const workerStartsWarmProcess: number[] = [];
  let restartsChecked = 0;
  let recordsFile = false;
  let runAt = 'document_idle';
  let loadAtEnd = '';
  try {
    cpSync(given ?? BUILD_OUTPUT_DIR, extensionDir, { recursive: true });
    const content = bundleSize(path.join(extensionDir, 'content-scripts'), /\.(js|css)$/);
    const background = bundleSize(extensionDir, /^background\.js$/);
    runAt = contentScriptRunAt(extensionDir);
    // Newer builds ship the records as a file the background fetches only to seed (lib/background/bundled.ts).
    recordsFile = existsSync(path.join(extensionDir, 'data/papers.json'));
    add(
      'content script (content-scripts/*)',
      `${formatKiB(content.raw)} raw, ${formatKiB(content.gzip)} gzip`,
      `${content.files.join(', ')}; evaluated on every matching page, run_at ${runAt}`,
    );
    add(
      'background.js',
      `${formatKiB(background.raw)} raw, ${formatKiB(background.gzip)} gzip`,
      `evaluated at every service-worker start; ${recordsFile ? 'the records ship apart, as data/papers.json' : 'the dataset records are bundled in it'}; ${buildNote}`,
    );
    if (recordsFile) {
      const records = bundleSize(path.join(extensionDir, 'data'), /^papers\.json$/);
      add(
        'data/papers.json (in the build)',
        `${formatKiB(records.raw)} raw, ${formatKiB(records.gzip)} gzip`,
        'fetched and parsed by the background only when it seeds',
      );
    }
    const fixtures = await startFixtureServer();
    server = fixtures;
    addStaticAssets(fixtures);

    // ---- A/B, warm then cold: one browser with the extension, one without, loads interleaved. ----
    const harness = await launchExtension({ server: fixtures, extensionDir, serviceWorkerTimeoutMs: 60_000 });
    h = harness;
    plain = await launchPlain(server, plainDir);
    await h.context.addInitScript(PAGE_PROBE);
    await plain.addInitScript(PAGE_PROBE);
    const controlPage = await h.context.newPage();
    const version = await (await h.context.newCDPSession(controlPage)).send('Browser.getVersion');
    chromiumVersion = version.product.replace(/^(Headless)?Chrome\//, '');
    const worker = await controlWorker(h, controlPage);
    const pageA = await h.context.newPage();
    const pageB = await plain.newPage();

    log(`  Chromium ${chromiumVersion}; warm-up loads…`);
    for (let i = 0; i < 3; i++) {
      await loadOnce(pageA, true);
      await loadOnce(pageB, false);
    }
    await phase(
      'warm A/B',
      () => {
        warm.length = 0;
        plainWarm.length = 0;
      },
      async () => {
        log(`  ${loads} warm loads with the extension, ${loads} without, interleaved…`);
        for (let i = 0; i < loads; i++) {
          // Alternate which side goes first, so neither always runs right after the other.
          if (i % 2 === 0) {
            warm.push(await loadOnce(pageA, true));
            plainWarm.push(await loadOnce(pageB, false));
          } else {
            plainWarm.push(await loadOnce(pageB, false));
            warm.push(await loadOnce(pageA, true));
          }
        }
      },
    );
    if (worker.status() !== 'running') throw new Error(`warm series: the worker is ${worker.status()}`);

    await phase(
      'cold',
      () => {
        cold.length = 0;
        plainCold.length = 0;
        workerStarts.length = 0;
        restartsChecked = 0;
      },
      async () => {
        log(`  ${loads} cold loads (service worker stopped before each), interleaved with loads without…`);
        for (let i = 0; i < loads; i++) {
          const origin = await worker.timeOrigin();
          const starts = worker.starts();
          await worker.stop();
          if (i % 2 === 1) plainCold.push(await loadOnce(pageB, false));
          const sample = await loadOnce(pageA, true);
          // Proof that this load woke a stopped worker: a new start was reported, and it is a new instance.
          const restarted = worker.starts() > starts && (await worker.timeOrigin()) !== origin;
          if (!restarted)
            throw new Error(`cold load ${i + 1}: the service worker was not restarted by the load`);
          restartsChecked++;
          cold.push(sample);
          const startMs = worker.lastStartMs();
          if (startMs !== null) workerStarts.push(startMs);
          if (i % 2 === 0) plainCold.push(await loadOnce(pageB, false));
        }
      },
    );

    // ---- Where the cold time goes: traced cold loads, and the repeatable pieces timed in a warm worker. ----
    const verbose = process.env.BENCH_VERBOSE === '1';
    const plainControl = await plain.newPage();
    const plainCdp = await plain.newCDPSession(plainControl);
    await phase(
      'traced',
      () => {
        for (const list of [milestones, warmMilestones, costs, plainCosts, pieces, workerStartsWarmProcess])
          list.length = 0;
      },
      async () => {
        log(
          `  ${traced} traced cold loads (not counted above) and ${traced} timings inside the warm worker…`,
        );
        const milestonesOf = (t: TracedLoad) =>
          coldMilestones(t.events, harness.extensionId, t.frameId, t.sample.answerPaint ?? null);
        for (let i = 0; i < traced; i++) {
          await worker.stop();
          milestones.push(milestonesOf(await traceLoad(worker.cdp, pageA, true, 'cold')));
          if (verbose) log(`    cold ${JSON.stringify(milestones.at(-1))}`);
        }
        await loadOnce(pageA, true);
        for (let i = 0; i < traced; i++) {
          const t = await traceLoad(worker.cdp, pageA, true, 'warm');
          warmMilestones.push(milestonesOf(t));
          costs.push(loadCost(t.events, t.frameId, harness.extensionId));
          const p = await traceLoad(plainCdp, pageB, false, 'plain');
          plainCosts.push(loadCost(p.events, p.frameId, null));
          if (verbose) {
            log(`    warm ${JSON.stringify(warmMilestones.at(-1))} ${JSON.stringify(costs.at(-1))}`);
            log(`    plain ${JSON.stringify(plainCosts.at(-1))}`);
          }
        }
        for (let i = 0; i < traced; i++) pieces.push(await worker.evaluate<WorkerPieces>(WORKER_PIECES));
        // The same cold start with the extension's renderer process kept alive by one of its pages: the
        // difference is the process start-up, which no change to the background's code can remove.
        const extensionPage = await harness.context.newPage();
        await extensionPage.goto(harness.extensionUrl('browse.html'), { waitUntil: 'load' });
        for (let i = 0; i < traced; i++) {
          await worker.stop();
          await loadOnce(pageA, true);
          const startMs = worker.lastStartMs();
          if (startMs !== null) workerStartsWarmProcess.push(startMs);
        }
        await extensionPage.close();
      },
    );

    h.assertNoForeignRequests();
    await plain.close();
    plain = null;
    await h.close();
    h = null;

    // ---- Fresh profiles: the first page load after install (seeding included). ----
    await phase(
      'first loads',
      () => {
        firstLoads.length = 0;
      },
      async () => {
        log(`  ${fresh} fresh profiles: first load after install…`);
        for (let i = 0; i < fresh; i++) {
          const f = await launchExtension({ server: fixtures, extensionDir, serviceWorkerTimeoutMs: 60_000 });
          try {
            await f.context.addInitScript(PAGE_PROBE);
            const page = await f.context.newPage();
            const workerStart = (await f.serviceWorker.evaluate('performance.timeOrigin')) as number;
            const sample = await loadOnce(page, true);
            const seededAt = (await f.serviceWorker.evaluate(META_SEEDED_AT)) as number | null;
            firstLoads.push({
              ...sample,
              workerToNav: sample.timeOrigin - workerStart,
              seedCallSinceNav: seededAt === null ? null : seededAt - sample.timeOrigin,
            });
            f.assertNoForeignRequests();
          } finally {
            await f.close();
          }
        }
      },
    );

    // ---- Fresh profiles: the seed on install, timed inside the service worker. ----
    await phase(
      'seed',
      () => {
        seeds.length = 0;
      },
      async () => {
        log(`  ${fresh} fresh profiles: catalog seed on install…`);
        for (let i = 0; i < fresh; i++) {
          const f = await launchExtension({ server: fixtures, extensionDir, serviceWorkerTimeoutMs: 60_000 });
          try {
            const r = (await f.serviceWorker.evaluate(SEED_POLL)) as {
              start: number;
              firstPollAt: number;
              metaAt: number;
              polls: number;
              seededAt: number;
              records: number;
            };
            seeds.push({
              total: r.metaAt - r.start,
              toSeedCall: r.seededAt - r.start,
              seedCall: r.metaAt - r.seededAt,
              // Found at the first look: the seed had already committed, so metaAt is only an upper bound.
              exact: r.polls > 1,
            });
          } finally {
            await f.close();
          }
        }
      },
    );
    loadAtEnd = loadAverage();
  } finally {
    await plain?.close().catch(() => {});
    await h?.close().catch(() => {});
    await server?.close();
    rmSync(plainDir, { recursive: true, force: true });
    rmSync(snapshotDir, { recursive: true, force: true });
  }

  // ---- figures ----
  const paint = (samples: LoadSample[]) => sampleStats(defined(samples.map((s) => s.answerPaint)));
  const paint2 = (samples: LoadSample[]) => sampleStats(defined(samples.map((s) => s.answerPaint2)));
  const drawn = (samples: LoadSample[]) => sampleStats(defined(samples.map((s) => s.answerDrawn)));
  const card = (samples: LoadSample[]) => sampleStats(defined(samples.map((s) => s.cardPaint)));
  const states = (samples: LoadSample[], key: 'cardState' | 'answerState') =>
    [...new Set(samples.map((s) => s[key] ?? 'none'))].join('/');
  const seedRelation = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    if (!known.length) return 'not found';
    const m = sampleStats(known).median;
    return `started ${formatMs(Math.abs(m))} ${m < 0 ? 'before' : 'after'} it (medians)`;
  };
  const warmPaint = paint(warm);
  const coldPaint = paint(cold);
  const n = (s: SampleStats) => `n=${s.n}`;

  add(
    'DCL → overlay answer painted, worker WARM',
    formatStats(warmPaint),
    `${n(warmPaint)}; state ${states(warm, 'answerState')}; drawn in the DOM at median ${formatMs(drawn(warm).median)}, then the frame; 2×rAF ${formatStats(paint2(warm))}; target ${targetVerdict(warmPaint.median, TARGETS.warmMs, 'ms')}`,
  );
  add(
    'DCL → overlay answer painted, worker COLD',
    formatStats(coldPaint),
    `${n(coldPaint)}; worker stopped by CDP ServiceWorker.stopAllWorkers before each load, restart verified ${restartsChecked}/${cold.length}; drawn in the DOM at median ${formatMs(drawn(cold).median)}; 2×rAF ${formatStats(paint2(cold))}; target ${targetVerdict(coldPaint.median, TARGETS.coldMs, 'ms')}`,
  );
  add(
    'DCL → first card painted (loading state), warm / cold',
    `${formatStats(card(warm))} / ${formatStats(card(cold))}`,
    `first state drawn: ${states(warm, 'cardState')}; the card's first state, drawn at DOMContentLoaded or soon after`,
  );
  const first = paint(firstLoads);
  add(
    'DCL → overlay answer painted, first load after install',
    formatStats(first),
    `${n(first)} fresh profiles, page opened as soon as the worker's first turn ran: navigation started ${formatMs(sampleStats(firstLoads.map((s) => s.workerToNav)).median)} after the worker, the seed's writes ${seedRelation(firstLoads.map((s) => s.seedCallSinceNav))}`,
  );
  // Loads i of both sides ran one after the other, so they are analysed as pairs (shared drift stays paired).
  const pairsOf = (a: LoadSample[], b: LoadSample[]) =>
    a.slice(0, Math.min(a.length, b.length)).map((s, i) => [s.load, b[i]!.load] as const);
  const ci = (r: Interval) => `95% interval ${r.low.toFixed(3)}–${r.high.toFixed(3)}`;
  const loadWith = sampleStats(warm.map((s) => s.load));
  const loadWithout = sampleStats(plainWarm.map((s) => s.load));
  const ratio = pairedRatioOfMedians(pairsOf(warm, plainWarm));
  add(
    'load event, with / without extension (warm)',
    `${formatMs(loadWith.median)} / ${formatMs(loadWithout.median)}, ratio ${ratio.value.toFixed(3)}`,
    `medians, ${loadWith.n} + ${loadWithout.n} loads interleaved; ${ci(ratio)} (bootstrap over pairs); p95 ${formatMs(loadWith.p95)} / ${formatMs(loadWithout.p95)}; target ${targetVerdict(ratio.value, TARGETS.loadRatio, 'ratio')}`,
  );
  const coldWith = sampleStats(cold.map((s) => s.load));
  const coldWithout = sampleStats(plainCold.map((s) => s.load));
  const coldRatio = pairedRatioOfMedians(pairsOf(cold, plainCold));
  add(
    'load event, with / without extension (cold worker)',
    `${formatMs(coldWith.median)} / ${formatMs(coldWithout.median)}, ratio ${coldRatio.value.toFixed(3)}`,
    `medians, ${coldWith.n} + ${coldWithout.n} loads interleaved; ${ci(coldRatio)}`,
  );
  const dclWith = sampleStats(warm.map((s) => s.dcl));
  const dclWithout = sampleStats(plainWarm.map((s) => s.dcl));
  add(
    'DOMContentLoaded, with / without extension (warm)',
    `${formatMs(dclWith.median)} / ${formatMs(dclWithout.median)}`,
    `medians; the content script runs at ${runAt}`,
  );
  const seedTotal = sampleStats(seeds.map((s) => s.total));
  const exact = seeds.filter((s) => s.exact).length;
  add(
    'seed on install: worker start → catalog committed',
    formatStats(seedTotal),
    `n=${seedTotal.n} fresh profiles (${exact} exact, ${seeds.length - exact} upper bounds); real IndexedDB in the service worker`,
  );
  add(
    '  of which: worker start → ensureCatalogSeeded called',
    formatStats(sampleStats(seeds.map((s) => s.toSeedCall))),
    `script evaluation${recordsFile ? '' : ' (with the ~1.3 MB dataset literal)'}, onInstalled, opening + creating the database`,
  );
  add(
    '  of which: ensureCatalogSeeded → committed',
    formatStats(sampleStats(seeds.map((s) => s.seedCall))),
    `meta read, ${recordsFile ? 'fetch + JSON.parse of data/papers.json, ' : ''}zod validation of every record, writes, commit`,
  );

  // Breakdown of a cold load: median milestones (ms from DOMContentLoaded) and the spans between them.
  const median = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length ? sampleStats(known).median : Number.NaN;
  };
  const at = (key: keyof ColdMilestones, from = milestones) => median(from.map((m) => m[key]));
  const span = (from: keyof ColdMilestones, to: keyof ColdMilestones, list = milestones) =>
    median(list.map((m) => (m[from] !== null && m[to] !== null ? m[to]! - m[from]! : null)));
  const signed = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v < 0 ? '−' : '+'}${formatMs(Math.abs(v))}`);
  add(
    'cold load, milestones from DOMContentLoaded (traced)',
    [
      `worker requested ${signed(at('workerRequested'))}`,
      `script loaded ${signed(at('scriptLoaded'))}`,
      `worker running ${signed(at('workerRunning'))}`,
      `lookup sent ${signed(at('messageSent'))}`,
      `catalog rows read ${signed(at('rowsReadStart'))}…${signed(at('rowsReadEnd'))}`,
      `answer painted ${signed(at('answerPainted'))}`,
    ].join('; '),
    `medians of ${milestones.length} traced cold loads (not in the figures above; tracing slows them a little)`,
  );
  add(
    '  worker start: requested → script sent',
    formatMs(span('workerRequested', 'scriptLoaded')),
    'StartWorkerRequested → InstalledScriptsSender finished (browser process); the tab navigation wakes the worker (the background listens to tabs.onUpdated), before DOMContentLoaded',
  );
  add(
    '  worker start: script sent → running',
    formatMs(span('scriptLoaded', 'workerRunning')),
    `→ StartWorkerFinished: renderer process start-up, background.js evaluation, DevTools attaching (the extension's process is not in the trace, so these are not split here; see the next row)`,
  );
  add(
    '  worker start with its process killed / kept alive',
    `${formatMs(sampleStats(workerStarts).median)} / ${formatMs(sampleStats(workerStartsWarmProcess).median)}`,
    `medians of ${workerStarts.length} / ${workerStartsWarmProcess.length}; CDP status starting → running; alive: an extension page (browse.html) open keeps the extension's renderer process, so the difference is the process start-up`,
  );
  add(
    '  lookup: sent → catalog rows requested',
    formatMs(span('messageSent', 'rowsReadStart')),
    'waiting for the worker to finish starting, then opening the catalog and reading meta',
  );
  add(
    '  lookup: IndexedDB getAll of the catalog (browser side)',
    formatMs(span('rowsReadStart', 'rowsReadEnd')),
    'Database::GetAllOperation in the browser process (backend read only)',
  );
  add(
    '  lookup: rows read → answer painted',
    formatMs(span('rowsReadEnd', 'answerPainted')),
    'decoding the rows in the worker, CatalogIndex.fromRecords, lookup, related works, saved state, reply, render, frame',
  );
  add(
    'warm load, milestones from DOMContentLoaded (traced)',
    `lookup sent ${signed(at('messageSent', warmMilestones))}; answer painted ${signed(at('answerPainted', warmMilestones))}`,
    `negative: before DOMContentLoaded (the content script runs at ${runAt}); the lookup is the document's first message, the answer is painted after the reply comes back`,
  );
  const cost = (list: LoadCost[], key: keyof LoadCost) => median(list.map((c) => c[key]));
  add(
    'page main thread: commit → DOMContentLoaded → load (traced)',
    `with the extension: busy ${formatMs(cost(costs, 'busyCommitToDcl'))} of ${formatMs(cost(costs, 'commitToDcl'))}, then ${formatMs(cost(costs, 'busyDclToLoad'))} of ${formatMs(cost(costs, 'dclToLoad'))}; without: ${formatMs(cost(plainCosts, 'busyCommitToDcl'))} of ${formatMs(cost(plainCosts, 'commitToDcl'))}, then ${formatMs(cost(plainCosts, 'busyDclToLoad'))} of ${formatMs(cost(plainCosts, 'dclToLoad'))}`,
    `medians of ${costs.length} + ${plainCosts.length} traced warm loads; evaluating the content script (run_at ${runAt}) takes ${formatMs(cost(costs, 'contentScriptEval'))}. The fixture page's load event follows DOMContentLoaded within milliseconds, so main-thread work before it delays it one for one`,
  );
  const piece = (key: keyof WorkerPieces) => sampleStats(pieces.map((p) => p[key]));
  add(
    'warm worker: open catalog / getAll rows / JSON.parse of same size',
    `${formatMs(piece('open').median)} / ${formatMs(piece('getAll').median)} / ${formatMs(piece('jsonParse').median)}`,
    `medians of ${pieces.length}; ${pieces[0]?.rows ?? 0} rows, ${formatKiB(pieces[0]?.jsonChars ?? 0)} of JSON; getAll includes decoding the rows in the worker`,
  );

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const waited = maxWaitMs - waitBudget;
  const busyPhases = phases.filter((p) => !p.quiet || busyAfter(p.loadAfter)).map((p) => p.phase);
  const markdown = [
    `## Real browser (Chromium ${chromiumVersion})`,
    '',
    `Generated by \`npm run bench\` (scripts/bench-browser.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ` +
      `${os.cpus().length} cores; load average (1/5/15 min) ${loadAtStart} at start, ${loadAtEnd} at end; ` +
      `1-min load at the start → end of each phase: ${phases.map((p) => `${p.phase} ${p.load1.toFixed(2)} → ${p.loadAfter.toFixed(2)}${p.attempts > 1 ? ` (measured ${p.attempts} times, the last kept)` : ''}`).join(', ')}` +
      `${waited > 0 ? `; ${Math.round(waited / 1000)} s spent waiting for it to fall to ${maxLoad}` : ''}.` +
      `${busyPhases.length ? ` **Busy machine during ${busyPhases.join(', ')}: those figures are inflated by other work.**` : ''}`,
    '',
    `Headless Chromium (\`${CHROMIUM_PATH}\`) with the built extension, every host answered by the e2e fixture server ` +
      `(HTTPS on 127.0.0.1, with its static assets); page ${BENCH_PAGE_URL}. Overlay times are measured in the page ` +
      'by a main-world MutationObserver on the open shadow root: from DOMContentLoaded to the task after the next ' +
      'animation frame once the card shows the answer (2×rAF, one frame later, in the notes). Cold: before each ' +
      'load the worker is stopped with CDP `ServiceWorker.stopAllWorkers` (status `stopped` awaited); a new ' +
      '`running` status and a new worker `performance.timeOrigin` after the load prove it restarted. The ' +
      'load-event comparison runs a second Chromium without the extension, same flags and server, loads alternating. ' +
      'Playwright keeps DevTools attached to the worker, which adds a round trip to each worker start.',
    '',
    ...markdownTable(rows),
  ].join('\n');
  return { chromium: chromiumVersion, rows, markdown };
}

/** Writes `section` into bench/results.md in place of an older real-browser section. */
export function writeBrowserSection(section: string, file: string = RESULTS): void {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = '# Bench results\n';
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, replaceBrowserSection(current, section));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBrowserBench()
    .then((result) => {
      // BENCH_RESULTS=<file> writes elsewhere (e.g. to compare two builds without touching bench/results.md).
      const file = process.env.BENCH_RESULTS ?? RESULTS;
      writeBrowserSection(result.markdown, file);
      console.log(`\nWritten to ${path.relative(ROOT, file)} (section "Real browser")`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    });
}
