import { afterEach, describe, expect, it } from 'vitest';
import {
  bulkRemoveLibrary,
  bulkUpdateLibrary,
  clearLibrary,
  getLibraryItem,
  importLibraryItems,
  listLibraryItems,
  listTombstones,
  removeLibraryItem,
  restoreLibrarySnapshot,
  saveLibraryItem,
  TOMBSTONES_KEPT,
  updateLibraryItem,
} from './library';
import { libraryItem, simpleMerge } from './library-test-helpers';
import { localDayStart, normalizeTags } from './library-values';
import { openLibraryDb } from './open';
import type { LibraryItem } from './schema';
import { getSnapshot, listSnapshots, SNAPSHOTS_KEPT } from './snapshots';
import { uniqueDbName } from './test-fixtures';

const opened: { close(): void }[] = [];
async function freshLibrary() {
  const db = await openLibraryDb({ name: uniqueDbName('library-bulk') });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** 2026-03-10 12:00 local time, and the same day / the next days. */
const DAY = new Date(2026, 2, 10, 12).getTime();
const HOUR = 3_600_000;

type Db = Awaited<ReturnType<typeof freshLibrary>>;

async function seed(db: Db, items: LibraryItem[]) {
  // Written directly (not through save): the rows keep their own timestamps, and no daily snapshot is taken.
  const tx = db.transaction('items', 'readwrite');
  for (const item of items) await tx.store.put(item);
  await tx.done;
}

/** Everything the library database holds, to prove that a failed operation changed nothing at all. */
async function everything(db: Db) {
  return {
    items: await db.getAll('items'),
    snapshots: await db.getAll('snapshots'),
    tombstones: await db.getAll('tombstones'),
  };
}

const A = libraryItem('a', 10, { tags: ['x'], note: 'note a', status: 'reading' });
const B = libraryItem('b', 20, { tags: ['y', 'x'] });
const C = libraryItem('c', 30);

describe('normalizeTags', () => {
  it.each([
    [
      ['  a ', 'b', 'a', ''],
      ['a', 'b'],
    ],
    [[' ', '\t'], []],
    [
      ['B', 'b', 'B '],
      ['B', 'b'],
    ],
  ])('%j → %j', (input, output) => {
    expect(normalizeTags(input)).toEqual(output);
  });
});

describe('updateLibraryItem', () => {
  it('changes tags (trimmed, deduplicated), note and status, bumps updatedAt, keeps everything else', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    const updated = await updateLibraryItem(
      db,
      { key: A.key, tags: [' p ', 'q', 'p'], note: 'new note', status: 'read' },
      DAY,
    );
    expect(updated).toEqual({ ...A, tags: ['p', 'q'], note: 'new note', status: 'read', updatedAt: DAY });
    expect(await getLibraryItem(db, A.key)).toEqual(updated);
  });

  it.each([
    ['tags only', { tags: [] }, { tags: [] }],
    ['note only', { note: '' }, { note: '' }],
    ['status only', { status: 'to-read' as const }, { status: 'to-read' }],
  ])('changes %s and leaves the other fields', async (_name, edit, expected) => {
    const db = await freshLibrary();
    await seed(db, [A]);
    expect(await updateLibraryItem(db, { key: A.key, ...edit }, DAY)).toEqual({
      ...A,
      ...expected,
      updatedAt: DAY,
    });
  });

  it('refuses a key that is not saved, writing nothing', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    const before = await everything(db);
    await expect(updateLibraryItem(db, { key: 'title:zzz', note: 'x' }, DAY)).rejects.toThrow(
      'title:zzz is not in the library',
    );
    expect(await everything(db)).toEqual(before);
  });

  it.each([
    ['a note over 20,000 characters', { note: 'n'.repeat(20_001) }, /note/],
    ['more than 100 tags', { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, /tags/],
    ['a tag over 100 characters', { tags: ['t'.repeat(101)] }, /tags\.0/],
    ['a bad status', { status: 'done' as never }, /status/],
  ])('refuses %s and writes nothing', async (_name, edit, message) => {
    const db = await freshLibrary();
    await seed(db, [A]);
    const before = await everything(db);
    await expect(updateLibraryItem(db, { key: A.key, ...edit }, DAY)).rejects.toThrow(message);
    expect(await everything(db)).toEqual(before);
  });
});

