import type { IDBPDatabase } from 'idb';
import type { z } from 'zod';
import { assertExtensionOrigin } from '../extension-context';
import { normalizeTags, sameLibraryItem } from './library-values';
import { LibraryItem, type LibrarySchema, type ReadingStatus, type Tombstone } from './schema';
import {
  addSnapshot,
  LIBRARY_WRITE_STORES,
  type LibraryWriteTx,
  SNAPSHOTS_KEPT,
  takeDailySnapshotIfDue,
} from './snapshots';

/**
 * The user's saved papers (efficiency-lens-library). Every write is a single readwrite transaction that reads
 * the current row and writes the merged one, so concurrent saves (many tabs, the popup) never lose updates:
 * IndexedDB runs overlapping readwrite transactions one after another.
 *
 * Since library v2 every write transaction spans items, snapshots and tombstones (LIBRARY_WRITE_STORES):
 * - the first change of a calendar day first stores a 'daily' snapshot, and bulk operations store their own
 *   snapshot, in the same transaction as the change (both commit or neither does);
 * - every deletion leaves a tombstone (key → deletedAt) for sync, and writing a key clears its tombstone.
 * Transactions never await anything but IDB requests (idb's "transaction lifetime" rule): the callers do
 * their parsing and merging before, or synchronously inside.
 */

type LibraryDb = IDBPDatabase<LibrarySchema>;

