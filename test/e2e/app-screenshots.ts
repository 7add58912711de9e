/**
 * Screenshots of the extension pages for docs/screenshots/, taken in the real Chromium with the built extension:
 *
 *   npx wxt build && npx tsx test/e2e/app-screenshots.ts [outDir]
 *
 * The library is seeded through the same messages the pages send (savePaper, updateLibraryItem) from an extension
 * page, with papers of the bundled dataset (listNode), so the pictures show real data. Every host except the
 * fixture server is unreachable (test/e2e/browser.ts), and the script fails if anything tried to leave.
 *
 * It also measures, in Chromium, how long the library view takes to filter a 1,000-paper library as you type.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionHarness, launchExtension } from './browser';
import { BUILD_OUTPUT_DIR } from './build';
import { REPO_ROOT } from './fixture-server';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const OUT = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'docs/screenshots'));

/**
 * A copy of the build with `default_locale`, which wxt.config.ts may not have yet: Chromium refuses an extension
 * that has _locales but no default_locale. (No host permission is added: the URLs of arXiv/OpenReview tabs are
 * already visible to the extension through its content-script matches and its PDF host permissions, so "This
 * paper" works as the extension ships.)
 */
function preparedBuild(): { dir: string; patched: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-shots-'));
  cpSync(BUILD_OUTPUT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const patched: string[] = [];
  if (!manifest.default_locale) {
    manifest.default_locale = 'en';
    patched.push('default_locale');
  }
  writeFileSync(file, JSON.stringify(manifest));
  return { dir, patched };
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Send a message from an extension page (the sender the background accepts for library changes). */
async function send(page: Page, type: string, input: unknown): Promise<unknown> {
  const reply = (await page.evaluate(([t, i]) => chrome.runtime.sendMessage({ type: t, input: i }), [
    type,
    input,
  ] as const)) as Reply;
  if (!reply?.ok) throw new Error(`${type} failed: ${reply ? reply.error : 'no reply'}`);
  return reply.value;
}

interface CatalogRecord {
  arxivId: string | null;
  openreviewId: string | null;
  title: string;
  leaves: string[];
}

const TAGS = [
  ['to cite'],
  ['baseline'],
  ['to cite', 'reading group'],
  [],
  ['survey'],
  ['kernel'],
  [],
  ['thesis'],
];
const STATUSES = ['to-read', 'reading', 'read'] as const;
const NOTES = ['', 'Compare with the 4-bit results in Table 3.', '', 'Group size 128 works best here.', ''];

/** Save `count` papers from a few taxonomy leaves, with tags, statuses and notes. */
async function seedLibrary(page: Page, count: number): Promise<number> {
  const leaves = [
    'quantization',
    'parameter-efficient-fine-tuning',
    'pruning',
    'efficient-attention',
    'knowledge-distillation',
    'sparse-modeling',
  ];
  const records: CatalogRecord[] = [];
  for (const nodeId of leaves) {
    const list = (await send(page, 'listNode', { nodeId, sort: 'year-desc' })) as CatalogRecord[];
    records.push(...list.filter((r) => r.arxivId).slice(0, Math.ceil(count / leaves.length)));
  }
  let saved = 0;
  for (const [i, record] of records.slice(0, count).entries()) {
    const item = (await send(page, 'savePaper', {
      arxivId: record.arxivId,
      title: record.title,
      url: `https://arxiv.org/abs/${record.arxivId}`,
      leaves: record.leaves,
    })) as { key: string };
    await send(page, 'updateLibraryItem', {
      key: item.key,
      tags: TAGS[i % TAGS.length],
      status: STATUSES[i % STATUSES.length],
      note: NOTES[i % NOTES.length],
    });
    saved++;
  }
  return saved;
}

/** Many synthetic papers for the timing run (no dataset lookups: savePaper with made-up ids). */
async function seedMany(page: Page, total: number): Promise<void> {
  const words = [
    'sparse',
    'quantized',
    'efficient',
    'attention',
    'mixture',
    'experts',
    'pruning',
    'distilled',
    'adapter',
    'cache',
  ];
  for (let i = 0; i < total; i++) {
    const id = `${String(1900 + (i % 12) + 1)}.${String(10000 + i).slice(-5)}`;
    const title = `${words[i % words.length]} ${words[(i * 7) % words.length]} language models ${i}`;
    await send(page, 'savePaper', {
      arxivId: id,
      title,
      url: `https://arxiv.org/abs/${id}`,
      leaves: ['quantization'],
    });
  }
}

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(OUT, name), fullPage: options.fullPage ?? false });
  console.info(`wrote ${path.relative(REPO_ROOT, path.join(OUT, name))}`);
}

