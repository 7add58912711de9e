/**
 * The library's figures in the real browser: Debian's Chromium with the built extension (test/e2e harness), a
 * library of 1,000 and 5,000 papers imported through the background, and what a user waits for:
 *
 * - popup open: navigation start → the first library row painted (popup.html#/library in a 400×600 tab), with
 *   the service worker running (warm) and stopped first through CDP (cold: the first message starts it);
 * - filter: a keystroke in the library's search box → the filtered list painted (per key, typing a word);
 * - export, end to end: the options page's Export click → the download handed to the browser (its blob link
 *   clicked), per format; and the pure lib/export call on the same items inside the page, plus the listLibrary
 *   round trip that the export starts with.
 *
 *   npx tsx scripts/bench-library.ts [--runs 15] [--sizes 1000,5000] [--out bench/library.md] [--max-load 2.5]
 *
 * "Painted" is the task after the next animation frame (rAF, then a MessageChannel message), as in
 * scripts/bench-browser.ts. Nothing here asserts on time; it checks that what was timed is right (row counts,
 * filtered counts computed with lib/app/library-view, downloaded entry counts) and fails loudly otherwise.
 *
 * The library is built from data/papers.json: every record once, then (for sizes above the dataset) copies with
 * synthetic arXiv ids and " (copy n)" titles. The dataset has no authors, so each item gets 2–6 made-up names;
 * tags, notes and statuses are spread deterministically. It is imported as a JSON backup (lib/export's
 * buildJsonBackup) through the importLibrary message, as the options page would.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { EMPTY_FILTER, filterLibrary } from '../lib/app/library-view';
import type { PaperRecord } from '../lib/dataset/schema';
import { LibraryItem } from '../lib/db/schema';
import { buildJsonBackup, EXPORT_FORMAT_IDS, type ExportFormat } from '../lib/export';
import { isArxivId, isOpenReviewId } from '../lib/paper-id';
import { type ExtensionHarness, launchExtension } from '../test/e2e/browser';
import {
  BUILD_OUTPUT_DIR,
  buildExtension,
  EXTENSION_DIR,
  newestInputMtime,
  readBuiltManifest,
} from '../test/e2e/build';
import { type FixtureServer, startFixtureServer } from '../test/e2e/fixture-server';
import { PAPERS } from '../test/e2e/helpers/dataset';
import { enMessage, enPapers, listLibrary, openExtensionPage, send } from '../test/e2e/helpers/library';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Command-line options. */
export interface Options {
  runs: number;
  sizes: number[];
  out: string;
  /** Wait while the 1-minute load average is above this… */
  maxLoad: number;
  /** …for at most this long, then measure anyway and say so. */
  maxWaitMs: number;
}

/** Reads the command line (flags after the script name); throws a usage error on anything it does not know. */
export function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    runs: 15,
    sizes: [1_000, 5_000],
    out: path.join(ROOT, 'bench/library.md'),
    maxLoad: 2.5,
    maxWaitMs: 10 * 60_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--runs') options.runs = Number(value);
    else if (flag === '--sizes') options.sizes = value.split(',').map(Number);
    else if (flag === '--out') options.out = path.resolve(value);
    else if (flag === '--max-load') options.maxLoad = Number(value);
    else
      throw new Error(`unknown option ${flag} (use --runs N, --sizes 1000,5000, --out file, --max-load L)`);
    i++;
  }
  if (!Number.isInteger(options.runs) || options.runs < 1)
    throw new Error('--runs must be a positive integer');
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 50_000)) {
    throw new Error('--sizes must be integers between 1 and 50000');
  }
  return options;
}

// ---- statistics and the report ------------------------------------------------------------------------------

/** Median and nearest-rank p95 of samples (ms). */
export function summarize(samples: readonly number[]): { median: number; p95: number; n: number } {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: rank(0.95), n: sorted.length };
}

