import { afterEach, describe, expect, it } from 'vitest';
import type { PaperRecord } from '../dataset/schema';
import {
  countPapers,
  ensureCatalogSeeded,
  getCatalogMeta,
  getPaper,
  getPaperByArxivId,
  getPaperByOpenReviewId,
  getPapersByLeaf,
  getPapersByTitle,
  loadAllRecords,
  validateBundledDataset,
} from './catalog';
import { listLibraryItems, saveLibraryItem } from './library';
import { openCatalogDb, openLibraryDb } from './open';
import type { BundledDataset } from './schema';
import { FIXTURE_RECORDS, fixtureDataset, makeRecord, uniqueDbName, V1, V2 } from './test-fixtures';

const opened: { close(): void }[] = [];
async function freshCatalog() {
  const db = await openCatalogDb({ name: uniqueDbName('catalog') });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const NEW_RECORD = makeRecord({
  arxivId: '2306.00978',
  title: 'AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration',
  year: 2023,
  leaves: ['quantization'],
});
// v2 drops the first fixture record, renames another and adds one.
const V2_RECORDS = [
  ...FIXTURE_RECORDS.slice(1).map((r) =>
    r.id === 'arxiv:2210.17323'
      ? { ...r, title: 'GPTQ (renamed in v2)', normTitle: 'gptq renamed in v2' }
      : r,
  ),
  NEW_RECORD,
];

describe('ensureCatalogSeeded', () => {
  it('seeds an empty catalog: rows, meta and every lookup', async () => {
    const db = await freshCatalog();
    expect(await getCatalogMeta(db)).toBeNull();
    const result = await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1000 });
    expect(result).toEqual({
      seeded: true,
      version: V1,
      records: FIXTURE_RECORDS.length,
      previousVersion: null,
    });
    expect(await getCatalogMeta(db)).toEqual({
      version: V1,
      records: FIXTURE_RECORDS.length,
      seededAt: 1000,
    });
    expect(await countPapers(db)).toBe(FIXTURE_RECORDS.length);
    expect((await loadAllRecords(db)).map((r) => r.id)).toEqual(FIXTURE_RECORDS.map((r) => r.id).sort());
  });

  const lookups: [string, (db: Awaited<ReturnType<typeof freshCatalog>>) => Promise<unknown>, unknown][] = [
    ['by id', (db) => getPaper(db, 'acl:2021.acl-long.353').then((r) => r?.id), 'acl:2021.acl-long.353'],
    ['by arXiv id', (db) => getPaperByArxivId(db, '2305.14314').then((r) => r?.id), 'arxiv:2305.14314'],
    [
      'by versioned arXiv id',
      (db) => getPaperByArxivId(db, '2305.14314v2').then((r) => r?.id),
      'arxiv:2305.14314',
    ],
    ['by unknown arXiv id', (db) => getPaperByArxivId(db, '2401.00001'), undefined],
    [
      'by OpenReview id',
      (db) => getPaperByOpenReviewId(db, 'rJl-b3RcF7').then((r) => r?.id),
      'openreview:rJl-b3RcF7',
    ],
    [
      'by OpenReview id of an arXiv paper',
      (db) => getPaperByOpenReviewId(db, 'nZeVKeeFYf9').then((r) => r?.id),
      'arxiv:2106.09685',
    ],
    ['by unknown OpenReview id', (db) => getPaperByOpenReviewId(db, 'nope'), undefined],
    [
      'by title, any case and punctuation',
      (db) =>
        getPapersByTitle(db, 'qlora -- EFFICIENT finetuning of quantized LLMs!').then((rs) =>
          rs.map((r) => r.id),
        ),
      ['arxiv:2305.14314'],
    ],
    ['by a title that is not there', (db) => getPapersByTitle(db, 'QLoRA'), []],
    ['by a title without letters', (db) => getPapersByTitle(db, '?!'), []],
    [
      'by leaf (multiEntry: papers with two leaves appear under both)',
      (db) => getPapersByLeaf(db, 'parameter-efficient-fine-tuning').then((rs) => rs.map((r) => r.id)),
      ['acl:2021.acl-long.353', 'arxiv:2106.09685', 'arxiv:2305.14314'],
    ],
    ['by an empty leaf', (db) => getPapersByLeaf(db, 'curriculum-learning'), []],
  ];
  it.each(lookups)('looks up %s straight from IndexedDB', async (_name, lookup, expected) => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1));
    expect(await lookup(db)).toEqual(expected);
  });

  it('reseeds when the bundled version changes: old rows gone, new rows in, meta updated', async () => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1 });
    const result = await ensureCatalogSeeded(db, fixtureDataset(V2, V2_RECORDS), { now: 2 });
    expect(result).toEqual({ seeded: true, version: V2, records: V2_RECORDS.length, previousVersion: V1 });
    expect(await getCatalogMeta(db)).toEqual({ version: V2, records: V2_RECORDS.length, seededAt: 2 });
    expect(await getPaper(db, FIXTURE_RECORDS[0]!.id)).toBeUndefined();
    expect(await getPaperByArxivId(db, '2306.00978')).toEqual(NEW_RECORD);
    expect((await getPaper(db, 'arxiv:2210.17323'))?.title).toBe('GPTQ (renamed in v2)');
    expect(await getPapersByTitle(db, FIXTURE_RECORDS[2]!.title)).toEqual([]);
    expect(await countPapers(db)).toBe(V2_RECORDS.length);
  });

  it('is a no-op for the same version: no row is rewritten', async () => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1 });
    // Mark a row behind the seeder's back; a rewrite would erase the mark.
    const marked = { ...FIXTURE_RECORDS[0]!, title: 'marked' };
    await db.put('papers', marked);
    const result = await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 99 });
    expect(result).toEqual({
      seeded: false,
      version: V1,
      records: FIXTURE_RECORDS.length,
      previousVersion: V1,
    });
    expect((await getPaper(db, marked.id))?.title).toBe('marked');
    expect((await getCatalogMeta(db))?.seededAt).toBe(1);
  });

  it('seeds once when two callers race (onInstalled and a first message)', async () => {
    const db = await freshCatalog();
    const results = await Promise.all([
      ensureCatalogSeeded(db, fixtureDataset(V1)),
      ensureCatalogSeeded(db, fixtureDataset(V1)),
    ]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    expect(await countPapers(db)).toBe(FIXTURE_RECORDS.length);
  });

  async function expectV1Intact(db: Awaited<ReturnType<typeof freshCatalog>>) {
    expect(await getCatalogMeta(db)).toEqual({ version: V1, records: FIXTURE_RECORDS.length, seededAt: 1 });
    expect(await countPapers(db)).toBe(FIXTURE_RECORDS.length);
    expect(await getPaper(db, FIXTURE_RECORDS[0]!.id)).toEqual(FIXTURE_RECORDS[0]);
    expect(await getPaperByArxivId(db, '2306.00978')).toBeUndefined();
    expect((await getPaper(db, 'arxiv:2210.17323'))?.title).toBe(FIXTURE_RECORDS[2]!.title);
  }

  it('an aborted seed (stopped midway, after rows were cleared and written) leaves the old catalog and version', async () => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1 });
    const controller = new AbortController();
    const progress: number[] = [];
    const seeding = ensureCatalogSeeded(db, fixtureDataset(V2, V2_RECORDS), {
      now: 2,
      chunkSize: 3,
      signal: controller.signal,
      onProgress: (written) => {
        progress.push(written);
        if (written >= 6) controller.abort(new Error('service worker stopping'));
      },
    });
    await expect(seeding).rejects.toThrow('service worker stopping');
    expect(progress).toEqual([3, 6]);
    await expectV1Intact(db);
    // The next attempt (e.g. the next service-worker start) completes normally.
    expect((await ensureCatalogSeeded(db, fixtureDataset(V2, V2_RECORDS), { now: 3 })).seeded).toBe(true);
    expect(await countPapers(db)).toBe(V2_RECORDS.length);
  });

  it('an exception thrown inside the seeding transaction (after the clear) aborts the whole seed', async () => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1 });
    let calls = 0;
    const seeding = ensureCatalogSeeded(db, fixtureDataset(V2, V2_RECORDS), {
      now: 2,
      chunkSize: 4,
      onProgress: () => {
        calls += 1;
        if (calls === 2) throw new Error('boom while writing');
      },
    });
    await expect(seeding).rejects.toThrow('boom while writing');
    await expectV1Intact(db);
  });

  const badBundles: [string, () => ReturnType<typeof fixtureDataset>, RegExp][] = [
    [
      'a record with an unknown leaf',
      () =>
        fixtureDataset(V2, [
          ...V2_RECORDS,
          { ...NEW_RECORD, id: 'arxiv:2401.00001', leaves: ['warp-drive' as never] },
        ]),
      /invalid records: \[\d+\] \(id arxiv:2401\.00001\)\.leaves\.0: unknown taxonomy leaf/,
    ],
    [
      'a record without a title',
      () => fixtureDataset(V2, [{ ...NEW_RECORD, title: '' }]),
      /invalid records: \[0\] \(id arxiv:2306\.00978\)\.title/,
    ],
    [
      'a repeated id',
      () => fixtureDataset(V2, [NEW_RECORD, NEW_RECORD]),
      /repeats record id arxiv:2306\.00978/,
    ],
    ['a meta version that is not 16 hex digits', () => fixtureDataset('v2', V2_RECORDS), /meta is invalid/],
    [
      'records that are not an array',
      () => ({ ...fixtureDataset(V2), loadRecords: async () => ({}) as never }),
      /invalid records/,
    ],
    [
      'fewer records than its meta announces (records and meta from different builds)',
      () => ({ ...fixtureDataset(V2, V2_RECORDS), meta: { version: V2, records: 99, negatives: 0 } }),
      new RegExp(`Bundled dataset ${V2} has ${V2_RECORDS.length} records but its meta announces 99`),
    ],
    [
      'a loader that rejects (file missing)',
      () => ({
        ...fixtureDataset(V2),
        loadRecords: () => Promise.reject(new Error('cannot read /data/papers.json: HTTP status 404')),
      }),
      new RegExp(
        `^Bundled dataset ${V2}: could not load its records: cannot read /data/papers.json: HTTP status 404$`,
      ),
    ],
    [
      'a loader that throws synchronously',
      () => ({
        ...fixtureDataset(V2),
        loadRecords: () => {
          throw new SyntaxError('Unexpected end of JSON input');
        },
      }),
      /could not load its records: Unexpected end of JSON input/,
    ],
    [
      'no loader at all',
      () => ({ meta: fixtureDataset(V2).meta }) as unknown as BundledDataset,
      /Bundled dataset 2{16} has no record loader/,
    ],
  ];
  it.each(badBundles)('refuses a bundle with %s before writing anything', async (_name, bundle, message) => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1 });
    await expect(ensureCatalogSeeded(db, bundle(), { now: 2 })).rejects.toThrow(message);
    await expectV1Intact(db);
  });

  it('validateBundledDataset applies record defaults', () => {
    const { links: _links, ...withoutDefaults } = NEW_RECORD;
    const { records } = validateBundledDataset({
      meta: { version: V2, records: 2, negatives: 0 },
      records: [{ ...withoutDefaults, links: {} }, FIXTURE_RECORDS[0]!],
    });
    expect(records[0]!.links).toEqual({ code: [], openreview: null, other: [] });
  });

  /** A dataset whose loader counts its calls, or throws when `throws` is set. */
  function countingDataset(version: string, records: readonly PaperRecord[], throws = false) {
    const calls = { n: 0 };
    const dataset: BundledDataset = {
      ...fixtureDataset(version, records),
      async loadRecords() {
        calls.n += 1;
        if (throws) throw new Error('the loader must not be called');
        return records;
      },
    };
    return { dataset, calls };
  }

  it('never calls the record loader when the catalog already holds the version', async () => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1 });
    const { dataset, calls } = countingDataset(V1, FIXTURE_RECORDS, true);
    expect(await ensureCatalogSeeded(db, dataset, { now: 2 })).toMatchObject({ seeded: false, version: V1 });
    expect(calls.n).toBe(0);
    await expectV1Intact(db);
  });

  it('calls the record loader once per seed: on first install and on a version change', async () => {
    const db = await freshCatalog();
    const first = countingDataset(V1, FIXTURE_RECORDS);
    await ensureCatalogSeeded(db, first.dataset, { now: 1 });
    expect(first.calls.n).toBe(1);
    const second = countingDataset(V2, V2_RECORDS);
    expect((await ensureCatalogSeeded(db, second.dataset, { now: 2 })).seeded).toBe(true);
    expect(second.calls.n).toBe(1);
  });

  it('refuses an invalid meta before loading any record', async () => {
    const db = await freshCatalog();
    const { dataset, calls } = countingDataset(V2, V2_RECORDS);
    await expect(
      ensureCatalogSeeded(db, { ...dataset, meta: { ...dataset.meta, version: 'v2' } }),
    ).rejects.toThrow(/meta is invalid/);
    expect(calls.n).toBe(0);
    expect(await getCatalogMeta(db)).toBeNull();
  });

  it('after a loader failure, the next attempt with a working loader seeds', async () => {
    const db = await freshCatalog();
    await ensureCatalogSeeded(db, fixtureDataset(V1), { now: 1 });
    const broken = {
      ...fixtureDataset(V2, V2_RECORDS),
      loadRecords: () => Promise.reject(new Error('gone')),
    };
    await expect(ensureCatalogSeeded(db, broken, { now: 2 })).rejects.toThrow(
      /could not load its records: gone/,
    );
    await expectV1Intact(db);
    expect(await ensureCatalogSeeded(db, fixtureDataset(V2, V2_RECORDS), { now: 3 })).toMatchObject({
      seeded: true,
      previousVersion: V1,
    });
  });

  it('never touches the library: saved items survive reseeding, and seeding alone never opens the library DB', async () => {
    const catalogName = uniqueDbName('catalog-only');
    const catalog = await openCatalogDb({ name: catalogName });
    opened.push(catalog);
    await ensureCatalogSeeded(catalog, fixtureDataset(V1));
    await ensureCatalogSeeded(catalog, fixtureDataset(V2, V2_RECORDS));
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    expect(names).toContain(catalogName);
    expect(names.filter((n) => n.startsWith('efficiency-lens-library'))).toEqual([]);

    const library = await openLibraryDb({ name: uniqueDbName('library') });
    opened.push(library);
    await saveLibraryItem(
      library,
      {
        key: 'arxiv:2106.09685',
        title: 'LoRA',
        url: 'https://arxiv.org/abs/2106.09685',
        tags: ['peft'],
        note: 'n',
      },
      5,
    );
    const before = await listLibraryItems(library);
    await ensureCatalogSeeded(catalog, fixtureDataset(V1));
    await ensureCatalogSeeded(catalog, fixtureDataset(V2, V2_RECORDS));
    expect(await listLibraryItems(library)).toEqual(before);
  });
});
