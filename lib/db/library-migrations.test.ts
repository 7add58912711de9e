import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { listLibraryItems } from './library';
import { LIBRARY_DB_VERSION, LIBRARY_STEPS, upgradeLibraryDb } from './library-migrations';
import { openLibraryDb } from './open';
import type { LibraryItem, LibrarySchema } from './schema';
import { describeSchema, uniqueDbName } from './test-fixtures';

async function openAtVersion(name: string, version: number) {
  if (version === 0) return null;
  return openDB<LibrarySchema>(name, version, {
    upgrade: (db, oldVersion, newVersion, tx) => upgradeLibraryDb(db, oldVersion, newVersion ?? version, tx),
  });
}

const CURRENT_SCHEMA = {
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
    expect(describeSchema(db!)).toEqual(CURRENT_SCHEMA);
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