async function openExtensionPage(h: ExtensionHarness, file: string, size: { width: number; height: number }) {
  const page = await h.context.newPage();
  await page.setViewportSize(size);
  await page.goto(h.extensionUrl(file), { waitUntil: 'load' });
  return page;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { dir, patched } = preparedBuild();
  if (patched.length)
    console.info(`manifest patched for the run (add to wxt.config.ts): ${patched.join(', ')}`);
  const h = await launchExtension({ extensionDir: dir });
  const problems: string[] = [];
  try {
    h.context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
    const popupSize = { width: 400, height: 600 };

    // Seed from an extension page.
    const seeder = await openExtensionPage(h, 'popup.html#/library', popupSize);
    const saved = await seedLibrary(seeder, 20);
    console.info(`seeded ${saved} papers`);
    await seeder.close();

    // Popup: library, light and dark (system theme following prefers-color-scheme).
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openExtensionPage(h, 'popup.html#/library', popupSize);
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForSelector('[data-testid="library-row"]');
      await shot(page, `popup-library-${scheme}.png`);
      if (scheme === 'light') {
        // Filters open, two rows selected: the bulk bar.
        await page.click('[data-testid="filters-toggle"]');
        const checks = page.locator('[data-testid="row-select"]');
        await checks.nth(0).click();
        await checks.nth(2).click();
        await shot(page, 'popup-library-bulk.png');
      }
      await page.close();
    }

    // "This paper": a paper tab in front, the popup page reading it.
    const { page: arxiv } = await h.openPage('https://arxiv.org/abs/2106.09685');
    const paperPopup = await h.context.newPage();
    await paperPopup.setViewportSize(popupSize);
    await arxiv.bringToFront();
    await paperPopup.goto(h.extensionUrl('popup.html#/paper'), { waitUntil: 'load' });
    await paperPopup.waitForSelector('[data-testid="paper-view"]:not([data-state="loading"])');
    await shot(paperPopup, 'popup-paper-light.png');
    await paperPopup.close();

    // Side panel: a narrow, tall page, on the paper (dark) and the browse tree.
    const side = await h.context.newPage();
    await side.setViewportSize({ width: 360, height: 860 });
    await side.emulateMedia({ colorScheme: 'dark' });
    await arxiv.bringToFront();
    await side.goto(h.extensionUrl('sidepanel.html#/paper'), { waitUntil: 'load' });
    await side.waitForSelector('[data-testid="paper-view"]:not([data-state="loading"])');
    await shot(side, 'sidepanel-paper-dark.png');
    await side.goto(h.extensionUrl('sidepanel.html#/browse'), { waitUntil: 'load' });
    await side.waitForSelector('[data-testid="node-count"]');
    await shot(side, 'sidepanel-browse-dark.png');
    await side.close();

    // The full-tab taxonomy browser at a node.
    const browse = await openExtensionPage(h, 'browse.html#/node/quantization', { width: 1200, height: 800 });
    await browse.waitForSelector('[data-testid="node-list"]');
    await shot(browse, 'browse-node.png');
    await browse.close();

    // Options, light, full page.
    const options = await openExtensionPage(h, 'options.html', { width: 1000, height: 900 });
    await options.waitForSelector('[data-testid="dataset-facts"]');
    await shot(options, 'options.png', { fullPage: true });

    // Simplified Chinese, chosen in the options page: the popup follows.
    await options.selectOption('[data-testid="language"]', 'zh_CN');
    await options.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await shot(options, 'options-zh.png');
    const zh = await openExtensionPage(h, 'popup.html#/library', popupSize);
    await zh.waitForSelector('[data-testid="library-row"]');
    await shot(zh, 'popup-library-zh.png');
    await options.selectOption('[data-testid="language"]', 'default');
    await zh.close();
    await options.close();

    // Timing in Chromium: filter a 1,000-paper library by typing into the search box.
    const timing = await openExtensionPage(h, 'popup.html#/library', popupSize);
    await seedMany(timing, 1_000 - saved);
    await timing.reload({ waitUntil: 'load' });
    await timing.waitForSelector('[data-testid="library-row"]');
    const loaded = await timing.evaluate(
      () => document.querySelector('[data-testid="library-count"]')?.textContent,
    );
    const ms = await timing.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="library-search"]')!;
      const runs: number[] = [];
      for (const text of ['e', 'ef', 'eff', 'efficient', 'efficient att', '']) {
        const start = performance.now();
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // Until Preact has rendered and the browser has painted.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        runs.push(performance.now() - start);
      }
      return runs;
    });
    const rows = await timing.evaluate(() => document.querySelectorAll('[data-testid="library-row"]').length);
    console.info(
      `[timing] Chromium, ${loaded}: keystroke → painted ${ms.map((m) => m.toFixed(1)).join(', ')} ms; ${rows} rows in the DOM`,
    );
    await timing.close();

    h.assertNoForeignRequests();
    if (problems.length) throw new Error(problems.join('\n'));
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