interface Row {
  measure: string;
  size: number;
  samples: number[];
  /** 1-minute load average when the series started, and when it ended. */
  load: number;
  loadAfter: number;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function table(rows: readonly Row[]): string {
  const lines = [
    '| measure | library | median (ms) | p95 (ms) | n | load avg at start → end |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const s = summarize(row.samples);
    lines.push(
      `| ${row.measure} | ${row.size.toLocaleString('en-US')} | ${ms(s.median)} | ${ms(s.p95)} | ${s.n} | ${row.load.toFixed(2)} → ${row.loadAfter.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

// ---- the library to measure ----------------------------------------------------------------------------------

const TAG_POOL = [
  'to cite',
  'baseline',
  'reading group',
  'thesis',
  'kernel',
  'survey',
  'reproduce',
  'slides',
];
const FIRST = ['Ada', 'Ben', 'Chen', 'Dana', 'Emre', 'Fatima', 'Goro', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena'];
const LAST = ['Example', 'Placeholder', 'Sample', 'Testwell', 'Mockridge', 'Fixture', 'Dummy', 'Stubbs'];
const NOTE =
  'Compare with the 4-bit results in Table 3; the group size matters more than the bit width here. ' +
  'Check whether the kernels were fused.';
const STATUSES = ['to-read', 'reading', 'read'] as const;
/** 2026-01-01T00:00:00Z: items are saved over the year before it. */
const EPOCH = Date.UTC(2026, 0, 1);

function recordUrl(record: PaperRecord): string {
  if (record.arxivId) return `https://arxiv.org/abs/${record.arxivId}`;
  if (record.openreviewId && isOpenReviewId(record.openreviewId)) {
    return `https://openreview.net/forum?id=${record.openreviewId}`;
  }
  const other = record.links.other.find((u) => /^https?:\/\//.test(u));
  return other ?? `https://example.org/paper/${encodeURIComponent(record.id)}`;
}

/**
 * `count` library items: every dataset record once, then copies with synthetic new-style arXiv ids (numbers
 * from 90000 up, skipping any id the dataset has). Validated with the library's own schema.
 */
export function benchItems(count: number, records: readonly PaperRecord[] = PAPERS): LibraryItem[] {
  const taken = new Set(records.map((r) => r.arxivId).filter(Boolean));
  const items: LibraryItem[] = [];
  let synthetic = 0;
  for (let i = 0; i < count; i++) {
    const record = records[i % records.length]!;
    const copy = Math.floor(i / records.length);
    let arxivId = record.arxivId;
    let openreviewId =
      record.openreviewId && isOpenReviewId(record.openreviewId) ? record.openreviewId : null;
    let key = arxivId
      ? `arxiv:${arxivId}`
      : openreviewId
        ? `openreview:${openreviewId}`
        : `title:${record.normTitle}`;
    let title = record.title;
    let url = recordUrl(record);
    if (copy > 0) {
      do {
        const month = String((synthetic % 12) + 1).padStart(2, '0');
        const year = String(15 + (Math.floor(synthetic / 12) % 10));
        arxivId = `${year}${month}.${90000 + Math.floor(synthetic / 120)}`;
        synthetic++;
      } while (taken.has(arxivId) || !isArxivId(arxivId));
      taken.add(arxivId);
      openreviewId = null;
      key = `arxiv:${arxivId}`;
      title = `${record.title} (copy ${copy})`;
      url = `https://arxiv.org/abs/${arxivId}`;
    }
    const authors = Array.from(
      { length: 2 + (i % 5) },
      (_, k) => `${FIRST[(i + k * 5) % FIRST.length]} ${LAST[(i * 3 + k) % LAST.length]}`,
    );
    const savedAt = EPOCH - (count - i) * 3_600_000;
    const candidate = {
      key,
      arxivId,
      openreviewId,
      catalogId: copy === 0 ? record.id : null,
      title,
      authors,
      year: record.year,
      leaves: record.leaves,
      url,
      savedAt,
      updatedAt: savedAt + (i % 7) * 60_000,
      tags:
        i % 5 < 3
          ? [...new Set([TAG_POOL[i % TAG_POOL.length]!, TAG_POOL[(i * 3 + 1) % TAG_POOL.length]!])]
          : [],
      note: i % 3 === 0 ? NOTE : '',
      status: STATUSES[i % STATUSES.length]!,
    };
    const parsed = LibraryItem.safeParse(candidate);
    if (!parsed.success) throw new Error(`bench item ${i} (${key}) is invalid: ${parsed.error.message}`);
    items.push(parsed.data);
  }
  const keys = new Set(items.map((item) => item.key));
  if (keys.size !== items.length) throw new Error(`bench items: ${items.length - keys.size} duplicate keys`);
  return items;
}

// ---- the machine and the build -------------------------------------------------------------------------------

async function waitForQuiet(
  options: Options,
  log: (line: string) => void,
  maxWaitMs = options.maxWaitMs,
): Promise<number> {
  const started = Date.now();
  let load = os.loadavg()[0]!;
  while (load > options.maxLoad && Date.now() - started < maxWaitMs) {
    log(`load average ${load.toFixed(2)} > ${options.maxLoad}: waiting…`);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    load = os.loadavg()[0]!;
  }
  if (load > options.maxLoad) log(`load average still ${load.toFixed(2)} after waiting; measuring anyway`);
  return load;
}

/** The extension to measure, copied so a rebuild by someone else cannot change it mid-run. */
async function preparedExtension(log: (line: string) => void): Promise<{ dir: string; cleanUp: () => void }> {
  let source = EXTENSION_DIR;
  if (!process.env.E2E_EXTENSION_DIR) {
    const manifest = path.join(BUILD_OUTPUT_DIR, 'manifest.json');
    if (!existsSync(manifest) || newestInputMtime(ROOT) > statSync(manifest).mtimeMs) {
      log('the build is missing or older than the sources: running `wxt build`…');
      await buildExtension(ROOT);
    }
    source = BUILD_OUTPUT_DIR;
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-bench-library-'));
  const dir = path.join(parent, 'chrome-mv3');
  cpSync(source, dir, { recursive: true });
  return { dir, cleanUp: () => rmSync(parent, { recursive: true, force: true }) };
}

/** lib/export as one script that defines `globalThis.__elExportLib`, for timing the pure call in the page. */
async function exportBundle(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'lib/export/index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__elExportLib',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild produced no bundle of lib/export');
  return `${code}\nglobalThis.__elExportLib = __elExportLib;`;
}

// ---- in-page probes (strings: tsx would otherwise inject its helpers into functions sent to the page) --------

/** Init script: performance.now() when the first library row is painted (`window.__elOpen`). */
const OPEN_PROBE = `(() => {
  if (window.__elOpen) return;
  let resolveDone;
  const done = new Promise((resolve) => { resolveDone = resolve; });
  const state = { done, painted: null, count: null };
  window.__elOpen = state;
  const seen = () => {
    if (!document.querySelector('[data-testid="library-row"]')) return false;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        state.painted = performance.now();
        state.count = document.querySelector('[data-testid="library-count"]')?.textContent ?? null;
        resolveDone(state.painted);
      };
      channel.port2.postMessage(null);
    });
    return true;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  const start = () => observer.observe(document.documentElement, { childList: true, subtree: true });
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
})()`;

/** Keystroke in the search box → painted: keydown's timestamp to the task after the frame after its input. */
const KEY_PROBE = `(() => {
  window.__elKeys = [];
  let keyAt = null;
  // Characters only: clearing the box between runs (Playwright's fill('') presses Delete) must not count.
  document.addEventListener('keydown', (e) => {
    if (e.key.length === 1 && e.target && e.target.dataset && e.target.dataset.testid === 'library-search') {
      keyAt = e.timeStamp;
    }
  }, true);
  document.addEventListener('input', (e) => {
    if (keyAt === null || !e.target || !e.target.dataset || e.target.dataset.testid !== 'library-search') return;
    const t0 = keyAt;
    const value = e.target.value;
    keyAt = null;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__elKeys.push({
          ms: performance.now() - t0,
          value,
          count: document.querySelector('[data-testid="library-count"]')?.textContent ?? '',
        });
      };
      channel.port2.postMessage(null);
    });
  }, true);
})()`;

/** Export click → the download's link clicked (lib/app/download.ts), per click (`window.__elExport`). */
const EXPORT_PROBE = `(() => {
  window.__elExport = [];
  let clickAt = null;
  document.addEventListener('click', (e) => {
    if (e.target && e.target.closest && e.target.closest('[data-testid="export-button"]')) clickAt = e.timeStamp;
  }, true);
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download && clickAt !== null) {
      window.__elExport.push(performance.now() - clickAt);
      clickAt = null;
    }
    return click.call(this);
  };
})()`;

// ---- measurements --------------------------------------------------------------------------------------------

/** Stops the extension's service worker through CDP and waits until it is stopped. */
async function stopServiceWorker(cdp: CDPSession, status: () => string): Promise<void> {
  await cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 10_000;
  while (status() !== 'stopped') {
    if (Date.now() > deadline) throw new Error(`the service worker did not stop (status: ${status()})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function popupOpen(h: ExtensionHarness, size: number): Promise<number> {
  const page = await h.context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(OPEN_PROBE);
    await page.goto(h.extensionUrl('popup.html#/library'), { waitUntil: 'commit' });
    // A function, not a string: extension pages' CSP forbids eval, which the string form uses.
    await page.waitForFunction(
      () => (window as unknown as { __elOpen?: { painted: number | null } }).__elOpen?.painted != null,
      null,
      { timeout: 60_000 },
    );
    const { painted, count } = (await page.evaluate(
      '({ painted: __elOpen.painted, count: __elOpen.count })',
    )) as {
      painted: number;
      count: string | null;
    };
    if (count !== enPapers(size)) throw new Error(`popup showed "${count}", expected "${enPapers(size)}"`);
    return painted;
  } finally {
    await page.close();
  }
}

/** Types `word` into the library search `runs` times; per-keystroke samples, checked against lib/app. */
async function filterTimes(
  h: ExtensionHarness,
  items: readonly LibraryItem[],
  word: string,
  runs: number,
): Promise<number[]> {
  const page = await openExtensionPage(h, 'popup.html#/library');
  try {
    await page.locator('[data-testid="library-row"]').first().waitFor({ timeout: 60_000 });
    await page.evaluate(KEY_PROBE);
    const search = page.locator('[data-testid="library-search"]');
    const counts = [...word].map((_, i) =>
      filterLibrary(items, { ...EMPTY_FILTER, text: word.slice(0, i + 1) }, 'en').length.toLocaleString(
        'en-US',
      ),
    );
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      await search.fill('');
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid="library-count"]')?.textContent === text,
        enPapers(items.length),
      );
      await page.evaluate('window.__elKeys = []');
      await search.focus();
      for (const [i, ch] of [...word].entries()) {
        await page.keyboard.press(ch);
        await page.waitForFunction(
          (n) => (window as unknown as { __elKeys: unknown[] }).__elKeys.length >= n,
          i + 1,
        );
        await page.waitForTimeout(30);
      }
      const keys = (await page.evaluate('window.__elKeys')) as { ms: number; value: string; count: string }[];
      for (const [i, key] of keys.entries()) {
        const expected = enMessage('library_shownOfTotal', counts[i]!, items.length.toLocaleString('en-US'));
        if (key.value !== word.slice(0, i + 1) || key.count !== expected) {
          throw new Error(
            `keystroke ${i + 1}: painted "${key.count}" for "${key.value}", expected "${expected}"`,
          );
        }
        samples.push(key.ms);
      }
    }
    return samples;
  } finally {
    await page.close();
  }
}

/** listLibrary round trips and the pure lib/export call per format, timed inside the options page. */
async function inPageExport(
  page: Page,
  bundle: string,
  runs: number,
): Promise<{ list: number[]; formats: Record<ExportFormat, number[]> }> {
  await page.evaluate(bundle);
  return (await page.evaluate(
    `(async ({ runs, formats }) => {
      const list = [];
      let items = null;
      for (let i = 0; i < runs + 2; i++) {
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage({ type: 'listLibrary', input: {} });
        const dt = performance.now() - t0;
        if (!reply || !reply.ok) throw new Error('listLibrary failed: ' + (reply && reply.error));
        items = reply.value;
        if (i >= 2) list.push(dt);
      }
      const out = {};
      for (const format of formats) {
        out[format] = [];
        for (let i = 0; i < runs + 2; i++) {
          const t0 = performance.now();
          const file = __elExportLib.exportLibrary(items, format, { now: Date.now(), timeZone: 'UTC' });
          const dt = performance.now() - t0;
          if (!file.text) throw new Error(format + ': empty export');
          if (i >= 2) out[format].push(dt);
        }
      }
      return { list, formats: out };
    })(${JSON.stringify({ runs, formats: EXPORT_FORMAT_IDS })})`,
  )) as { list: number[]; formats: Record<ExportFormat, number[]> };
}

/** Pause between two timed exports (see endToEndExport). */
const EXPORT_GAP_MS = 1_000;

/** Options page Export click → download link clicked, per format; each download is checked. */
async function endToEndExport(
  page: Page,
  size: number,
  runs: number,
): Promise<Record<ExportFormat, number[]>> {
  await page.evaluate(EXPORT_PROBE);
  const out = {} as Record<ExportFormat, number[]>;
  for (const format of EXPORT_FORMAT_IDS) {
    const samples: number[] = [];
    out[format] = samples;
    await page.locator('[data-testid="export-format"]').selectOption(format);
    for (let i = 0; i < runs + 1; i++) {
      await page.evaluate('window.__elExport = []');
      // Chromium silently drops every 11th of a rapid series of downloads from one page (seen with Chromium 156:
      // no download event, although the page clicked the link), so runs are spaced out; the gap is not timed.
      await page.waitForTimeout(EXPORT_GAP_MS);
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }).catch((error: Error) => {
          throw new Error(`${format}: no download within 30 s of the Export click (${error.message})`);
        }),
        page.locator('[data-testid="export-button"]').click(),
      ]);
      const file = await download.path();
      const text = readFileSync(file, 'utf8');
      const entries =
        format === 'bibtex'
          ? (text.match(/^@\w+\{/gm) ?? []).length
          : format === 'ris'
            ? (text.match(/^TY {2}- /gm) ?? []).length
            : format === 'json'
              ? (JSON.parse(text) as { items: unknown[] }).items.length
              : format === 'csl-json'
                ? (JSON.parse(text) as unknown[]).length
                : null;
      if (entries !== null && entries !== size)
        throw new Error(`${format}: ${entries} entries, expected ${size}`);
      await download.delete();
      const [sample] = (await page.evaluate('window.__elExport')) as number[];
      if (sample === undefined) throw new Error(`${format}: the export probe saw no download link click`);
      // The first export of each format warms its code paths up and is not counted.
      if (i > 0) samples.push(sample);
      await page.locator('[data-testid="export-button"]:not([disabled])').waitFor();
    }
  }
  return out;
}

async function measureSize(
  size: number,
  options: Options,
  server: FixtureServer,
  extensionDir: string,
  bundle: string,
  log: (line: string) => void,
): Promise<{ rows: Row[]; notes: string[]; chromium: string }> {
  const load = await waitForQuiet(options, log);
  log(`${size} items (load average ${load.toFixed(2)})`);
  const items = benchItems(size);
  const backup = buildJsonBackup(items, { now: EPOCH });
  const h = await launchExtension({ server, extensionDir, serviceWorkerTimeoutMs: 30_000 });
  const rows: Row[] = [];
  const notes: string[] = [];
  /** Runs one series (after waiting up to 2 min for a quiet machine) and records the load around it. */
  const series = async <T>(measure: (result: T) => [string, number[]][], run: () => Promise<T>) => {
    const before = await waitForQuiet(options, log, 2 * 60_000);
    const result = await run();
    const after = os.loadavg()[0]!;
    for (const [name, samples] of measure(result)) {
      rows.push({ measure: name, size, samples, load: before, loadAfter: after });
    }
  };
  try {
    const options_ = await openExtensionPage(h, 'options.html', { width: 1000, height: 900 });
    const chromium =
      ((await options_.evaluate('navigator.userAgent')) as string).match(/Chrome\/[\d.]+/)?.[0] ?? '?';
    const t0 = performance.now();
    const report = await send<{ added: number }>(options_, 'importLibrary', { format: 'json', text: backup });
    const importMs = performance.now() - t0;
    if (report.added !== size) throw new Error(`import added ${report.added} of ${size}`);
    const stored = await listLibrary(options_);
    if (stored.length !== size) throw new Error(`listLibrary returned ${stored.length} of ${size}`);
    notes.push(
      `${size.toLocaleString('en-US')} items: backup ${(backup.length / 1024 / 1024).toFixed(1)} MiB, imported in ${importMs.toFixed(0)} ms (one run, message round trip from the options page).`,
    );

    // Popup open, warm worker: two runs to warm up, then the timed ones.
    await series(
      (warm) => [['popup open → first row painted (worker running)', warm]],
      async () => {
        for (let i = 0; i < 2; i++) await popupOpen(h, size);
        const warm: number[] = [];
        for (let i = 0; i < options.runs; i++) warm.push(await popupOpen(h, size));
        return warm;
      },
    );

    // Popup open, cold worker: stopped through CDP before each open.
    const cdp = await h.context.newCDPSession(options_);
    let status = 'unknown';
    const prefix = `chrome-extension://${h.extensionId}/`;
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const v of event.versions) if (v.scriptURL.startsWith(prefix)) status = v.runningStatus;
    });
    await cdp.send('ServiceWorker.enable');
    await series(
      (cold) => [['popup open → first row painted (worker stopped)', cold]],
      async () => {
        const cold: number[] = [];
        for (let i = 0; i < options.runs; i++) {
          await stopServiceWorker(cdp, () => status);
          cold.push(await popupOpen(h, size));
        }
        return cold;
      },
    );
    await cdp.detach();

    const word = 'efficient';
    await series(
      (keys) => [[`filter: keystroke → painted (typing "${word}")`, keys]],
      () => filterTimes(h, stored, word, options.runs),
    );

    await series(
      (inPage) => [
        ['listLibrary round trip (in the page)', inPage.list],
        ...EXPORT_FORMAT_IDS.map((format): [string, number[]] => [
          `exportLibrary ${format} (pure call, in the page)`,
          inPage.formats[format],
        ]),
      ],
      () => inPageExport(options_, bundle, options.runs),
    );

    // The options page shows the size before Export is enabled.
    await options_.reload({ waitUntil: 'load' });
    await options_.locator('[data-testid="export-button"]:not([disabled])').waitFor({ timeout: 60_000 });
    await series(
      (e2e) =>
        EXPORT_FORMAT_IDS.map((format): [string, number[]] => [
          `export ${format}: click → download started`,
          e2e[format],
        ]),
      () => endToEndExport(options_, size, options.runs),
    );
    h.assertNoForeignRequests();
    return { rows, notes, chromium };
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => console.info(`[bench-library] ${line}`);
  const started = new Date();
  const startLoad = os.loadavg()[0]!;
  const { dir, cleanUp } = await preparedExtension(log);
  const workerFile = readBuiltManifest(dir).background?.service_worker ?? 'background.js';
  const workerKiB = (statSync(path.join(dir, workerFile)).size / 1024).toFixed(0);
  const bundle = await exportBundle();
  const server = await startFixtureServer();
  const rows: Row[] = [];
  const notes: string[] = [];
  let chromium = '?';
  try {
    for (const size of options.sizes) {
      const result = await measureSize(size, options, server, dir, bundle, log);
      rows.push(...result.rows);
      notes.push(...result.notes);
      chromium = result.chromium;
    }
  } finally {
    await server.close();
    cleanUp();
  }
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const markdown = [
    '# Library figures (real browser)',
    '',
    `Generated by \`npx tsx scripts/bench-library.ts\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ` +
      `headless ${chromium.replace('/', ' ')} (Debian), Node ${process.version}, ${cpu}, ${os.cpus().length} cores ` +
      `(load average ${startLoad.toFixed(2)} when the script started; each size waits up to 10 min, and each series up to 2 min, for the 1-minute load average to be ≤ ${options.maxLoad}; the table gives it at the start and end of each series). ` +
      'Timings are wall-clock, vary between runs, and nothing asserts on them.',
    '',
    table(rows),
    '',
    'How each figure is taken:',
    '',
    "- **popup open**: a new 400×600 tab navigates to `popup.html#/library`; from navigation start (the page's " +
      'time origin) to the task after the animation frame that follows the first `library-row` in the DOM. The ' +
      'count shown must be the whole library. A real toolbar popup adds its window; Chromium cannot open one from ' +
      'a test. "Worker stopped": CDP `ServiceWorker.stopAllWorkers` before each open, so the popup\'s first ' +
      `message starts the background (${workerKiB} KiB script) and opens the library database. The options page stays ` +
      "open throughout, so the extension's renderer process is already running in both cases.",
    "- **filter**: the search box gets real key presses (CDP); from the `keydown` event's timestamp to the task " +
      'after the frame that follows its `input` event. Every keystroke of the word is a sample; the count painted ' +
      'is checked against lib/app/library-view `filterLibrary` on the same items.',
    '- **listLibrary / exportLibrary (in the page)**: `performance.now()` around `chrome.runtime.sendMessage` ' +
      'and around lib/export `exportLibrary` (bundled with esbuild and evaluated in the options page), on the ' +
      'items listLibrary returned; two warm-up runs not counted.',
    "- **export click → download started**: the options page's Export button, from the click event's timestamp " +
      "to the page clicking the download's blob link (listLibrary, export, Blob); the file Chromium saved is " +
      'checked (entry count for BibTeX, RIS, CSL-JSON and the backup). The first export per format is not counted, ' +
      'and exports are 1 s apart (Chromium 156 drops every 11th of a rapid series of downloads from one page).',
    '',
    `The library: every record of data/papers.json once (${PAPERS.length.toLocaleString('en-US')}), then copies with synthetic arXiv ids and ` +
      '" (copy n)" titles; 2–6 made-up authors each (the dataset has none), tags on 3 in 5, a note on 1 in 3, ' +
      'statuses in turn. Imported as a JSON backup through the `importLibrary` message.',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, markdown);
  console.info(`\n${table(rows)}\n`);
  log(`wrote ${path.relative(ROOT, options.out)}`);
}

// Run only as a script (the exports above are importable for tests).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