describe('bulkUpdateLibrary', () => {
  it('adds and removes tags and sets status on the saved keys, skipping unknown and unchanged ones', async () => {
    const db = await freshLibrary();
    await seed(db, [A, B, C]);
    const changed = await bulkUpdateLibrary(
      db,
      { keys: [A.key, B.key, 'title:missing', A.key], addTags: ['new', 'x'], removeTags: ['y'] },
      DAY,
    );
    expect(changed.sort()).toEqual([A.key, B.key]);
    expect(await getLibraryItem(db, A.key)).toEqual({ ...A, tags: ['x', 'new'], updatedAt: DAY });
    expect(await getLibraryItem(db, B.key)).toEqual({ ...B, tags: ['x', 'new'], updatedAt: DAY });
    expect(await getLibraryItem(db, C.key)).toEqual(C);
    // Same edit again: nothing changes, updatedAt stays.
    expect(await bulkUpdateLibrary(db, { keys: [A.key, B.key], addTags: ['new'] }, DAY + 1)).toEqual([]);
    expect((await getLibraryItem(db, A.key))?.updatedAt).toBe(DAY);
    expect(await bulkUpdateLibrary(db, { keys: [A.key, C.key], status: 'read' }, DAY + 2)).toEqual([
      A.key,
      C.key,
    ]);
    expect((await getLibraryItem(db, C.key))?.status).toBe('read');
  });

  it('is all or nothing: one item that would exceed 100 tags fails the whole edit', async () => {
    const db = await freshLibrary();
    const full = libraryItem('full', 5, { tags: Array.from({ length: 100 }, (_, i) => `t${i}`) });
    await seed(db, [A, full]);
    const before = await everything(db);
    await expect(
      bulkUpdateLibrary(db, { keys: [A.key, full.key], addTags: ['one more'] }, DAY),
    ).rejects.toThrow(/Cannot update title:full: tags: Too big/);
    expect(await everything(db)).toEqual(before);
  });
});

describe('bulkRemoveLibrary and clearLibrary', () => {
  it('snapshots first, removes, leaves tombstones; a no-op takes no snapshot', async () => {
    const db = await freshLibrary();
    await seed(db, [A, B, C]);
    expect(await bulkRemoveLibrary(db, ['title:nope'], DAY)).toEqual({ removed: [], snapshotId: null });
    expect(await listSnapshots(db)).toEqual([]);

    const outcome = await bulkRemoveLibrary(db, [A.key, C.key, 'title:nope', A.key], DAY);
    expect(outcome.removed.sort()).toEqual([A.key, C.key]);
    expect((await listLibraryItems(db)).map((i) => i.key)).toEqual([B.key]);
    const snapshot = await getSnapshot(db, outcome.snapshotId!);
    expect(snapshot).toMatchObject({ reason: 'bulk-delete', createdAt: DAY, count: 3 });
    expect(snapshot?.items.map((i) => i.key).sort()).toEqual([A.key, B.key, C.key]);
    expect(await listTombstones(db)).toEqual(
      expect.arrayContaining([
        { key: A.key, deletedAt: DAY },
        { key: C.key, deletedAt: DAY },
      ]),
    );
  });

  it('clear snapshots everything first and empties the library; clearing an empty library takes no snapshot', async () => {
    const db = await freshLibrary();
    await seed(db, [A, B]);
    const outcome = await clearLibrary(db, DAY);
    expect(outcome.removed.sort()).toEqual([A.key, B.key]);
    expect(await listLibraryItems(db)).toEqual([]);
    expect((await getSnapshot(db, outcome.snapshotId!))?.items).toEqual([A, B]);
    expect(await clearLibrary(db, DAY + 1)).toEqual({ removed: [], snapshotId: null });
    expect(await listSnapshots(db)).toHaveLength(1);
  });

  it('saving a key again clears its tombstone', async () => {
    const db = await freshLibrary();
    await saveLibraryItem(db, { key: A.key, title: A.title, url: A.url }, DAY);
    expect(await removeLibraryItem(db, A.key, DAY + 1)).toBe(true);
    expect(await listTombstones(db)).toEqual([{ key: A.key, deletedAt: DAY + 1 }]);
    expect(await removeLibraryItem(db, A.key, DAY + 2)).toBe(false);
    expect(await listTombstones(db)).toEqual([{ key: A.key, deletedAt: DAY + 1 }]);
    await saveLibraryItem(db, { key: A.key, title: A.title, url: A.url }, DAY + 3);
    expect(await listTombstones(db)).toEqual([]);
  });

  it(`keeps only the newest ${TOMBSTONES_KEPT} tombstones`, async () => {
    const db = await freshLibrary();
    const items = Array.from({ length: TOMBSTONES_KEPT + 5 }, (_, i) => libraryItem(`t${i}`, i));
    await seed(db, items);
    await bulkRemoveLibrary(
      db,
      items.slice(0, 10).map((i) => i.key),
      DAY,
    );
    await bulkRemoveLibrary(
      db,
      items.slice(10).map((i) => i.key),
      DAY + 1,
    );
    const kept = await listTombstones(db);
    expect(kept).toHaveLength(TOMBSTONES_KEPT);
    // The five oldest (the first batch) went first.
    expect(kept.filter((t) => t.deletedAt === DAY)).toHaveLength(5);
  });
});

