import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { assertExtensionOrigin } from '../extension-context';
import { localDayStart, nextLocalDayStart } from './library-values';
import type { LibraryItem, LibrarySchema, LibrarySnapshot, SnapshotInfo, SnapshotReason } from './schema';

/**
 * Snapshots of the library (store `snapshots`, library v2): a full copy of the items taken before every
 * import, bulk delete, clear and restore, and once a day before the first change, so that each of those can
 * be undone. The helpers here work inside the caller's readwrite transaction, so a snapshot is committed
 * together with the change it protects, or not at all.
 */

/** How many snapshots are kept; adding one more prunes the oldest. */
export const SNAPSHOTS_KEPT = 10;

/** Every store a library write may touch; write transactions span all three so they serialise with each other. */
export const LIBRARY_WRITE_STORES = ['items', 'snapshots', 'tombstones'] as const;

/** A readwrite transaction over LIBRARY_WRITE_STORES. */
export type LibraryWriteTx = IDBPTransaction<LibrarySchema, typeof LIBRARY_WRITE_STORES, 'readwrite'>;

type LibraryDb = IDBPDatabase<LibrarySchema>;

/** Delete the oldest snapshots beyond `keep`. Ids come from autoIncrement, so the smallest are the oldest. */
export async function pruneSnapshots(tx: LibraryWriteTx, keep = SNAPSHOTS_KEPT): Promise<number> {
  assertExtensionOrigin();
  const store = tx.objectStore('snapshots');
  const ids = await store.getAllKeys();
  const excess = ids.length - keep;
  if (excess <= 0) return 0;
  const newestDropped = ids[excess - 1];
  if (newestDropped === undefined) return 0;
  await store.delete(IDBKeyRange.upperBound(newestDropped));
  return excess;
}

/**
 * Store a snapshot of `items` (default: the library as this transaction sees it) and prune to
 * SNAPSHOTS_KEPT. Resolves to the new snapshot's id.
 */
export async function addSnapshot(
  tx: LibraryWriteTx,
  reason: SnapshotReason,
  now: number,
  items?: LibraryItem[],
): Promise<number> {
  assertExtensionOrigin();
  const rows = items ?? (await tx.objectStore('items').getAll());
  const snapshot: LibrarySnapshot = { createdAt: now, reason, count: rows.length, items: rows };
  const id = await tx.objectStore('snapshots').add(snapshot);
  await pruneSnapshots(tx);
  return id;
}

/**
 * Take the 'daily' snapshot if none was taken on this calendar day and the library is not empty (an empty
 * library has nothing to lose). Call it first in a transaction that changes the library, so the copy is the
 * state before the day's first change. Resolves to the new id, or null when none was due.
 */
export async function takeDailySnapshotIfDue(tx: LibraryWriteTx, now: number): Promise<number | null> {
  assertExtensionOrigin();
  const today = IDBKeyRange.bound([localDayStart(now)], [nextLocalDayStart(now)], false, true);
  // A key cursor over the covering index reads [createdAt, reason, count] only, never the copied items.
  let cursor = await tx.objectStore('snapshots').index('info').openKeyCursor(today);
  while (cursor) {
    if (cursor.key[1] === 'daily') return null;
    cursor = await cursor.continue();
  }
  if ((await tx.objectStore('items').count()) === 0) return null;
  return addSnapshot(tx, 'daily', now);
}

/** The snapshots, newest first, without their items. */
export async function listSnapshots(db: LibraryDb): Promise<SnapshotInfo[]> {
  assertExtensionOrigin();
  const found: SnapshotInfo[] = [];
  let cursor = await db.transaction('snapshots').store.index('info').openKeyCursor();
  while (cursor) {
    const [createdAt, reason, count] = cursor.key;
    found.push({ id: cursor.primaryKey, createdAt, reason, count });
    cursor = await cursor.continue();
  }
  return found.sort((a, b) => b.id - a.id);
}

/** One snapshot with its items, if it is still kept. */
export async function getSnapshot(db: LibraryDb, id: number): Promise<LibrarySnapshot | undefined> {
  assertExtensionOrigin();
  return db.get('snapshots', id);
}
