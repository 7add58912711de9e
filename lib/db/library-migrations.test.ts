import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { listLibraryItems, saveLibraryItem } from './library';
import {
  LIBRARY_DB_VERSION,
  LIBRARY_STEPS,
  libraryStep2AddSnapshotsAndTombstones,
  upgradeLibraryDb,
} from './library-migrations';
import v1Fixture from './library-v1-fixture.json';
import { openLibraryDb } from './open';
import { LibraryItem, type LibrarySchema } from './schema';
import { listSnapshots } from './snapshots';
import { describeSchema, uniqueDbName } from './test-fixtures';

async function openAtVersion(name: string, version: number) {
  if (version === 0) return null;
  return openDB<LibrarySchema>(name, version, {
    upgrade: (db, oldVersion, newVersion, tx) => upgradeLibraryDb(db, oldVersion, newVersion ?? version, tx),
  });
}

const V1_SCHEMA = {
  items: {
    keyPath: 'key',
    autoIncrement: false,
    indexes: {
      savedAt: { keyPath: 'savedAt', unique: false, multiEntry: false },
      updatedAt: { keyPath: 'updatedAt', unique: false, multiEntry: false },
      status: { keyPath: 'status', unique: false, multiEntry: false },
      tags: { keyPath: 'tags', unique: false, multiEntry: true },
      leaves: { keyPath: 'leaves', unique: false, multiEntry: true },
    },
  },
};

const V2_SCHEMA = {
  ...V1_SCHEMA,
  snapshots: {
    keyPath: 'id',
    autoIncrement: true,
    indexes: { info: { keyPath: ['createdAt', 'reason', 'count'], unique: false, multiEntry: false } },
  },
  tombstones: {
    keyPath: 'key',
    autoIncrement: false,
    indexes: { deletedAt: { keyPath: 'deletedAt', unique: false, multiEntry: false } },
  },
};

const CURRENT_SCHEMA = V2_SCHEMA;

/** The v1 rows of library-v1-fixture.json, checked against today's LibraryItem so the fixture stays honest. */
const V1_ITEMS = v1Fixture.items as LibraryItem[];

/** A database as release 1 left it: schema v1 (step 1 only) holding the fixture rows. */
async function v1DatabaseWithFixture(name: string) {
  const db = await openAtVersion(name, 1);
  const tx = db!.transaction('items', 'readwrite');
  for (const row of V1_ITEMS) await tx.store.put(row);
  await tx.done;
  db!.close();
}

/** Every row, by key, as stored (no schema parsing on the way out). */
async function rowsByKey(db: { getAll(store: 'items'): Promise<LibraryItem[]> }) {
  return Object.fromEntries((await db.getAll('items')).map((row) => [row.key, row]));
}

const item = (key: string, savedAt: number, extra: Partial<LibraryItem> = {}): LibraryItem => ({
  key,
  arxivId: null,
  openreviewId: null,
  catalogId: null,
  title: `Paper ${key}`,
  authors: [],
  year: null,
  leaves: [],
  url: 'https://arxiv.org/abs/2106.09685',
  savedAt,
  updatedAt: savedAt,
  tags: [],
  note: '',
  status: 'to-read',
  ...extra,
});

