import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { getPaperByArxivId, getPapersByLeaf } from './catalog';
import { CATALOG_DB_VERSION, CATALOG_STEPS, upgradeCatalogDb } from './catalog-migrations';
import { openCatalogDb } from './open';
import type { CatalogSchema } from './schema';
import { describeSchema, FIXTURE_RECORDS, uniqueDbName } from './test-fixtures';

/** Build the database as release `version` left it (0 = never opened: no database at all). */
async function openAtVersion(name: string, version: number) {
  if (version === 0) return null;
  return openDB<CatalogSchema>(name, version, {
    upgrade: (db, oldVersion, newVersion, tx) => upgradeCatalogDb(db, oldVersion, newVersion ?? version, tx),
  });
}

const CURRENT_SCHEMA = {
  papers: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: {
      arxivId: { keyPath: 'arxivId', unique: false, multiEntry: false },
      openreviewId: { keyPath: 'openreviewId', unique: false, multiEntry: false },
      normTitle: { keyPath: 'normTitle', unique: false, multiEntry: false },
      leaves: { keyPath: 'leaves', unique: false, multiEntry: true },
      year: { keyPath: 'year', unique: false, multiEntry: false },
    },
  },
  meta: { keyPath: null, autoIncrement: false, indexes: {} },
};

describe('catalog migrations', () => {
  it('declares one step per version, 1..CATALOG_DB_VERSION', () => {
    expect(Object.keys(CATALOG_STEPS).map(Number)).toEqual(
      Array.from({ length: CATALOG_DB_VERSION }, (_, i) => i + 1),
    );
  });

  it('step 1 creates papers (with its indexes) and meta on a database that does not exist yet', async () => {
    const name = uniqueDbName('catalog-step1');
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    const db = await openAtVersion(name, 1);
    expect(db!.version).toBe(1);
    expect(describeSchema(db!)).toEqual(CURRENT_SCHEMA);
    // The indexes work as the lookups expect: multiEntry leaves, null ids left out of the arxivId index.
    const tx = db!.transaction('papers', 'readwrite');
    for (const record of FIXTURE_RECORDS) void tx.store.put(record);
    await tx.done;
    expect((await getPapersByLeaf(db!, 'quantization')).map((r) => r.id).sort()).toEqual([
      'arxiv:2210.17323',
      'arxiv:2211.10438',
      'arxiv:2305.14314',
    ]);
    expect(await db!.countFromIndex('papers', 'arxivId')).toBe(
      FIXTURE_RECORDS.filter((r) => r.arxivId !== null).length,
    );
    expect((await getPaperByArxivId(db!, '2106.09685'))?.id).toBe('arxiv:2106.09685');
    db!.close();
  });

  it.each(Array.from({ length: CATALOG_DB_VERSION }, (_, v) => v))(
    'upgrading from version %i reaches the current schema',
    async (from) => {
      const name = uniqueDbName(`catalog-from-${from}`);
      (await openAtVersion(name, from))?.close();
      const db = await openCatalogDb({ name });
      expect(db.version).toBe(CATALOG_DB_VERSION);
      expect(describeSchema(db)).toEqual(CURRENT_SCHEMA);
      db.close();
    },
  );

  it('reopening at the current version runs no step and keeps the rows', async () => {
    const name = uniqueDbName('catalog-reopen');
    const first = await openCatalogDb({ name });
    await first.put('papers', FIXTURE_RECORDS[0]!);
    first.close();
    const again = await openCatalogDb({ name });
    expect(await again.count('papers')).toBe(1);
    again.close();
  });
});