describe('snapshots', () => {
  it('daily: one per calendar day, before the first change, none for an empty library', async () => {
    const db = await freshLibrary();
    await saveLibraryItem(db, { key: A.key, title: A.title, url: A.url }, DAY);
    expect(await listSnapshots(db)).toEqual([]);
    await saveLibraryItem(db, { key: B.key, title: B.title, url: B.url }, DAY + HOUR);
    await updateLibraryItem(db, { key: B.key, note: 'x' }, DAY + 2 * HOUR);
    await removeLibraryItem(db, A.key, DAY + 3 * HOUR);
    const first = await listSnapshots(db);
    expect(first).toEqual([{ id: 1, createdAt: DAY + HOUR, reason: 'daily', count: 1 }]);
    expect((await getSnapshot(db, 1))?.items.map((i) => i.key)).toEqual([A.key]);

    // Next day, first change: a new daily snapshot of the state before it.
    const tomorrow = localDayStart(DAY) + 24 * HOUR + 5;
    await updateLibraryItem(db, { key: B.key, note: 'y' }, tomorrow);
    await updateLibraryItem(db, { key: B.key, note: 'z' }, tomorrow + HOUR);
    const second = await listSnapshots(db);
    expect(second.map((s) => [s.reason, s.createdAt])).toEqual([
      ['daily', tomorrow],
      ['daily', DAY + HOUR],
    ]);
    expect((await getSnapshot(db, second[0]!.id))?.items).toEqual([
      expect.objectContaining({ key: B.key, note: 'x' }),
    ]);
  });

  it('a failed change rolls its daily snapshot back too', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    await expect(saveLibraryItem(db, { key: A.key, title: '', url: A.url }, DAY)).rejects.toThrow(/title/);
    expect(await listSnapshots(db)).toEqual([]);
  });

  it(`keeps the last ${SNAPSHOTS_KEPT}, pruning the oldest`, async () => {
    const db = await freshLibrary();
    for (let i = 0; i < SNAPSHOTS_KEPT + 3; i++) {
      await seed(db, [libraryItem(`s${i}`, i)]);
      await bulkRemoveLibrary(db, [`title:s${i}`], DAY + i);
    }
    const kept = await listSnapshots(db);
    expect(kept).toHaveLength(SNAPSHOTS_KEPT);
    expect(kept.map((s) => s.id)).toEqual(
      Array.from({ length: SNAPSHOTS_KEPT }, (_, i) => SNAPSHOTS_KEPT + 3 - i),
    );
    expect(await getSnapshot(db, 3)).toBeUndefined();
    expect(await db.count('snapshots')).toBe(SNAPSHOTS_KEPT);
  });

  it('restore brings the snapshot back, snapshots the current state first, and is itself undoable', async () => {
    const db = await freshLibrary();
    await seed(db, [A, B]);
    const { snapshotId: beforeDelete } = await bulkRemoveLibrary(db, [A.key], DAY);
    await updateLibraryItem(db, { key: B.key, note: 'changed after' }, DAY + 1);
    await saveLibraryItem(db, { key: C.key, title: C.title, url: C.url }, DAY + 2);

    const outcome = await restoreLibrarySnapshot(db, beforeDelete!, DAY + 10);
    expect(outcome).toMatchObject({ restored: 2, removed: [C.key] });
    expect(outcome.upserted.sort()).toEqual([A.key, B.key]);
    const restored = await listLibraryItems(db);
    // Exactly the snapshot's rows, stamped as changed now (so sync carries the restore, see restoreLibrarySnapshot).
    expect(restored).toEqual([
      { ...B, updatedAt: DAY + 10 },
      { ...A, updatedAt: DAY + 10 },
    ]);
    expect(await listTombstones(db)).toEqual([{ key: C.key, deletedAt: DAY + 10 }]);
    const before = await getSnapshot(db, outcome.snapshotId);
    expect(before).toMatchObject({ reason: 'before-restore', count: 2 });
    expect(before?.items.map((i) => i.key).sort()).toEqual([B.key, C.key]);

    // Undo the restore.
    await restoreLibrarySnapshot(db, outcome.snapshotId, DAY + 20);
    expect((await listLibraryItems(db)).map((i) => [i.key, i.note])).toEqual([
      [C.key, ''],
      [B.key, 'changed after'],
    ]);
  });

  it('restoring a snapshot that is gone fails and changes nothing', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    const before = await everything(db);
    await expect(restoreLibrarySnapshot(db, 99, DAY)).rejects.toThrow(/there is no snapshot 99/);
    expect(await everything(db)).toEqual(before);
  });

  it('a snapshot holding an invalid row fails the restore as a whole', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    const id = await db.add('snapshots', {
      createdAt: 1,
      reason: 'import',
      count: 2,
      items: [B, { ...C, url: 'javascript:alert(1)' }],
    });
    const before = await everything(db);
    await expect(restoreLibrarySnapshot(db, id, DAY)).rejects.toThrow(/Cannot restore title:c: url/);
    expect(await everything(db)).toEqual(before);
  });
});