describe('library migrations', () => {
  it('declares one step per version, 1..LIBRARY_DB_VERSION', () => {
    expect(Object.keys(LIBRARY_STEPS).map(Number)).toEqual(
      Array.from({ length: LIBRARY_DB_VERSION }, (_, i) => i + 1),
    );
  });

  it('step 1 creates items with its indexes on a database that does not exist yet', async () => {
    const name = uniqueDbName('library-step1');
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    const db = await openAtVersion(name, 1);
    expect(db!.version).toBe(1);
    expect(describeSchema(db!)).toEqual(V1_SCHEMA);
    await db!.put(
      'items',
      item('arxiv:1', 10, { tags: ['a', 'b'], leaves: ['pruning', 'quantization'], status: 'read' }),
    );
    await db!.put('items', item('arxiv:2', 20, { tags: ['b'] }));
    expect(await db!.countFromIndex('items', 'tags', 'b')).toBe(2);
    expect(await db!.countFromIndex('items', 'leaves', 'quantization')).toBe(1);
    expect(await db!.countFromIndex('items', 'status', 'read')).toBe(1);
    db!.close();
  });

  it.each(Array.from({ length: LIBRARY_DB_VERSION }, (_, v) => v))(
    'upgrading from version %i reaches the current schema',
    async (from) => {
      const name = uniqueDbName(`library-from-${from}`);
      (await openAtVersion(name, from))?.close();
      const db = await openLibraryDb({ name });
      expect(db.version).toBe(LIBRARY_DB_VERSION);
      expect(describeSchema(db)).toEqual(CURRENT_SCHEMA);
      db.close();
    },
  );

  it('the v1 fixture is made of valid v1 rows', () => {
    expect(V1_ITEMS.length).toBeGreaterThanOrEqual(4);
    for (const row of V1_ITEMS) expect(LibraryItem.parse(row)).toEqual(row);
  });

  it('step 2 (snapshots + tombstones) upgrades a v1 database with rows: every item, note and tag survives unchanged', async () => {
    const name = uniqueDbName('library-step2');
    await v1DatabaseWithFixture(name);
    const steps: number[] = [];
    const db = await openDB<LibrarySchema>(name, 2, {
      upgrade: (database, oldVersion, newVersion, tx) => {
        steps.push(oldVersion);
        expect(newVersion).toBe(2);
        libraryStep2AddSnapshotsAndTombstones(database, tx);
      },
    });
    expect(steps).toEqual([1]);
    expect(describeSchema(db)).toEqual(V2_SCHEMA);
    const rows = await rowsByKey(db);
    expect(Object.keys(rows).sort()).toEqual(V1_ITEMS.map((i) => i.key).sort());
    for (const original of V1_ITEMS) {
      // toStrictEqual: no field added, removed or retyped, notes byte for byte, tags in their order.
      expect(rows[original.key]).toStrictEqual(original);
    }
    // The v1 indexes still answer over the old rows.
    expect(await db.countFromIndex('items', 'tags', 'peft')).toBe(2);
    expect(await db.countFromIndex('items', 'status', 'read')).toBe(1);
    expect(await db.countFromIndex('items', 'leaves', 'pruning')).toBe(1);
    // The new stores start empty and work.
    expect(await db.count('snapshots')).toBe(0);
    expect(await db.count('tombstones')).toBe(0);
    const id = await db.add('snapshots', { createdAt: 5, reason: 'daily', count: 0, items: [] });
    expect(id).toBe(1);
    await db.put('tombstones', { key: 'arxiv:1503.02531', deletedAt: 7 });
    expect(await db.getAllFromIndex('tombstones', 'deletedAt')).toEqual([
      { key: 'arxiv:1503.02531', deletedAt: 7 },
    ]);
    db.close();
  });

  it('openLibraryDb on a v1 database with rows runs step 2 only and the library reads them back unchanged', async () => {
    const name = uniqueDbName('library-v1-open');
    await v1DatabaseWithFixture(name);
    const db = await openLibraryDb({ name });
    expect(db.version).toBe(2);
    expect(await rowsByKey(db)).toStrictEqual(Object.fromEntries(V1_ITEMS.map((i) => [i.key, i])));
    const listed = await listLibraryItems(db);
    expect(listed.map((i) => i.key)).toEqual(
      [...V1_ITEMS].sort((a, b) => b.savedAt - a.savedAt).map((i) => i.key),
    );
    // The upgraded library is fully usable: the first change of the day snapshots the migrated rows.
    await saveLibraryItem(db, { key: 'title:new', title: 'New', url: 'https://example.org/' }, Date.now());
    const [daily] = await listSnapshots(db);
    expect(daily).toMatchObject({ reason: 'daily', count: V1_ITEMS.length });
    expect((await db.get('snapshots', daily!.id))?.items).toStrictEqual(
      await db.getAll('items').then((all) => all.filter((i) => i.key !== 'title:new')),
    );
    db.close();
  });

  it('a v2 database opened by code that expects v2 runs no step and changes nothing', async () => {
    const name = uniqueDbName('library-v2-noop');
    const first = await openLibraryDb({ name });
    for (const row of V1_ITEMS) await first.put('items', row);
    await first.add('snapshots', { createdAt: 1, reason: 'import', count: 1, items: [V1_ITEMS[0]!] });
    await first.put('tombstones', { key: 'arxiv:1503.02531', deletedAt: 2 });
    const before = {
      schema: describeSchema(first),
      items: await first.getAll('items'),
      snapshots: await first.getAll('snapshots'),
      tombstones: await first.getAll('tombstones'),
    };
    first.close();

    const upgrade = vi.fn();
    const plain = await openDB<LibrarySchema>(name, 2, { upgrade });
    expect(upgrade).not.toHaveBeenCalled();
    plain.close();

    const again = await openLibraryDb({ name });
    expect(again.version).toBe(2);
    expect({
      schema: describeSchema(again),
      items: await again.getAll('items'),
      snapshots: await again.getAll('snapshots'),
      tombstones: await again.getAll('tombstones'),
    }).toStrictEqual(before);
    again.close();
  });

  it('reopening at the current version keeps saved items', async () => {
    const name = uniqueDbName('library-reopen');
    const first = await openLibraryDb({ name });
    await first.put('items', item('arxiv:2106.09685', 5));
    first.close();
    const again = await openLibraryDb({ name });
    expect((await listLibraryItems(again)).map((i) => i.key)).toEqual(['arxiv:2106.09685']);
    again.close();
  });
});
