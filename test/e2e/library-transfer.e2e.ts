/**
 * Moving a library out and in through the real pages: export from the options page (BibTeX and the JSON backup)
 * and from the library's bulk bar, each captured as the download Chromium makes of the page's blob link; the
 * backup imported into a fresh profile through the options page's file picker (dry-run preview, then confirm)
 * gives back the same library; corrupt files change nothing and say why.
 *
 * Expected file contents are computed with lib/export from the items the background lists, never copied.
 * One browser at a time: the first profile is closed before the fresh one starts.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryItem } from '../../lib/db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, exportLibrary, type LibraryBackup } from '../../lib/export';
import { planImport } from '../../lib/import';
import { isOpenReviewId } from '../../lib/paper-id';
import { type ExtensionHarness, launchExtension } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { PAPERS, requireRecord } from './helpers/dataset';
import {
  byKey,
  captureDownload,
  enMessage,
  enPapers,
  libraryView,
  listLibrary,
  listSnapshots,
  openExtensionPage,
  send,
  shownRows,
} from './helpers/library';
import { watchPage } from './helpers/overlay';

const LORA = requireRecord('2106.09685');
const FLASH = requireRecord('2205.14135');
const OPENREVIEW_ONLY = (() => {
  const record = PAPERS.find((r) => r.arxivId === null && r.openreviewId && isOpenReviewId(r.openreviewId));
  if (!record) throw new Error('test premise: the dataset has no OpenReview-only paper');
  return record;
})();
const LORA_NOTE = 'Rank 8 is enough (Table 5) — 低秩适配.\n{Braces}, 100% "quotes" & a backslash \\ stay.';

/** One paper to seed: what savePaper gets, then the edits updateLibraryItem applies. */
interface Seed {
  save: Record<string, unknown>;
  edit: { tags?: string[]; note?: string; status?: 'to-read' | 'reading' | 'read' };
}

/** Five papers of every kind of key: arXiv (new and old style), OpenReview-only, and title-only. */
const SEEDS: Seed[] = [
  {
    save: {
      arxivId: LORA.arxivId,
      title: LORA.title,
      authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis', 'Zeyuan Allen-Zhu'],
      url: `https://arxiv.org/abs/${LORA.arxivId}`,
      leaves: LORA.leaves,
    },
    edit: { tags: ['to cite', 'PEFT'], note: LORA_NOTE, status: 'reading' },
  },
  {
    save: { arxivId: FLASH.arxivId, title: FLASH.title, url: `https://arxiv.org/abs/${FLASH.arxivId}` },
    edit: { tags: ['kernel'], status: 'read' },
  },
  {
    save: {
      openreviewId: OPENREVIEW_ONLY.openreviewId,
      title: OPENREVIEW_ONLY.title,
      url: `https://openreview.net/forum?id=${OPENREVIEW_ONLY.openreviewId}`,
    },
    edit: { note: 'Found through OpenReview only.' },
  },
  {
    save: {
      arxivId: 'hep-th/9711200',
      title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
      authors: ['Juan M. Maldacena'],
      url: 'https://arxiv.org/abs/hep-th/9711200',
    },
    edit: { status: 'read', tags: ['not in the survey'] },
  },
  {
    save: { title: 'Hand-Written Notes on Sparse Kernels', url: 'https://example.org/notes/sparse-kernels' },
    edit: { tags: ['own'], note: 'No id at all: keyed by its title.' },
  },
];

let server: FixtureServer;
let h: ExtensionHarness;
/** The first profile's library, and its JSON backup as downloaded from the options page. */
let firstLibrary: LibraryItem[] = [];
let backupText: string | null = null;

beforeAll(async () => {
  server = await startFixtureServer();
  h = await launchExtension({ server });
  const seeder = await openExtensionPage(h, 'popup.html#/library');
  for (const seed of SEEDS) {
    const item = await send<LibraryItem>(seeder, 'savePaper', seed.save);
    await send(seeder, 'updateLibraryItem', { key: item.key, ...seed.edit });
  }
  firstLibrary = await listLibrary(seeder);
  await seeder.close();
  expect(firstLibrary).toHaveLength(SEEDS.length);
});