describe('importLibraryItems: one transaction, all or nothing', () => {
  it('merges, snapshots the previous library and writes the changed rows', async () => {
    const db = await freshLibrary();
    await seed(db, [A, B]);
    const incoming = [
      { ...A, note: 'newer note', tags: ['imported'], updatedAt: 50 },
      { ...B, note: 'older note', updatedAt: 1 },
      C,
    ];
    const outcome = await importLibraryItems(db, incoming, DAY, simpleMerge);
    expect(outcome.report).toEqual({ added: 1, merged: 1, unchanged: 1 });
    expect(outcome.written.sort()).toEqual([A.key, C.key]);
    expect(await getLibraryItem(db, A.key)).toEqual({
      ...A,
      note: 'newer note',
      tags: ['x', 'imported'],
      updatedAt: 50,
    });
    expect(await getLibraryItem(db, B.key)).toEqual(B);
    expect(await getLibraryItem(db, C.key)).toEqual(C);
    const snapshot = await getSnapshot(db, outcome.snapshotId!);
    expect(snapshot).toMatchObject({ reason: 'import', count: 2, items: [A, B] });
  });

  it('writes nothing, not even a snapshot, when nothing changes', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    const before = await everything(db);
    expect(await importLibraryItems(db, [A], DAY, simpleMerge)).toEqual({
      report: { added: 0, merged: 0, unchanged: 1 },
      snapshotId: null,
      written: [],
    });
    expect(await everything(db)).toEqual(before);
  });

  it('re-imports a deleted paper with updatedAt = now so that its tombstone does not delete it again', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    await removeLibraryItem(db, A.key, DAY);
    await importLibraryItems(db, [A], DAY + 5, simpleMerge);
    expect(await getLibraryItem(db, A.key)).toEqual({ ...A, updatedAt: DAY + 5 });
    expect(await listTombstones(db)).toEqual([]);
  });

  const failures: [string, (db: Db) => Promise<unknown>, RegExp][] = [
    [
      'a merged row that fails the schema at write time (tags union over 100)',
      (db) =>
        importLibraryItems(
          db,
          [C, { ...A, tags: Array.from({ length: 100 }, (_, i) => `n${i}`), updatedAt: 99 }],
          DAY,
          simpleMerge,
        ),
      /Cannot import title:a: tags: Too big/,
    ],
    [
      'an incoming row the importer let through but the store refuses',
      (db) => importLibraryItems(db, [C, { ...B, url: 'data:text/html,x', updatedAt: 99 }], DAY, simpleMerge),
      /Cannot import title:b: url: not an http\(s\) URL/,
    ],
    [
      'a simulated failure just before the commit',
      (db) =>
        importLibraryItems(db, [C, { ...A, note: 'n', updatedAt: 99 }], DAY, simpleMerge, {
          beforeCommit: () => {
            throw new Error('simulated abort');
          },
        }),
      /simulated abort/,
    ],
    [
      'a merge function that throws',
      (db) =>
        importLibraryItems(db, [C], DAY, () => {
          throw new Error('merge exploded');
        }),
      /merge exploded/,
    ],
  ];
  it.each(failures)('%s leaves the library exactly as before', async (_name, run, message) => {
    const db = await freshLibrary();
    await seed(db, [A, B]);
    await removeLibraryItem(db, B.key, DAY - 1);
    const before = await everything(db);
    expect(before.snapshots).toHaveLength(1);
    await expect(run(db)).rejects.toThrow(message);
    expect(await everything(db)).toEqual(before);
  });

  it('an import of 5,000 items lands in one piece', async () => {
    const db = await freshLibrary();
    await seed(db, [A]);
    const incoming = Array.from({ length: 5_000 }, (_, i) => libraryItem(`bulk ${i}`, i, { tags: ['bulk'] }));
    const outcome = await importLibraryItems(db, incoming, DAY, simpleMerge);
    expect(outcome.report.added).toBe(5_000);
    expect(await db.count('items')).toBe(5_001);
    expect(await db.countFromIndex('items', 'tags', 'bulk')).toBe(5_000);
  });
});
