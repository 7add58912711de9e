import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { assertExtensionOrigin } from '../extension-context';
import type { LibrarySchema } from './schema';

/**
 * Schema migrations of `efficiency-lens-library` (the user's saved papers), idb style: cumulative
 * `if (oldVersion < N) stepN(db, tx)` blocks, one named function per step, each with a test that opens the
 * database as the previous version left it, with fixture rows, and checks the result (Bitwarden's
 * numbered migrators + spec). Released steps are never edited. Steps that rewrite rows use `tx` and only IDB
 * requests: awaiting anything else inside the upgrade transaction would let it auto-commit half done.
 */

/** Current schema version of the library database. */
export const LIBRARY_DB_VERSION = 2;

/** The upgrade transaction idb hands to `upgrade()`. */
export type LibraryUpgradeTx = IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>;

/** v0 → v1: the `items` store (keyPath key) with the indexes the library views sort and filter by. */
export function libraryStep1CreateItems(db: IDBPDatabase<LibrarySchema>, _tx: LibraryUpgradeTx): void {
  assertExtensionOrigin();
  const items = db.createObjectStore('items', { keyPath: 'key' });
  items.createIndex('savedAt', 'savedAt', { unique: false });
  items.createIndex('updatedAt', 'updatedAt', { unique: false });
  items.createIndex('status', 'status', { unique: false });
  items.createIndex('tags', 'tags', { unique: false, multiEntry: true });
  items.createIndex('leaves', 'leaves', { unique: false, multiEntry: true });
}

/**
 * v1 → v2: what undo and sync need, as two new stores; `items` and its rows are not touched.
 * - `snapshots` (autoIncrement id): copies of the library taken before bulk changes, with a covering index
 *   `info` = [createdAt, reason, count] so that listing them never loads their items.
 * - `tombstones` (keyPath key): key → deletedAt, so that a deletion reaches the user's other browsers.
 * A later step that changes the LibraryItem shape must rewrite the items inside `snapshots` too, or restoring
 * an older snapshot would write rows of the old shape (restore validates them and refuses).
 */
export function libraryStep2AddSnapshotsAndTombstones(
  db: IDBPDatabase<LibrarySchema>,
  _tx: LibraryUpgradeTx,
): void {
  assertExtensionOrigin();
  const snapshots = db.createObjectStore('snapshots', { keyPath: 'id', autoIncrement: true });
  snapshots.createIndex('info', ['createdAt', 'reason', 'count'], { unique: false });
  const tombstones = db.createObjectStore('tombstones', { keyPath: 'key' });
  tombstones.createIndex('deletedAt', 'deletedAt', { unique: false });
}

/** Steps by the version they upgrade to; library-migrations.test.ts checks that this matches the chain below. */
export const LIBRARY_STEPS = {
  1: libraryStep1CreateItems,
  2: libraryStep2AddSnapshotsAndTombstones,
} as const;

/** Run every step between `oldVersion` and `newVersion` (normally LIBRARY_DB_VERSION). */
export function upgradeLibraryDb(
  db: IDBPDatabase<LibrarySchema>,
  oldVersion: number,
  newVersion: number,
  tx: LibraryUpgradeTx,
): void {
  assertExtensionOrigin();
  if (oldVersion < 1 && newVersion >= 1) libraryStep1CreateItems(db, tx);
  if (oldVersion < 2 && newVersion >= 2) libraryStep2AddSnapshotsAndTombstones(db, tx);
}