afterEach(() => {
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** The options page, once it knows the library's size. */
async function openOptions(expectedCount: number): Promise<Page> {
  const page = await openExtensionPage(h, 'options.html', { width: 1000, height: 900 });
  await expect
    .poll(() => page.locator('[data-testid="library-size"]').textContent(), { timeout: 10_000 })
    .toBe(enMessage('options_librarySize', enPapers(expectedCount)));
  return page;
}

const DATE_NAME = /^efficiency-lens-\d{4}-\d{2}-\d{2}\./;

describe('export', () => {
  it('downloads BibTeX and the JSON backup of the whole library from the options page', async () => {
    const page = await openOptions(SEEDS.length);
    const watch = watchPage(page);
    const items = await listLibrary(page);
    expect(byKey(items)).toEqual(byKey(firstLibrary));

    await page.locator('[data-testid="export-format"]').selectOption('bibtex');
    const bib = await captureDownload(page, () => page.locator('[data-testid="export-button"]').click());
    expect(bib.fileName).toMatch(new RegExp(`${DATE_NAME.source}bib$`));
    expect(bib.text).toBe(exportLibrary(items, 'bibtex', { now: Date.now() }).text);
    expect(bib.text.match(/^@\w+\{/gm)).toHaveLength(SEEDS.length);
    const loraEntry = bib.text.split(/^(?=@)/m).find((entry) => entry.includes(LORA.arxivId!));
    expect(loraEntry).toContain('eprint = {2106.09685}');
    expect(loraEntry).toContain('archivePrefix = {arXiv}');
    expect(bib.text).toContain('eprint = {hep-th/9711200}');
    await expect(
      page.locator('[data-testid="section-data"] [data-testid="notice"]').textContent(),
    ).resolves.toContain(enMessage('export_done', SEEDS.length, bib.fileName));

    await page.locator('[data-testid="export-format"]').selectOption('json');
    const json = await captureDownload(page, () => page.locator('[data-testid="export-button"]').click());
    expect(json.fileName).toMatch(new RegExp(`${DATE_NAME.source}json$`));
    const backup = JSON.parse(json.text) as LibraryBackup;
    expect(backup.format).toBe(BACKUP_FORMAT);
    expect(backup.version).toBe(BACKUP_VERSION);
    expect(Math.abs(Date.parse(backup.exportedAt) - Date.now())).toBeLessThan(60_000);
    expect(backup.items).toEqual(items);
    const lora = backup.items.find((i) => i.arxivId === LORA.arxivId);
    expect(lora).toMatchObject({ note: LORA_NOTE, tags: ['to cite', 'PEFT'], status: 'reading' });
    backupText = json.text;

    watch.assertClean();
    await page.close();
  });

  it("exports only the selected rows from the library's bulk bar", async () => {
    const page = await openExtensionPage(h, 'popup.html#/library');
    await libraryView(page);
    const items = await listLibrary(page);
    const chosen = new Set([`arxiv:${LORA.arxivId}`, `arxiv:${FLASH.arxivId}`]);
    for (const key of chosen) {
      await page.locator(`[data-testid="library-row"][data-key="${key}"] [data-testid="row-select"]`).click();
    }
    await expect(page.locator('[data-testid="bulk-count"]').textContent()).resolves.toBe(
      enMessage('bulk_selected', 2),
    );
    for (const format of ['bibtex', 'markdown'] as const) {
      await page.locator('[data-testid="bulk-export-format"]').selectOption(format);
      const file = await captureDownload(page, () => page.locator('[data-testid="bulk-export"]').click());
      const selected = items.filter((i) => chosen.has(i.key));
      expect(file.text, format).toBe(exportLibrary(selected, format, { now: Date.now() }).text);
    }
    await page.close();
  });
});

describe('import into a fresh profile', () => {
  it('previews the backup without writing, then imports exactly the first library', async () => {
    if (!backupText) throw new Error('test premise: the export test must run first and capture the backup');
    await h.close();
    h = await launchExtension({ server });

    const page = await openOptions(0);
    const watch = watchPage(page);
    const file = { name: 'efficiency-lens-backup.json', mimeType: 'application/json' };
    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles({ ...file, buffer: Buffer.from(backupText) });
    const preview = page.locator('[data-testid="import-preview"]');
    await preview.waitFor({ timeout: 10_000 });
    await expect(preview.locator('[data-testid="import-added"]').textContent()).resolves.toBe(
      enMessage('import_added', SEEDS.length),
    );
    await expect(preview.locator('[data-testid="import-merged"]').textContent()).resolves.toBe(
      enMessage('import_merged', 0),
    );
    await expect(preview.locator('[data-testid="import-rejected"]').textContent()).resolves.toBe(
      enMessage('import_rejected', 0),
    );
    // The dry run wrote nothing and took no snapshot.
    expect(await listLibrary(page)).toEqual([]);
    expect(await listSnapshots(page)).toEqual([]);

    await preview.locator('[data-testid="import-confirm"]').click();
    const done = page.locator('[data-testid="import-done"]');
    await done.waitFor({ timeout: 10_000 });
    await expect(done.locator('[data-testid="import-added"]').textContent()).resolves.toBe(
      enMessage('import_added', SEEDS.length),
    );
    expect(byKey(await listLibrary(page))).toEqual(byKey(firstLibrary));
    const snapshots = await listSnapshots(page);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ reason: 'import', count: 0 });
    await expect
      .poll(() => page.locator('[data-testid="library-size"]').textContent())
      .toBe(enMessage('options_librarySize', enPapers(SEEDS.length)));

    // The popup of the new profile lists them, with the imported notes, tags and statuses.
    const popup = await openExtensionPage(h, 'popup.html#/library', { width: 400, height: 1200 });
    await libraryView(popup);
    const rows = await shownRows(popup);
    expect(rows.map((r) => r.key)).toEqual(firstLibrary.map((i) => i.key));
    const loraRow = rows.find((r) => r.key === `arxiv:${LORA.arxivId}`);
    expect(loraRow).toMatchObject({
      tags: ['to cite', 'PEFT'],
      hasNote: true,
      status: enMessage('status_reading'),
    });
    await popup.close();

    // The same file again changes nothing: the preview says so and offers no import.
    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles({ ...file, buffer: Buffer.from(backupText) });
    await preview.waitFor({ timeout: 10_000 });
    await expect(preview.locator('[data-testid="import-unchanged"]').textContent()).resolves.toBe(
      enMessage('import_unchanged', SEEDS.length),
    );
    await expect(preview.locator('[data-testid="import-confirm"]').isDisabled()).resolves.toBe(true);
    await expect(preview.textContent()).resolves.toContain(enMessage('import_nothingToDo'));
    await preview.locator('[data-testid="import-cancel"]').click();
    await expect(preview.count()).resolves.toBe(0);
    watch.assertClean();
    await page.close();
  });
});

/** A corrupt or foreign file and what the page must say about it. */
interface BadFile {
  name: string;
  file: string;
  text: () => string;
  /**
   * 'refused': the whole file is refused with an error (the text of lib/import's plan error, or of the page's
   * own format check); 'preview': the dry run lists rejected entries and the user cancels.
   */
  outcome: 'refused' | 'preview';
  /** For 'refused': the reason expected in the alert. */
  reason?: () => string;
}

/** The reason lib/import gives for a file (the JSON parser's own detail varies by engine: cut it off). */
function planReason(text: string, format: 'json' | 'bibtex', cutDetail = false): string {
  const plan = planImport(text, { now: Date.now(), format });
  if (!plan.error) throw new Error(`test premise: lib/import accepts this ${format} file`);
  return cutDetail && plan.error.includes(': ') ? plan.error.slice(0, plan.error.indexOf(': ')) : plan.error;
}

const BAD_BIBTEX = '@article{broken,\n  title = {An unclosed brace,\n  year = 2020\n';
const MIXED_BIBTEX =
  '@misc{fine, title = {A Perfectly Fine Entry}, year = {2021}, url = {https://example.org/fine}}\n' +
  '@misc{, title = }\n@@@@ junk {{{\n';

const BAD_FILES: BadFile[] = [
  {
    name: 'a truncated JSON backup',
    file: 'efficiency-lens-backup.json',
    text: () => backupText!.slice(0, Math.floor(backupText!.length / 2)),
    outcome: 'refused',
    reason: () => planReason(backupText!.slice(0, Math.floor(backupText!.length / 2)), 'json', true),
  },
  {
    name: 'JSON that is not a backup',
    file: 'data.json',
    text: () => '{"hello": "world", "items": 3}',
    outcome: 'refused',
    reason: () => planReason('{"hello": "world", "items": 3}', 'json'),
  },
  {
    name: 'a .bib file of garbage',
    file: 'garbage.bib',
    text: () => '\u0001\u0002 lorem ipsum }}}{{ ~~~ not BibTeX at all\n',
    outcome: 'refused',
    reason: () => planReason('\u0001\u0002 lorem ipsum }}}{{ ~~~ not BibTeX at all\n', 'bibtex'),
  },
  {
    name: 'a file that is neither JSON nor BibTeX',
    file: 'notes.txt',
    text: () => 'Just some notes.\n',
    outcome: 'refused',
    reason: () => enMessage('import_unknownFormat', 'notes.txt'),
  },
  {
    name: 'BibTeX whose only entry is broken',
    file: 'broken.bib',
    text: () => BAD_BIBTEX,
    outcome: 'preview',
  },
  {
    name: 'BibTeX with one good entry among garbage (previewed, then cancelled)',
    file: 'mixed.bib',
    text: () => MIXED_BIBTEX,
    outcome: 'preview',
  },
];

describe('a corrupt import', () => {
  it.each(BAD_FILES)('changes nothing and says why: $name', async (bad) => {
    if (!backupText) throw new Error('test premise: the export test must run first and capture the backup');
    const page = await openOptions(SEEDS.length);
    const watch = watchPage(page);
    const libraryBefore = await listLibrary(page);
    const snapshotsBefore = await listSnapshots(page);
    const text = bad.text();
    await page
      .locator('[data-testid="import-file"]')
      .setInputFiles({ name: bad.file, mimeType: 'text/plain', buffer: Buffer.from(text) });

    const section = page.locator('[data-testid="section-data"]');
    if (bad.outcome === 'refused') {
      const alert = section.locator('[role="alert"]');
      await alert.waitFor({ timeout: 10_000 });
      await expect(alert.textContent()).resolves.toContain(bad.reason!());
      await expect(section.locator('[data-testid="import-preview"]').count()).resolves.toBe(0);
    } else {
      const plan = planImport(text, { now: Date.now(), format: 'bibtex' });
      const preview = section.locator('[data-testid="import-preview"]');
      await preview.waitFor({ timeout: 10_000 });
      await expect(preview.locator('[data-testid="import-added"]').textContent()).resolves.toBe(
        enMessage('import_added', plan.items.length),
      );
      await expect(preview.locator('[data-testid="import-rejected"]').textContent()).resolves.toBe(
        enMessage('import_rejected', plan.rejected.length),
      );
      expect(plan.rejected.length).toBeGreaterThan(0);
      // Each skipped entry is listed with its reason.
      await preview.locator('summary').click();
      const listed = await preview.locator('details li').allTextContents();
      expect(listed).toEqual(
        plan.rejected.map((r) => enMessage('import_rejectedEntry', r.index + 1, r.reason)),
      );
      await expect(preview.locator('[data-testid="import-confirm"]').isDisabled()).resolves.toBe(
        plan.items.length === 0,
      );
      await preview.locator('[data-testid="import-cancel"]').click();
      await expect(preview.count()).resolves.toBe(0);
    }

    expect(await listLibrary(page)).toEqual(libraryBefore);
    expect(await listSnapshots(page)).toEqual(snapshotsBefore);
    watch.assertClean();
    await page.close();
  });
});