/** What a caller supplies to save: identity, title and url; everything else keeps its stored value or default. */
export type SaveLibraryInput = Pick<LibraryItem, 'key' | 'title' | 'url'> &
  Partial<Omit<LibraryItem, 'key' | 'title' | 'url' | 'savedAt' | 'updatedAt'>>;

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`).join('; ');
}

/** At most this many tombstones are kept locally (newest first); sync only carries the newest that fit. */
export const TOMBSTONES_KEPT = 2_000;

/**
 * Run `body` in one readwrite transaction over LIBRARY_WRITE_STORES and wait for the commit. If `body`
 * throws, the transaction is aborted, so nothing it wrote (snapshot included) is kept.
 */
async function inWriteTx<T>(db: LibraryDb, body: (tx: LibraryWriteTx) => Promise<T>): Promise<T> {
  assertExtensionOrigin();
  const tx = db.transaction(LIBRARY_WRITE_STORES, 'readwrite');
  try {
    const result = await body(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

/** Validate a row before it is written; the error names the key and the failing fields. */
function validItem(row: unknown, key: string, action = 'save'): LibraryItem {
  const parsed = LibraryItem.safeParse(row);
  if (!parsed.success) throw new Error(`Cannot ${action} ${key}: ${issuesOf(parsed.error)}`);
  return parsed.data;
}

/** Record deletions for sync, then keep only the newest TOMBSTONES_KEPT. */
async function writeTombstones(tx: LibraryWriteTx, keys: readonly string[], now: number): Promise<void> {
  const store = tx.objectStore('tombstones');
  await Promise.all(keys.map((key) => store.put({ key, deletedAt: now })));
  await pruneTombstones(tx);
}

async function pruneTombstones(tx: LibraryWriteTx, keep = TOMBSTONES_KEPT): Promise<void> {
  const store = tx.objectStore('tombstones');
  let excess = (await store.count()) - keep;
  if (excess <= 0) return;
  let cursor = await store.index('deletedAt').openCursor();
  while (cursor && excess > 0) {
    await cursor.delete();
    excess--;
    cursor = await cursor.continue();
  }
}

/** The saved item with this key, if any. */
export async function getLibraryItem(db: LibraryDb, key: string): Promise<LibraryItem | undefined> {
  assertExtensionOrigin();
  return db.get('items', key);
}

/** The saved items for these keys, aligned with `keys` (undefined where not saved), in one transaction. */
export async function getLibraryItems(
  db: LibraryDb,
  keys: readonly string[],
): Promise<(LibraryItem | undefined)[]> {
  assertExtensionOrigin();
  const store = db.transaction('items').store;
  return Promise.all(keys.map((key) => store.get(key)));
}

// Above this many keys one getAllKeys() beats a request per key (a listing page asks for ~25–2,000).
const PER_KEY_LOOKUP_LIMIT = 32;

/** For each key, whether it is saved. One transaction; cost bounded by max(keys, library size). */
export async function savedStates(db: LibraryDb, keys: readonly string[]): Promise<Record<string, boolean>> {
  assertExtensionOrigin();
  const store = db.transaction('items').store;
  let isSaved: (key: string) => boolean;
  if (keys.length <= PER_KEY_LOOKUP_LIMIT) {
    const found = await Promise.all(keys.map((key) => store.getKey(key)));
    const saved = new Set(found.filter((key): key is string => key !== undefined));
    isSaved = (key) => saved.has(key);
  } else {
    const saved = new Set(await store.getAllKeys());
    isSaved = (key) => saved.has(key);
  }
  return Object.fromEntries(keys.map((key) => [key, isSaved(key)]));
}

/** Keys of the saved items whose key starts with `prefix` (e.g. every saved `arxiv:` paper), in key order. */
export async function savedKeysWithPrefix(db: LibraryDb, prefix: string): Promise<string[]> {
  assertExtensionOrigin();
  // Keys are strings; every key starting with `prefix` sorts between it and prefix + U+FFFF.
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  return db.transaction('items').store.getAllKeys(range);
}

/**
 * Insert or update a saved paper. A new item gets savedAt = updatedAt = now; an existing one keeps savedAt
 * (and any field the input leaves out, such as the user's tags, note and status) and gets updatedAt = now.
 * Throws (writing nothing) when the merged item is not a valid LibraryItem.
 */
export async function saveLibraryItem(
  db: LibraryDb,
  input: SaveLibraryInput,
  now: number,
): Promise<LibraryItem> {
  return inWriteTx(db, async (tx) => {
    await takeDailySnapshotIfDue(tx, now);
    const items = tx.objectStore('items');
    const existing = await items.get(input.key);
    const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const merged = {
      arxivId: null,
      openreviewId: null,
      catalogId: null,
      authors: [],
      year: null,
      leaves: [],
      tags: [],
      note: '',
      status: 'to-read',
      ...existing,
      ...defined,
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
    };
    // Synchronous validation inside the transaction is fine: only awaiting non-IDB work would end it.
    const item = validItem(merged, input.key);
    await items.put(item);
    await tx.objectStore('tombstones').delete(item.key);
    return item;
  });
}

/** Remove a saved paper (leaving a tombstone for sync); resolves true when it was there. */
export async function removeLibraryItem(db: LibraryDb, key: string, now = Date.now()): Promise<boolean> {
  return inWriteTx(db, async (tx) => {
    const items = tx.objectStore('items');
    const existed = (await items.getKey(key)) !== undefined;
    if (!existed) return false;
    await takeDailySnapshotIfDue(tx, now);
    await items.delete(key);
    await writeTombstones(tx, [key], now);
    return true;
  });
}

/** The user's own fields of a saved paper, as updateLibraryItem changes them. */
export interface LibraryItemEdit {
  key: string;
  tags?: string[] | undefined;
  note?: string | undefined;
  status?: ReadingStatus | undefined;
}

/**
 * Change the tags (replaced as a whole, normalised), note and/or status of a saved paper and bump updatedAt.
 * Throws when the key is not saved or the result is not a valid LibraryItem (nothing is written then).
 */
export async function updateLibraryItem(
  db: LibraryDb,
  edit: LibraryItemEdit,
  now: number,
): Promise<LibraryItem> {
  return inWriteTx(db, async (tx) => {
    const items = tx.objectStore('items');
    const existing = await items.get(edit.key);
    if (!existing) throw new Error(`${edit.key.slice(0, 200)} is not in the library`);
    await takeDailySnapshotIfDue(tx, now);
    const item = validItem(
      {
        ...existing,
        ...(edit.tags !== undefined && { tags: normalizeTags(edit.tags) }),
        ...(edit.note !== undefined && { note: edit.note }),
        ...(edit.status !== undefined && { status: edit.status }),
        updatedAt: now,
      },
      edit.key,
      'update',
    );
    await items.put(item);
    return item;
  });
}

/** A change applied to many saved papers at once. */
export interface BulkLibraryEdit {
  keys: readonly string[];
  addTags?: readonly string[] | undefined;
  removeTags?: readonly string[] | undefined;
  status?: ReadingStatus | undefined;
}

/**
 * Add and remove tags and/or set the status on many papers in one transaction. Keys that are not saved are
 * skipped; items the edit does not change keep their updatedAt. All or nothing: if any changed item would be
 * invalid (e.g. over 100 tags), nothing is written. Resolves to the keys that changed.
 */
export async function bulkUpdateLibrary(
  db: LibraryDb,
  edit: BulkLibraryEdit,
  now: number,
): Promise<string[]> {
  assertExtensionOrigin();
  const add = normalizeTags(edit.addTags ?? []);
  const remove = new Set(normalizeTags(edit.removeTags ?? []));
  const keys = [...new Set(edit.keys)];
  return inWriteTx(db, async (tx) => {
    const items = tx.objectStore('items');
    const found = await Promise.all(keys.map((key) => items.get(key)));
    const changed: LibraryItem[] = [];
    for (const existing of found) {
      if (!existing) continue;
      const kept = existing.tags.filter((tag) => !remove.has(tag));
      const tags = [...kept, ...add.filter((tag) => !kept.includes(tag))];
      const status = edit.status ?? existing.status;
      const same = status === existing.status && JSON.stringify(tags) === JSON.stringify(existing.tags);
      if (same) continue;
      changed.push(validItem({ ...existing, tags, status, updatedAt: now }, existing.key, 'update'));
    }
    if (changed.length === 0) return [];
    await takeDailySnapshotIfDue(tx, now);
    await Promise.all(changed.map((item) => items.put(item)));
    return changed.map((item) => item.key);
  });
}

/** What a bulk removal did: the keys removed and the 'bulk-delete' snapshot (null when nothing was removed). */
export interface RemovalOutcome {
  removed: string[];
  snapshotId: number | null;
}

/**
 * Remove many papers in one transaction, after a 'bulk-delete' snapshot of the library (taken only when at
 * least one of the keys is saved, so that a no-op cannot push an older snapshot out).
 */
export async function bulkRemoveLibrary(
  db: LibraryDb,
  keys: readonly string[],
  now: number,
): Promise<RemovalOutcome> {
  assertExtensionOrigin();
  const unique = [...new Set(keys)];
  return inWriteTx(db, async (tx) => {
    const items = tx.objectStore('items');
    const present = await Promise.all(unique.map((key) => items.getKey(key)));
    const removed = present.filter((key): key is string => key !== undefined);
    if (removed.length === 0) return { removed, snapshotId: null };
    const snapshotId = await addSnapshot(tx, 'bulk-delete', now);
    await Promise.all(removed.map((key) => items.delete(key)));
    await writeTombstones(tx, removed, now);
    return { removed, snapshotId };
  });
}

/** Remove every paper, after a 'clear' snapshot (none when the library is already empty). */
export async function clearLibrary(db: LibraryDb, now: number): Promise<RemovalOutcome> {
  return inWriteTx(db, async (tx) => {
    const items = tx.objectStore('items');
    const all = await items.getAll();
    if (all.length === 0) return { removed: [], snapshotId: null };
    const snapshotId = await addSnapshot(tx, 'clear', now, all);
    await items.clear();
    const removed = all.map((item) => item.key);
    await writeTombstones(tx, removed, now);
    return { removed, snapshotId };
  });
}

/** What restoreLibrarySnapshot did. */
export interface RestoreOutcome {
  /** Items in the restored snapshot (the library's size afterwards). */
  restored: number;
  /** The 'before-restore' snapshot, which undoes the restore. */
  snapshotId: number;
  /** Keys written (added back or changed) and keys removed. */
  upserted: string[];
  removed: string[];
}

/**
 * Make the library what it was in snapshot `id`, after a 'before-restore' snapshot of the current state.
 * Rows that differ from the current ones get updatedAt = now, and removed keys get tombstones: the restore is
 * a change made now, so sync carries it to the other browsers instead of undoing it with their newer copies.
 * All or nothing; throws when the snapshot is gone or holds an invalid row.
 */
export async function restoreLibrarySnapshot(
  db: LibraryDb,
  id: number,
  now: number,
): Promise<RestoreOutcome> {
  return inWriteTx(db, async (tx) => {
    const snapshot = await tx.objectStore('snapshots').get(id);
    if (!snapshot) {
      throw new Error(`there is no snapshot ${id} (only the last ${SNAPSHOTS_KEPT} are kept)`);
    }
    const items = tx.objectStore('items');
    const current = await items.getAll();
    const snapshotId = await addSnapshot(tx, 'before-restore', now, current);
    const currentByKey = new Map(current.map((item) => [item.key, item]));
    const wanted = new Map(snapshot.items.map((row) => [row.key, row]));
    const removed = current.filter((item) => !wanted.has(item.key)).map((item) => item.key);
    const upserts: LibraryItem[] = [];
    for (const row of wanted.values()) {
      const item = validItem(row, String(row?.key), 'restore');
      const existing = currentByKey.get(item.key);
      if (!existing || !sameLibraryItem(existing, item)) upserts.push({ ...item, updatedAt: now });
    }
    await Promise.all(removed.map((key) => items.delete(key)));
    await Promise.all(upserts.map((item) => items.put(item)));
    const tombstones = tx.objectStore('tombstones');
    await Promise.all(upserts.map((item) => tombstones.delete(item.key)));
    if (removed.length) await writeTombstones(tx, removed, now);
    return { restored: wanted.size, snapshotId, upserted: upserts.map((item) => item.key), removed };
  });
}

/** The counts mergeLibraries reports (lib/import); other fields of its report are ignored here. */
export interface MergeCounts {
  added: number;
  merged: number;
  unchanged: number;
}

/**
 * lib/import's mergeLibraries (bound to a policy): the merged library (every key of both inputs) and what
 * happened. Must be synchronous: it runs inside the import's transaction.
 */
export type MergeLibrariesFn = (
  existing: LibraryItem[],
  incoming: LibraryItem[],
) => { result: LibraryItem[]; report: MergeCounts };

/** What importLibraryItems did. */
export interface ImportOutcome {
  report: MergeCounts;
  /** The 'import' snapshot, or null when nothing needed writing (then nothing was written at all). */
  snapshotId: number | null;
  /** Keys added or changed. */
  written: string[];
}

/** Options of importLibraryItems. */
export interface ImportOptions {
  /**
   * Called after every write was issued and before the commit; throwing aborts the whole import. Tests use it
   * to simulate a failure at the last moment.
   */
  beforeCommit?: () => void;
}

/**
 * Merge `incoming` into the library and write the result, all in ONE transaction: read every item, merge
 * (synchronously, with `merge`), take an 'import' snapshot, validate and write every changed row. A failure
 * anywhere (an invalid merged row, a failed request, an abort) rolls everything back, snapshot included.
 * Merged rows keep the updatedAt the merge gives them, except where a tombstone is at least as new: those get
 * updatedAt = now so that sync does not delete again what the user just imported.
 */
export async function importLibraryItems(
  db: LibraryDb,
  incoming: LibraryItem[],
  now: number,
  merge: MergeLibrariesFn,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  return inWriteTx(db, async (tx) => {
    const items = tx.objectStore('items');
    const existing = await items.getAll();
    const { result, report } = merge(existing, incoming);
    const existingByKey = new Map(existing.map((item) => [item.key, item]));
    const changed = result.filter((row) => {
      const before = existingByKey.get(row.key);
      return !before || !sameLibraryItem(before, row);
    });
    const counts = { added: report.added, merged: report.merged, unchanged: report.unchanged };
    if (changed.length === 0) return { report: counts, snapshotId: null, written: [] };
    // Validated before the snapshot, so that a bad row fails fast; the abort would undo it anyway.
    const rows = changed.map((row) => validItem(row, String(row?.key), 'import'));
    const snapshotId = await addSnapshot(tx, 'import', now, existing);
    const tombstones = tx.objectStore('tombstones');
    const deletedAt = await Promise.all(rows.map((row) => tombstones.get(row.key)));
    await Promise.all(
      rows.map((row, i) => {
        const tombstone = deletedAt[i];
        const revived = tombstone && tombstone.deletedAt >= row.updatedAt ? { ...row, updatedAt: now } : row;
        return items.put(revived);
      }),
    );
    await Promise.all(rows.map((row) => tombstones.delete(row.key)));
    options.beforeCommit?.();
    return { report: counts, snapshotId, written: rows.map((row) => row.key) };
  });
}

/** What a merge decided for the local library (sync). */
export interface LibraryDelta {
  /** Rows to write (validated again before writing). */
  upserts: LibraryItem[];
  /** Keys to delete. */
  deletions: string[];
  /** Tombstones to store (each replaces the key's previous one). */
  tombstones: Tombstone[];
  /** Keys whose tombstone is obsolete (the item came back). */
  clearedTombstones: string[];
}

/**
 * Read every item and tombstone, let `compute` decide (synchronously) what to change, and apply it, all in
 * one transaction (used by sync, so a save that happens meanwhile is never overwritten by a stale merge).
 * Takes the daily snapshot first when the delta changes anything. Resolves to what `compute` returned.
 */
export async function applyLibraryDelta<T extends { delta: LibraryDelta }>(
  db: LibraryDb,
  compute: (items: LibraryItem[], tombstones: Tombstone[]) => T,
  now: number,
): Promise<T> {
  return inWriteTx(db, async (tx) => {
    const items = tx.objectStore('items');
    const tombstones = tx.objectStore('tombstones');
    const outcome = compute(await items.getAll(), await tombstones.getAll());
    const { upserts, deletions, tombstones: newTombstones, clearedTombstones } = outcome.delta;
    const rows = upserts.map((row) => validItem(row, String(row?.key), 'sync'));
    if (rows.length || deletions.length) await takeDailySnapshotIfDue(tx, now);
    await Promise.all(rows.map((row) => items.put(row)));
    await Promise.all(deletions.map((key) => items.delete(key)));
    await Promise.all(clearedTombstones.map((key) => tombstones.delete(key)));
    await Promise.all(newTombstones.map((tombstone) => tombstones.put(tombstone)));
    if (newTombstones.length) await pruneTombstones(tx);
    return outcome;
  });
}

/** Every tombstone, newest first. */
export async function listTombstones(db: LibraryDb): Promise<Tombstone[]> {
  assertExtensionOrigin();
  return (await db.getAllFromIndex('tombstones', 'deletedAt')).reverse();
}

/** All saved papers, most recently saved first (ties: key descending). */
export async function listLibraryItems(db: LibraryDb): Promise<LibraryItem[]> {
  assertExtensionOrigin();
  return (await db.getAllFromIndex('items', 'savedAt')).reverse();
}

/** Number of saved papers. */
export async function countLibraryItems(db: LibraryDb): Promise<number> {
  assertExtensionOrigin();
  return db.count('items');
}
